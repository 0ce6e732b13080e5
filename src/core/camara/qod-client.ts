// Typed QoD operations for every flavour: validated before sending (an invalid body never leaves the
// machine), answered as the normalised session view plus the raw body and the recorded exchange.
import { CancelledError, sleep } from '../errors';
import type { Exchange } from '../http/exchange';
import type { HttpTransport } from '../http/transport';
import { apiUrls, type Environment } from '../environments';
import { explainError } from './error-catalogue';
import type { QosProfile } from './fields';
import type { Flavour } from './flavour';
import { normaliseSession, type SessionView } from './normalise';
import { supports, validateRequest, type FieldIssue, type RequestKind } from './validate';

export class QodValidationError extends Error {
  override readonly name = 'QodValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(`The request was not sent: ${issues.map((i) => i.message).join('; ')}`);
  }
}

/** An error answer of the QoD API, with the catalogue's explanation and fix hint. */
export class QodError extends Error {
  override readonly name = 'QodError';
  readonly explanation?: string;
  readonly fix?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly correlator?: string,
    readonly exchange?: Exchange,
  ) {
    const entry = explainError(code);
    super(`${status} ${code}: ${apiMessage}${entry ? ` — ${entry.fix}` : ''}`);
    this.explanation = entry?.explanation;
    this.fix = entry?.fix;
  }
}

export interface QodResult<T> {
  value: T;
  raw: unknown;
  status: number;
  exchange?: Exchange;
}

export interface QodClientOptions {
  environment: Environment;
  transport: HttpTransport;
  /** Supplies a valid access token (from the token cache, signing in when needed). */
  accessToken: (signal?: AbortSignal) => Promise<string>;
  /** Retries for idempotent operations (GET, DELETE) on 429/502/503/504; bounded. */
  maxRetries?: number;
  /** Longest Retry-After honoured, ms. */
  maxRetryDelayMs?: number;
  /** The sandbox accepts plain-http sinks on loopback. */
  allowLoopbackHttpSink?: boolean;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

export class QodClient {
  readonly flavour: Flavour;

  constructor(private readonly options: QodClientOptions) {
    this.flavour = options.environment.flavour;
  }

  async createSession(body: unknown, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    return this.#session('POST', '/sessions', signal, this.#validated('createSession', body));
  }

  async getSession(id: string, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    return this.#session('GET', `/sessions/${encodeURIComponent(id)}`, signal);
  }

  async deleteSession(id: string, signal?: AbortSignal): Promise<QodResult<undefined>> {
    const r = await this.#call('DELETE', this.#sessionsUrl(`/sessions/${encodeURIComponent(id)}`), signal);
    return { ...r, value: undefined };
  }

  async extendSession(id: string, requestedAdditionalDuration: number, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    this.#require('extendSession');
    return this.#session('POST', `/sessions/${encodeURIComponent(id)}/extend`, signal, this.#validated('extendSession', { requestedAdditionalDuration }));
  }

  async retrieveSessions(device: unknown, signal?: AbortSignal): Promise<QodResult<SessionView[]>> {
    this.#require('retrieveSessions');
    const body = this.#validated('retrieveSessions', device === undefined ? {} : { device });
    const r = await this.#call('POST', this.#sessionsUrl('/retrieve-sessions'), signal, body);
    return { ...r, value: (r.raw as unknown[]).map((s) => normaliseSession(this.flavour, s)) };
  }

  async listProfiles(filter: { name?: string; status?: string; device?: unknown } = {}, signal?: AbortSignal): Promise<QodResult<QosProfile[]>> {
    const base = this.#profilesUrl();
    if (this.flavour === 'v1') {
      const r = await this.#call('POST', `${base}/retrieve-qos-profiles`, signal, this.#validated('retrieveQosProfiles', filter));
      return { ...r, value: r.raw as QosProfile[] };
    }
    const query = new URLSearchParams();
    if (filter.name) query.set('name', filter.name);
    if (filter.status) query.set('status', filter.status);
    const r = await this.#call('GET', `${base}/qos-profiles${query.size ? `?${query}` : ''}`, signal);
    return { ...r, value: r.raw as QosProfile[] };
  }

  async getProfile(name: string, signal?: AbortSignal): Promise<QodResult<QosProfile>> {
    const r = await this.#call('GET', `${this.#profilesUrl()}/qos-profiles/${encodeURIComponent(name)}`, signal);
    return { ...r, value: r.raw as QosProfile };
  }

  #require(kind: RequestKind): void {
    if (!supports(this.flavour, kind)) {
      throw new QodValidationError([{ path: '(operation)', rule: `is not part of QoD ${this.flavour}`, message: `${kind} is not part of QoD ${this.flavour}` }]);
    }
  }

  #validated(kind: RequestKind, body: unknown): unknown {
    const result = validateRequest(this.flavour, kind, body, { allowLoopbackHttpSink: this.options.allowLoopbackHttpSink });
    if (!result.ok) throw new QodValidationError(result.issues);
    return result.value;
  }

  #sessionsUrl(path: string): string {
    return `${apiUrls(this.options.environment).sessions}${path}`;
  }

  #profilesUrl(): string {
    const profiles = apiUrls(this.options.environment).profiles;
    if (!profiles) {
      throw new QodValidationError([{ path: '(operation)', rule: 'is not part of this flavour', message: `QoS profiles are not part of QoD ${this.flavour}` }]);
    }
    return profiles;
  }

  async #session(method: string, path: string, signal?: AbortSignal, body?: unknown): Promise<QodResult<SessionView>> {
    const r = await this.#call(method, this.#sessionsUrl(path), signal, body);
    return { ...r, value: normaliseSession(this.flavour, r.raw) };
  }

  async #call(method: string, url: string, signal?: AbortSignal, body?: unknown): Promise<Omit<QodResult<unknown>, 'value'>> {
    const idempotent = method === 'GET' || method === 'DELETE';
    const maxRetries = idempotent ? (this.options.maxRetries ?? 2) : 0;
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.accessToken(signal);
      const correlator = crypto.randomUUID();
      const { status, headers, text, exchange } = await this.options.transport.send(
        url,
        {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        { kind: 'api', signal, correlator },
      );
      const raw = text ? safeJson(text) : undefined;
      if (status >= 200 && status < 300) return { raw, status, exchange };
      if (attempt < maxRetries && RETRYABLE.has(status)) {
        await sleep(this.#retryDelay(headers['retry-after'] ?? null, attempt), signal);
        continue;
      }
      if (signal?.aborted) throw new CancelledError();
      const error = raw as { code?: string; message?: string } | undefined;
      throw new QodError(
        status,
        error?.code ?? `HTTP_${status}`,
        this.options.transport.redactor.text(error?.message ?? (text.slice(0, 200) || `HTTP ${status}`)),
        headers['x-correlator'] ?? correlator,
        exchange,
      );
    }
  }

  #retryDelay(retryAfter: string | null, attempt: number): number {
    const max = this.options.maxRetryDelayMs ?? 10_000;
    const seconds = retryAfter === null ? NaN : Number(retryAfter);
    const fromHeader = Number.isFinite(seconds) ? seconds * 1000 : retryAfter ? Date.parse(retryAfter) - Date.now() : NaN;
    return Math.min(max, Math.max(0, Number.isFinite(fromHeader) ? fromHeader : 250 * 2 ** attempt));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
