// The status bar item: the active environment and how many sessions run there (or when the next one ends).
import * as vscode from 'vscode';
import type { Environments } from '../vscode/environments';
import { remaining, type SessionRegistry } from '../core/sessions/session-registry';

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('qod.status', vscode.StatusBarAlignment.Left, 50);
  readonly #subscriptions: vscode.Disposable[];
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly environments: Environments,
  ) {
    this.item.name = 'QoD';
    this.item.command = 'qod.selectEnvironment';
    this.#subscriptions = [registry.onDidChange(() => this.update()), environments.onDidChange(() => this.update())];
    this.#timer = setInterval(() => this.update(), 1000);
    this.update();
    this.item.show();
  }

  update(): void {
    const id = this.environments.activeId;
    const label = this.environments.choices().find((c) => c.id === id)?.label ?? id;
    const active = this.registry.active(id);
    const next = active.filter((s) => s.expiresAt).sort((a, b) => Date.parse(a.expiresAt as string) - Date.parse(b.expiresAt as string))[0];
    const count = active.length === 0 ? '' : active.length === 1 && next ? ` · ${remaining(next)}` : ` · ${active.length} active`;
    this.item.text = `$(pulse) QoD: ${label}${count}`;
    this.item.tooltip = vscode.workspace.isTrusted
      ? vscode.l10n.t('QoD environment (click to change)')
      : vscode.l10n.t('QoD environment (click to change). Restricted mode: provider settings come only from your user settings.');
  }

  dispose(): void {
    clearInterval(this.#timer);
    for (const s of this.#subscriptions) s.dispose();
    this.item.dispose();
  }
}
