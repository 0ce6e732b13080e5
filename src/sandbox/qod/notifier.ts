// Delivers status-change notifications to a session's sink: CloudEvents 1.0 for v1, v1.2 and v0.10 (each with its
// own event type), the bare `{sessionId, event}` of v0.8. Bounded retries with exponential backoff, a bound on
// deliveries under way (each holds a socket for as long as a slow sink makes it) and a bounded queue behind it:
// a hanging sink costs at most `maxConcurrent` sockets, and what does not fit is dropped and counted.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Agent, request, type buildConnector } from 'undici';
import { EVENT_TYPE as V0_10_EVENT } from '../../core/camara/v0_10';
import { isV1Family } from '../../core/camara/flavour';
import { EVENT_TYPE as V1_EVENT } from '../../core/camara/v1';
import type { Session } from './sessions';

export interface DeliveryReport {
  sessionId: string;
  url: string;
  attempts: number;
  ok: boolean;
  status?: number;
  error?: string;
  /** Never attempted: the queue was full. */
  dropped?: boolean;
}

export interface NotifierStats {
  delivered: number;
  failed: number;
  dropped: number;
  queued: number;
  inFlight: number;
}

export interface NotifierOptions {
  attempts: number;
  firstBackoffMs: number;
  timeoutMs: number;
  source: string;
  /** Deliveries under way at once (each may hold a socket up to `timeoutMs` per attempt). */
  maxConcurrent?: number;
  /** Deliveries waiting for a free slot; beyond this they are dropped and counted. */
  maxQueued?: number;
  onDelivery?: (report: DeliveryReport) => void;
  /** Opens the connections (the sink guard's, which checks every address first); undici's own by default. */
  connect?: buildConnector.connector;
}

export class Notifier {
  readonly #queue: Array<() => Promise<void>> = [];
  readonly #abort = new AbortController();
  readonly #agent: Agent;
  readonly #stats: NotifierStats = { delivered: 0, failed: 0, dropped: 0, queued: 0, inFlight: 0 };
  #idle: Array<() => void> = [];

  constructor(private readonly options: NotifierOptions) {
    const connect = options.connect ? { connect: options.connect } : {};
    this.#agent = new Agent({ connections: this.#maxConcurrent, keepAliveTimeout: 1000, ...connect });
    // Every delivery under way listens for close: a known, bounded number.
    setMaxListeners(this.#maxConcurrent * 2 + 10, this.#abort.signal);
  }

  get #maxConcurrent(): number {
    return this.options.maxConcurrent ?? 16;
  }

  /** Sends the session's current status to its sink, if it has one; never throws. */
  notify(session: Session): void {
    const message = this.#message(session);
    if (!session.sink || !message) return;
    const { id, sink } = session;
    if (this.#queue.length >= (this.options.maxQueued ?? 1000)) {
      this.#stats.dropped++;
      this.options.onDelivery?.({
        sessionId: id,
        url: sink.url,
        attempts: 0,
        ok: false,
        dropped: true,
        error: 'dropped: too many notifications waiting',
      });
      return;
    }
    this.#queue.push(() => this.#deliver(id, sink.url, sink.token, message));
    this.#pump();
  }

  stats(): NotifierStats {
    return { ...this.#stats, queued: this.#queue.length };
  }

  /** Waits until nothing is queued or under way (tests), bounded by the deliveries' own retries and timeouts. */
  async settled(): Promise<void> {
    if (this.#queue.length === 0 && this.#stats.inFlight === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  close(): void {
    this.#abort.abort();
    this.#queue.length = 0;
    void this.#agent.close();
  }

  #pump(): void {
    while (this.#stats.inFlight < this.#maxConcurrent && this.#queue.length > 0) {
      const job = this.#queue.shift() as () => Promise<void>;
      this.#stats.inFlight++;
      void job().finally(() => {
        this.#stats.inFlight--;
        this.#pump();
        if (this.#stats.inFlight === 0 && this.#queue.length === 0) {
          for (const resolve of this.#idle.splice(0)) resolve();
        }
      });
    }
  }

  #message(session: Session): { contentType: string; body: unknown } | undefined {
    const data = {
      sessionId: session.id,
      qosStatus: session.status,
      ...(session.statusInfo ? { statusInfo: session.statusInfo } : {}),
    };
    const time = new Date().toISOString();
    // 1.2's QosNotificationEvent keeps 1.1's type string and payload.
    if (isV1Family(session.flavour)) {
      return {
        contentType: 'application/cloudevents+json',
        body: {
          id: randomUUID(),
          source: this.options.source,
          specversion: '1.0',
          type: V1_EVENT,
          time,
          datacontenttype: 'application/json',
          data,
        },
      };
    }
    if (session.flavour === 'v0.10') {
      return {
        contentType: 'application/cloudevents+json',
        body: {
          id: randomUUID(),
          source: this.options.source,
          specversion: '1.0',
          type: V0_10_EVENT,
          time,
          datacontenttype: 'application/json',
          data,
        },
      };
    }
    // v0.8 defines only the termination event.
    return session.status === 'UNAVAILABLE'
      ? { contentType: 'application/json', body: { sessionId: session.id, event: 'SESSION_TERMINATED' } }
      : undefined;
  }

  async #deliver(
    sessionId: string,
    url: string,
    token: string | undefined,
    message: { contentType: string; body: unknown },
  ): Promise<void> {
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
          dispatcher: this.#agent,
          method: 'POST',
          headers,
          body: JSON.stringify(message.body),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: this.#abort.signal,
        });
        await res.body.dump();
        if (res.statusCode < 300) {
          this.#stats.delivered++;
          onDelivery?.({ sessionId, url, attempts: attempt, ok: true, status: res.statusCode });
          return;
        }
        last = { status: res.statusCode };
        // A client error will not change on retry.
        if (res.statusCode < 500 && res.statusCode !== 429) break;
      } catch (error) {
        last = { error: (error as Error).message };
        // The sink guard refused the address: asking again would get the same answer.
        if ((error as { code?: string }).code === 'ERR_SINK_REFUSED') break;
      }
      if (attempt < attempts) await sleep(firstBackoffMs * 2 ** (attempt - 1), this.#abort.signal);
    }
    this.#stats.failed++;
    onDelivery?.({ sessionId, url, attempts: made, ok: false, ...last });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
