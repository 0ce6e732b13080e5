// Delivers status-change notifications to a session's sink: CloudEvents 1.0 for v1, v1.2 and v0.10 (each with its
// own event type), the bare `{sessionId, event}` of v0.8. Bounded retries with exponential backoff, a bound on
// deliveries under way (each holds a socket for as long as a slow sink makes it) and a bounded queue behind it:
// a hanging sink costs at most `maxConcurrent` sockets, and what does not fit is dropped and counted. A 1.2 sink
// with a PRIVATE_KEY_JWT credential gets the token asked of the app's endpoint first (an assertion signed by the
// sandbox's notification key), kept until shortly before it expires.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Agent, request, type buildConnector } from 'undici';
import { EVENT_TYPE as V0_10_EVENT } from '../../core/camara/v0_10';
import { isV1Family } from '../../core/camara/flavour';
import { EVENT_TYPE as V1_EVENT } from '../../core/camara/v1';
import type { NotificationSigner } from './notification-signer';
import type { Session, Sink } from './sessions';

export interface DeliveryReport {
  /** The session's id, or the QoS assignment's. */
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
  /** Signs the PRIVATE_KEY_JWT assertions; without it such sinks are not notified (the failure is reported). */
  signer?: NotificationSigner;
}

/** A token endpoint's answer is refused past this size; its token is kept at most this long. */
const MAX_TOKEN_ANSWER_BYTES = 16 * 1024;
const MAX_TOKEN_SECONDS = 3600;

/** Why no token came: said in the delivery report; `final` when asking again would get the same answer. */
class TokenError extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

export class Notifier {
  readonly #queue: Array<() => Promise<void>> = [];
  readonly #abort = new AbortController();
  readonly #agent: Agent;
  readonly #stats: NotifierStats = { delivered: 0, failed: 0, dropped: 0, queued: 0, inFlight: 0 };
  /** PRIVATE_KEY_JWT tokens by `clientId tokenUri`, with when they stop being used (bounded). */
  readonly #tokens = new Map<string, { token: string; until: number }>();
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
    if (session.sink && message) this.send(session.id, session.sink, message);
  }

  /**
   * Delivers one message to a sink with the same guard, retries, queue and credentials (QoS Provisioning's events
   * come this way); `id` names the resource in the delivery report. Never throws.
   */
  send(id: string, sink: Sink, message: { contentType: string; body: unknown }): void {
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
    this.#queue.push(() => this.#deliver(id, sink, message));
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

  async #deliver(sessionId: string, sink: Sink, message: { contentType: string; body: unknown }): Promise<void> {
    const { attempts, firstBackoffMs, timeoutMs, onDelivery } = this.options;
    const { url } = sink;
    let last: { status?: number; error?: string } = {};
    let made = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      made = attempt;
      if (this.#abort.signal.aborted) return;
      try {
        const headers: Record<string, string> = { 'content-type': message.contentType };
        const token = sink.privateKeyJwt ? await this.#tokenFor(sink.privateKeyJwt) : sink.token;
        if (token) headers.authorization = `Bearer ${token}`;
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
        // A kept PRIVATE_KEY_JWT token the sink no longer takes (it restarted, it revoked it): forgotten, and asked
        // for again on the next attempt. Any other client error will not change on retry.
        const refusedToken = sink.privateKeyJwt && (res.statusCode === 401 || res.statusCode === 403);
        if (refusedToken) this.#tokens.delete(tokenKey(sink.privateKeyJwt as { clientId: string; tokenUri: string }));
        if (!refusedToken && res.statusCode < 500 && res.statusCode !== 429) break;
      } catch (error) {
        last = { error: (error as Error).message };
        // The sink guard refused the address, or the token endpoint refused us: asking again gets the same answer.
        if ((error as { code?: string }).code === 'ERR_SINK_REFUSED' || (error instanceof TokenError && error.final)) break;
      }
      if (attempt < attempts) await sleep(firstBackoffMs * 2 ** (attempt - 1), this.#abort.signal);
    }
    this.#stats.failed++;
    onDelivery?.({ sessionId, url, attempts: made, ok: false, ...last });
  }

  /** The bearer for a PRIVATE_KEY_JWT sink: kept, or asked of the app's token endpoint (client_credentials). */
  async #tokenFor({ clientId, tokenUri }: { clientId: string; tokenUri: string }): Promise<string> {
    const key = tokenKey({ clientId, tokenUri });
    const kept = this.#tokens.get(key);
    if (kept && kept.until > Date.now()) return kept.token;
    if (!this.options.signer) throw new TokenError('token endpoint: the sandbox has no notification key', true);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await this.options.signer.assertion(clientId, tokenUri),
    });
    const res = await request(tokenUri, {
      dispatcher: this.#agent,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      // A whole deadline too: an endpoint that trickles its answer must not hold a delivery slot.
      signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
    });
    const text = await readBounded(res.body);
    let answer: { access_token?: unknown; expires_in?: unknown; error?: unknown } = {};
    try {
      answer = JSON.parse(text ?? '') as typeof answer;
    } catch {
      // Said below: no token in what came back.
    }
    if (res.statusCode !== 200 || typeof answer.access_token !== 'string' || !answer.access_token || answer.access_token.length > 4096) {
      const code = typeof answer.error === 'string' ? ` ${answer.error.slice(0, 60)}` : '';
      throw new TokenError(`token endpoint ${tokenUri} answered ${res.statusCode}${code}, no access token`, res.statusCode < 500);
    }
    const seconds = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? Math.min(answer.expires_in, MAX_TOKEN_SECONDS) : 60;
    if (this.#tokens.size >= 100) this.#tokens.delete(this.#tokens.keys().next().value as string);
    // Used until 10 s before it expires (a token kept to its last second could expire on the way).
    this.#tokens.set(key, { token: answer.access_token, until: Date.now() + Math.max(0, seconds - 10) * 1000 });
    return answer.access_token;
  }
}

const tokenKey = ({ clientId, tokenUri }: { clientId: string; tokenUri: string }): string => `${clientId} ${tokenUri}`;

/** A response body as text, or undefined past MAX_TOKEN_ANSWER_BYTES (then the rest is not read). */
async function readBounded(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_TOKEN_ANSWER_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
