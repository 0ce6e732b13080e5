// Typed QoD operations for every flavour: validated before sending (an invalid body never leaves the
// machine), answered as the normalised session view plus the raw body and the recorded exchange.
import { CancelledError, NetworkError, sleep } from '../errors';
import type { Exchange } from '../http/exchange';
import type { HttpTransport } from '../http/transport';
import { apiUrls, type Environment } from '../environments';
import { summariseErrorBody } from './error-body';
import { explainError } from './error-catalogue';
import { cleanProviderText, PROVIDER_TEXT_LIMITS } from '../http/provider-text';
import { safeJson } from '../http/safe-json';
import { isLoopbackHttpUrl, qosProfileName, type QosProfile } from './fields';
import type { Flavour } from './flavour';
import { normaliseAssignment, normaliseSession, type SessionView } from './normalise';
import { checkResponse, EXPECTED, type ResponseKind } from './responses';
import type { FieldIssue } from './validate';
import { checkRequest, pathSegment } from './request-check';
import type { AssignmentInfo } from './provisioning';
import {
  entryOf,
  type AnswerKind,
  type Route,
  type AnswerOf,
  type AnswerTypes,
  type OperationInput,
  type OperationRef,
  type TableEntry,
} from '../operations';

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
  /** An aggregator's: every operation goes to the operator serving its device (routing/operator-router.ts). */
  router?: { run(spec: TableEntry, input: OperationInput, signal?: AbortSignal): Promise<QodResult<unknown>> };
}

/** Why a 403 on a named session is not (necessarily) about the token. */
const NOT_YOUR_SESSION = {
  explanation:
    "The session belongs to another device or sign-in: a 3-legged token reaches only its own device's sessions, " +
    'and an application only the sessions it created.',
  fix:
    "Sign in as the session's device (CIBA or the authorization code flow with its login hint), " +
    'or with the application that created it.',
};

/** A 409 on an assignment: the device has one already (QoS Provisioning allows one per device). */
const DEVICE_HAS_ASSIGNMENT = {
  explanation: 'The device already has a QoS assignment: QoS Provisioning allows one per device.',
  fix: "Read the device's assignment (`qod assignment of-device`), and revoke it before assigning another profile.",
};

const RETRYABLE = new Set([429, 502, 503, 504]);

/** The schema a 2xx answer of each kind is checked against (none for an answer without a body). */
const RESPONSE_OF: Record<AnswerKind, ResponseKind | undefined> = {
  session: 'session',
  sessions: 'sessions',
  profiles: 'profiles',
  none: undefined,
  assignment: 'assignment',
  revoke: 'assignment',
};

/** Answer kinds whose success may carry no body (204): a revoke done at once. */
const MAY_BE_EMPTY: ReadonlySet<AnswerKind> = new Set(['none', 'revoke']);

/** `?name=…&status=…` from the body fields a route sends as a query (set strings only; empty when none is). */
function queryOf(fields: readonly string[], body: unknown): string {
  const query = new URLSearchParams();
  const values = (body ?? {}) as Record<string, unknown>;
  for (const field of fields) {
    const value = values[field];
    if (typeof value === 'string' && value) query.set(field, value);
  }
  return query.size ? `?${query}` : '';
}

export class QodClient {
  readonly flavour: Flavour;

  constructor(private readonly options: QodClientOptions) {
    this.flavour = options.environment.flavour;
  }

