// Delivers status-change notifications to a session's sink: CloudEvents 1.0 for v1 and v0.10 (each with its
// own event type), the bare `{sessionId, event}` of v0.8. Bounded retries with exponential backoff.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { EVENT_TYPE as V0_10_EVENT } from '../../core/camara/v0_10';
import { EVENT_TYPE as V1_EVENT } from '../../core/camara/v1';
import type { Session } from './sessions';

export interface DeliveryReport {
  sessionId: string;
  url: string;
  attempts: number;
  ok: boolean;
  status?: number;
  error?: string;
}

export interface NotifierOptions {
  attempts: number;
  firstBackoffMs: number;
  timeoutMs: number;
  source: string;
  onDelivery?: (report: DeliveryReport) => void;
}

export class Notifier {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #abort = new AbortController();

  constructor(private readonly options: NotifierOptions) {}

  /** Sends the session's current status to its sink, if it has one; never throws. */
  notify(session: Session): void {
    const message = this.#message(session);
    if (!session.sink || !message) return;
    const delivery = this.#deliver(session.id, session.sink.url, session.sink.token, message).finally(() =>
      this.#inFlight.delete(delivery),
    );
    this.#inFlight.add(delivery);
  }

  /** Waits for deliveries under way (tests), bounded by their own retries and timeouts. */
  async settled(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  close(): void {
    this.#abort.abort();
  }

  #message(session: Session): { contentType: string; body: unknown } | undefined {
    const data = {
      sessionId: session.id,
      qosStatus: session.status,
      ...(session.statusInfo ? { statusInfo: session.statusInfo } : {}),
    };
    const time = new Date().toISOString();
    if (session.flavour === 'v1') {
      return {
        contentType: 'application/cloudevents+json',
        body: { id: randomUUID(), source: this.options.source, specversion: '1.0', type: V1_EVENT, time, datacontenttype: 'application/json', data },
      };
    }
    if (session.flavour === 'v0.10') {
      return {
        contentType: 'application/cloudevents+json',
        body: { id: randomUUID(), source: this.options.source, specversion: '1.0', type: V0_10_EVENT, time, datacontenttype: 'application/json', data },
      };
    }
    // v0.8 defines only the termination event.
    return session.status === 'UNAVAILABLE'
      ? { contentType: 'application/json', body: { sessionId: session.id, event: 'SESSION_TERMINATED' } }
      : undefined;
  }

  async #deliver(sessionId: string, url: string, token: string | undefined, message: { contentType: string; body: unknown }): Promise<void> {
    const { attempts, firstBackoffMs, timeoutMs, onDelivery } = this.options;
    const headers: Record<string, string> = { 'content-type': message.contentType };
    if (token) headers.authorization = `Bearer ${token}`;
    let last: { status?: number; error?: string } = {};
    let made = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      made = attempt;
      if (this.#abort.signal.aborted) return;
      try {
        const res = await request(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(message.body),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: this.#abort.signal,
        });
        await res.body.dump();
        if (res.statusCode < 300) {
          onDelivery?.({ sessionId, url, attempts: attempt, ok: true, status: res.statusCode });
          return;
        }
        last = { status: res.statusCode };
        // A client error will not change on retry.
        if (res.statusCode < 500 && res.statusCode !== 429) break;
      } catch (error) {
        last = { error: (error as Error).message };
      }
      if (attempt < attempts) await sleep(firstBackoffMs * 2 ** (attempt - 1), this.#abort.signal);
    }
    onDelivery?.({ sessionId, url, attempts: made, ok: false, ...last });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
