// Typed QoD operations for every flavour: validated before sending (an invalid body never leaves the
// machine), answered as the normalised session view plus the raw body and the recorded exchange.
import { CancelledError, NetworkError, sleep } from '../errors';
import type { Exchange } from '../http/exchange';
import type { HttpTransport } from '../http/transport';
import { apiUrls, type Environment } from '../environments';
import { summariseErrorBody } from './error-body';
import { explainError } from './error-catalogue';
import type { z } from 'zod';
import { cleanProviderText, PROVIDER_TEXT_LIMITS } from '../http/provider-text';
import { safeJson } from '../http/safe-json';
import { isLoopbackHttpUrl, qosProfileName, uuid, type QosProfile } from './fields';
import type { Flavour } from './flavour';
import { normaliseSession, type SessionView } from './normalise';
import { checkResponse, EXPECTED, type ResponseKind } from './responses';
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
    /** For answers that are not CAMARA errors: what to do (CAMARA codes take the catalogue's fix). */
    hint?: string,
    /** The server's Retry-After, in seconds, when it sent one. */
    readonly retryAfterSeconds?: number,
    /** What the answer means for this request, where the catalogue's general words would mislead. */
    advice?: { explanation: string; fix: string },
  ) {
    const entry = advice ?? explainError(code);
    const fix = entry?.fix ?? hint;
    super(`${status} ${code}: ${apiMessage}${fix ? ` — ${fix}` : ''}`);
    this.explanation = entry?.explanation;
    this.fix = fix;
  }

  /** The same answer, explained for the request that got it. */
  withAdvice(advice: { explanation: string; fix: string }): QodError {
    return new QodError(this.status, this.code, this.apiMessage, this.correlator, this.exchange, undefined, this.retryAfterSeconds, advice);
  }
}