  /**
   * Runs an operation (of the core's table, or an entry of a copy), typed by its answer: its route in this
   * flavour, the session id checked into the path, the body validated by its schema (an invalid body never leaves
   * the machine), the answer checked against the flavour's schema and shaped.
   */
  async run<R extends OperationRef>(ref: R, input: OperationInput, signal?: AbortSignal): Promise<QodResult<AnswerOf<R>>> {
    const spec = entryOf(ref);
    if (this.options.router) return (await this.options.router.run(spec, input, signal)) as QodResult<AnswerOf<R>>;
    const checked = checkRequest(spec, this.flavour, input, { allowLoopbackHttpSink: this.options.allowLoopbackHttpSink });
    if (!checked.ok) throw new QodValidationError(checked.issues);
    const { route, path } = checked;
    const base = this.#baseUrl(route.base);
    // A route that takes its input as a query (v0.10's GET /qos-profiles) sends no body.
    const url = `${base}${path}${route.query ? queryOf(route.query, checked.body) : ''}`;
    const body = route.query ? undefined : checked.body;
    try {
      const r = await this.#call(route.method, url, signal, body, RESPONSE_OF[spec.answer], MAY_BE_EMPTY.has(spec.answer));
      // The value is shaped by the entry's own answer kind, which is what AnswerOf<R> reads.
      return { ...r, value: this.#shaped(spec.answer, r.raw) as AnswerOf<R> };
    } catch (error) {
      // A 403 on a named session: the token may be fine, the session is someone else's.
      if (error instanceof QodError && error.status === 403 && spec.needsId && spec.resource === 'session') {
        throw error.withAdvice(NOT_YOUR_SESSION);
      }
      if (error instanceof QodError && error.status === 409 && spec.resource === 'assignment')
        throw error.withAdvice(DEVICE_HAS_ASSIGNMENT);
      // The request may have reached the operator before the connection went: say how to find out.
      if (spec.whenConnectionLost && error instanceof NetworkError && (error.kind === 'closed' || error.kind === 'timeout')) {
        throw new NetworkError(`${error.message} ${spec.whenConnectionLost}`, error.kind);
      }
      throw error;
    }
  }

  createSession(body: unknown, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    return this.run('createSession', { body }, signal);
  }

  getSession(sessionId: string, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    return this.run('getSession', { id: sessionId }, signal);
  }

  deleteSession(sessionId: string, signal?: AbortSignal): Promise<QodResult<undefined>> {
    return this.run('deleteSession', { id: sessionId }, signal);
  }

  extendSession(sessionId: string, requestedAdditionalDuration: number, signal?: AbortSignal): Promise<QodResult<SessionView>> {
    return this.run('extendSession', { id: sessionId, body: { requestedAdditionalDuration } }, signal);
  }

  retrieveSessions(device: unknown, signal?: AbortSignal): Promise<QodResult<SessionView[]>> {
    return this.run('retrieveSessions', { body: device === undefined ? {} : { device } }, signal);
  }

  listProfiles(filter: { name?: string; status?: string; device?: unknown } = {}, signal?: AbortSignal): Promise<QodResult<QosProfile[]>> {
    return this.run('listProfiles', { body: filter }, signal);
  }

  /** One profile by name (the command line's `qod profiles --name`; not an operation of its own in the table). */
  async getProfile(name: string, signal?: AbortSignal): Promise<QodResult<QosProfile>> {
    const checked = pathSegment('name', name, qosProfileName, 'a profile name of 3..256 letters, digits, _ . -');
    if (!checked.ok) throw new QodValidationError([checked.issue]);
    if (this.options.router) {
      throw new QodConfigurationError(
        'Through an aggregator, profiles are read per operator: list them for a device (its operator answers)',
      );
    }
    const url = `${this.#profilesUrl()}/qos-profiles/${encodeURIComponent(checked.value)}`;
    const r = await this.#call('GET', url, signal, undefined, 'profile');
    return { ...r, value: shownProfile(r.raw as QosProfile) };
  }

  /** The answer as every face reads it; the schema check in #call already passed. */
  #shaped(kind: AnswerKind, raw: unknown): AnswerTypes[AnswerKind] {
    switch (kind) {
      case 'session':
        return normaliseSession(this.flavour, raw);
      case 'sessions':
        return (raw as unknown[]).map((s) => normaliseSession(this.flavour, s));
      case 'profiles':
        return (raw as QosProfile[]).map(shownProfile);
      case 'none':
        return undefined;
      case 'assignment':
        return normaliseAssignment(raw as AssignmentInfo);
      case 'revoke':
        return raw === undefined ? undefined : normaliseAssignment(raw as AssignmentInfo);
    }
  }

  /** The base URL of a route: sessions, profiles or provisioning, each only where the release has that API. */
  #baseUrl(base: Route['base']): string {
    if (base === 'sessions') return apiUrls(this.options.environment).sessions;
    if (base === 'profiles') return this.#profilesUrl();
    const provisioning = apiUrls(this.options.environment).provisioning;
    if (!provisioning) {
      throw new QodValidationError([
        { path: '(operation)', rule: 'is not part of this flavour', message: `QoS Provisioning is not part of QoD ${this.flavour}` },
      ]);
    }
    return provisioning;
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
    /** A 204 (no body) is a success of its own for this operation (a revoke done at once). */
    mayBeEmpty = false,
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
        const empty = mayBeEmpty && status === 204;
        const check = expect && !empty ? checkResponse(this.flavour, expect, raw) : { ok: true as const };
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
            ? ` (the server asks to retry after ${retryAfterSeconds} s, ` +
              `longer than this client waits (${Math.round(maxWaitMs / 1000)} s): try again later)`
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

/** A profile as every face shows it: the schema checked the name; the description is the provider's prose, bounded. */
function shownProfile(profile: QosProfile): QosProfile {
  return profile.description === undefined ? profile : { ...profile, description: cleanProviderText(profile.description) };
}
