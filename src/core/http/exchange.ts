// The record of one HTTP exchange, as the user inspects it. Built already redacted.
import { ownCallReason } from './own-call';

export type ExchangeKind = 'discovery' | 'routing' | 'bc-authorize' | 'ciba-poll' | 'token' | 'revocation' | 'api' | 'other';

export interface Exchange {
  id: number;
  kind: ExchangeKind;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** The response body's size as received, in bytes (before redaction). */
  responseBytes?: number;
  /** Epoch ms when the request started. */
  startedAt: number;
  /** Until the response headers arrived. */
  timeToFirstByteMs?: number;
  totalMs?: number;
  /** The x-correlator sent, and whether the server echoed it. */
  correlator?: string;
  correlatorEchoed?: boolean;
  error?: string;
  /** Why the tool made this request for itself (see own-call.ts); absent for the user's requests. */
  own?: string;
}

export type ExchangeListener = (exchange: Exchange) => void;

/** Keeps the most recent exchanges and tells listeners (the log, the playground) about each one. */
export class ExchangeRecorder {
  readonly #exchanges: Exchange[] = [];
  readonly #listeners = new Set<ExchangeListener>();
  #nextId = 1;

  constructor(private readonly limit = 500) {}

  nextId(): number {
    return this.#nextId++;
  }

  record(exchange: Exchange): void {
    // Recorded in the async context of the request, so its caller's own-call reason is still known here.
    const own = ownCallReason();
    if (own && !exchange.own) exchange.own = own;
    this.#exchanges.push(exchange);
    if (this.#exchanges.length > this.limit) this.#exchanges.shift();
    for (const listener of this.#listeners) listener(exchange);
  }

  list(): readonly Exchange[] {
    return this.#exchanges;
  }

  onExchange(listener: ExchangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