/** A 2xx answer that is not what the flavour's specification says it is: never used as if it were. */
export class QodResponseError extends Error {
  override readonly name = 'QodResponseError';
  constructor(
    readonly status: number,
    readonly expected: string,
    readonly issues: FieldIssue[],
    readonly exchange?: Exchange,
  ) {
    super(
      `The API answered ${status} but not with ${expected}: ${issues
        .slice(0, 5)
        .map((i) => i.message)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
    );
  }
}

/** Where a QoD call may not go: a bearer token never travels in clear text except to this machine. */
export class QodConfigurationError extends Error {
  override readonly name = 'QodConfigurationError';
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
    const valid = this.#validated('createSession', body);
    try {
      return await this.#session('POST', '/sessions', signal, valid);
    } catch (error) {
      // The request may have reached the operator before the connection went: say how to find out.
      if (error instanceof NetworkError && (error.kind === 'closed' || error.kind === 'timeout')) {
        throw new NetworkError(
          `${error.message} The session may have been created all the same: list the device's sessions (retrieve-sessions, \`qod session list\`, or the sessions view) before creating it again, or a second create may answer 409 CONFLICT.`,
          error.kind,
        );
      }
      throw error;
    }
  }

  async getSession(id: string, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    return this.#session('GET', sessionPath(id), signal);
  }

  async deleteSession(id: string, signal?: AbortSignal): Promise<QodResult<undefined>> {
    const r = await this.#call('DELETE', this.#sessionsUrl(sessionPath(id)), signal);
    return { ...r, value: undefined };
  }

  async extendSession(id: string, requestedAdditionalDuration: number, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    this.#require('extendSession');
    return this.#session('POST', `${sessionPath(id)}/extend`, signal, this.#validated('extendSession', { requestedAdditionalDuration }));
  }

  async retrieveSessions(device: unknown, signal?: AbortSignal): Promise<QodResult<SessionView[]>> {
    this.#require('retrieveSessions');
    const body = this.#validated('retrieveSessions', device === undefined ? {} : { device });
    const r = await this.#call('POST', this.#sessionsUrl('/retrieve-sessions'), signal, body, 'sessions');
    return { ...r, value: (r.raw as unknown[]).map((s) => normaliseSession(this.flavour, s)) };
  }

  async listProfiles(
    filter: { name?: string; status?: string; device?: unknown } = {},
    signal?: AbortSignal,
  ): Promise<QodResult<QosProfile[]>> {
    const base = this.#profilesUrl();
    if (this.flavour === 'v1') {
      const r = await this.#call(
        'POST',
        `${base}/retrieve-qos-profiles`,
        signal,
        this.#validated('retrieveQosProfiles', filter),
        'profiles',
      );
      return { ...r, value: (r.raw as QosProfile[]).map(shownProfile) };
    }
    const query = new URLSearchParams();
    if (filter.name) query.set('name', filter.name);
    if (filter.status) query.set('status', filter.status);
    const r = await this.#call('GET', `${base}/qos-profiles${query.size ? `?${query}` : ''}`, signal, undefined, 'profiles');
    return { ...r, value: (r.raw as QosProfile[]).map(shownProfile) };
  }

  async getProfile(name: string, signal?: AbortSignal): Promise<QodResult<QosProfile>> {
    const checked = checkedPathSegment('name', name, qosProfileName, 'a profile name of 3..256 letters, digits, _ . -');
    const path = `/qos-profiles/${encodeURIComponent(checked)}`;
    const r = await this.#call('GET', `${this.#profilesUrl()}${path}`, signal, undefined, 'profile');
    return { ...r, value: shownProfile(r.raw as QosProfile) };
  }

  #require(kind: RequestKind): void {
    if (!supports(this.flavour, kind)) {
      throw new QodValidationError([
        { path: '(operation)', rule: `is not part of QoD ${this.flavour}`, message: `${kind} is not part of QoD ${this.flavour}` },
      ]);
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
      throw new QodValidationError([
        { path: '(operation)', rule: 'is not part of this flavour', message: `QoS profiles are not part of QoD ${this.flavour}` },
      ]);
    }
    return profiles;
  }

  async #session(method: string, path: string, signal?: AbortSignal, body?: unknown): Promise<QodResult<SessionView>> {
    const r = await this.#call(method, this.#sessionsUrl(path), signal, body, 'session');
    return { ...r, value: normaliseSession(this.flavour, r.raw) };
  }

  /** Plain http only to this machine; decided once per base URL (a hot path). */
  readonly #loopbackChecked = new Map<string, boolean>();
  #plainHttpAllowed(url: string): boolean {
    const origin = /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? url;
    let allowed = this.#loopbackChecked.get(origin);
    if (allowed === undefined) {
      allowed = isLoopbackHttpUrl(url);
      if (this.#loopbackChecked.size < 100) this.#loopbackChecked.set(origin, allowed);
    }
    return allowed;
  }

  /** Sends one operation; a 2xx body of `expect` is checked against the flavour's schema before anyone uses it. */
  async #call(
    method: string,
    url: string,
    signal?: AbortSignal,
    body?: unknown,
    expect?: ResponseKind,
  ): Promise<Omit<QodResult<unknown>, 'value'>> {
    if (!url.startsWith('https://') && !this.#plainHttpAllowed(url)) {
      throw new QodConfigurationError(
        `${url} must use https:// (plain http only on 127.0.0.1/localhost): the access token would travel in clear text`,
      );
    }
    const idempotent = method === 'GET' || method === 'DELETE';
    const maxRetries = idempotent ? (this.options.maxRetries ?? 2) : 0;
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.accessToken(signal);
      const correlator = crypto.randomUUID();
      const answer = await this.options.transport.send(
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
      const { status, headers, exchange } = answer;
      // Before anything reads it, and before anything cuts it short: the answer loses every secret we know, in
      // every encoding we sent it in (a provider that echoes the Authorization header, a token in an error code).
      const redactor = this.options.transport.redactor;
      const text = redactor.text(answer.text);
      // JSON may spell a secret with escapes (`\u0065yJ…`, `\/`) that only parsing undoes: then the parsed strings are
      // scrubbed too. Without such an escape every string stands in the text as it is, and the text was scrubbed.
      const parsed = text ? safeJson(text) : undefined;
      const raw = /\\[u/]/.test(text) ? redactor.strings(parsed) : parsed;
      if (status >= 200 && status < 300) {
        const check = expect ? checkResponse(this.flavour, expect, raw) : { ok: true as const };
        if (!check.ok)
          throw new QodResponseError(status, `${EXPECTED[expect as ResponseKind]} (QoD ${this.flavour})`, check.issues, exchange);
        return { raw, status, exchange };
      }
      const retryAfterMs = parseRetryAfter(headers['retry-after']);
      const maxWaitMs = this.options.maxRetryDelayMs ?? 10_000;
      const waitMs = retryAfterMs ?? 250 * 2 ** attempt;
      if (attempt < maxRetries && RETRYABLE.has(status) && waitMs <= maxWaitMs) {
        await sleep(waitMs, signal);
        continue;
      }
      if (signal?.aborted) throw new CancelledError();
      const scrubbed = raw !== null && typeof raw === 'object' ? JSON.stringify(raw) : text;
      const summary = summariseErrorBody(status, headers['content-type'], scrubbed);
      const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
      const waitNote =
        retryAfterSeconds === undefined
          ? ''
          : (retryAfterMs as number) > maxWaitMs && idempotent && RETRYABLE.has(status)
            ? ` (the server asks to retry after ${retryAfterSeconds} s, longer than this client waits (${Math.round(maxWaitMs / 1000)} s): try again later)`
            : ` (retry after ${retryAfterSeconds} s)`;
      // The correlator the provider echoes is its text too: scrubbed like the body, and bounded.
      const echoed = headers['x-correlator'];
      const shownCorrelator = echoed ? cleanProviderText(redactor.text(echoed), PROVIDER_TEXT_LIMITS.id) : correlator;
      throw new QodError(status, summary.code, summary.message + waitNote, shownCorrelator, exchange, summary.hint, retryAfterSeconds);
    }
  }
}

/** Retry-After as delay-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * `/sessions/{id}` for an id the specifications' way: every flavour declares a UUID. Anything else (`.` and `..`
 * would climb the URL, `a/b` would reach another route) is refused before it leaves the machine.
 */
function sessionPath(id: string): string {
  return `/sessions/${checkSessionId(id)}`;
}

/** The id when it is a UUID, as every flavour declares; a QodValidationError naming the field otherwise. */
export function checkSessionId(id: string): string {
  return checkedPathSegment('sessionId', id, uuid, 'a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6');
}

function checkedPathSegment(path: string, value: string, schema: z.ZodType, shape: string): string {
  // Both shapes leave out `/`, `?`, `#`, `%` and the dot segments `.` and `..`: the id cannot climb or reroute the URL.
  if (schema.safeParse(value).success) return value;
  const got = typeof value === 'string' ? `"${cleanProviderText(value, 40)}"` : typeof value;
  throw new QodValidationError([{ path, rule: `must be ${shape}`, value, message: `${path}: must be ${shape} (got ${got})` }]);
}

/** A profile as every face shows it: the schema checked the name; the description is the provider's prose, bounded. */
function shownProfile(profile: QosProfile): QosProfile {
  return profile.description === undefined ? profile : { ...profile, description: cleanProviderText(profile.description) };
}
