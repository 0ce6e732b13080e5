// The "QoD" log: every exchange from the core's recorder (already redacted), plus what the extension does.
import * as vscode from 'vscode';
import type { Exchange } from '../core/http/exchange';
import { formatExchange } from '../core/http/log-format';

export class QodLog implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('QoD', { log: true });
  /** The recent lines, for the tests to check that no secret was written. */
  readonly #recent: string[] = [];

  exchange(exchange: Exchange): void {
    const line = formatExchange(exchange);
    this.#keep(line);
    if (exchange.error || (exchange.status ?? 0) >= 400) this.channel.warn(line);
    else this.channel.info(line);
    const detail = formatExchange(exchange, true);
    this.#keep(detail);
    this.channel.trace(detail);
  }

  info(message: string): void {
    this.#keep(message);
    this.channel.info(message);
  }

  error(message: string): void {
    this.#keep(message);
    this.channel.error(message);
  }

  lines(): readonly string[] {
    return this.#recent;
  }

  #keep(line: string): void {
    this.#recent.push(line);
    if (this.#recent.length > 2000) this.#recent.shift();
  }

  dispose(): void {
    this.channel.dispose();
  }
}
