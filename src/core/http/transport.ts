// HTTP for everything the product sends: one keep-alive undici dispatcher per environment, bounded
// timeouts, an overall deadline and a size cap per request, proxies (never for loopback), extra CA
// certificates (TLS verification is always on), and an exchange recorded for every request.
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { CancelledError, NetworkError } from '../errors';
import { ExchangeRecorder, type Exchange, type ExchangeKind } from './exchange';
import { DEFAULT_LIMITS, DeadlineExceededError, ResponseTooLargeError, startDeadline } from './limits';
import { isLoopbackHost, loopbackDirect } from './loopback';
import { Redactor } from './redact';

export interface Timeouts {
  connectMs: number;
  /** Until the response headers arrive. */
  headersMs: number;
  /** Between body chunks. */
  bodyMs: number;
  /** Headers and the whole body: the overall deadline of one request (the ones above restart per chunk). */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000, totalMs: DEFAULT_LIMITS.totalMs };

export interface TransportOptions {
  /** Unset headersMs / bodyMs are totalMs; connectMs is at most totalMs. */
  timeouts?: Partial<Timeouts>;
  /** The largest response body read, bytes (QoD answers are small); past it the connection is closed. */
  maxResponseBytes?: number;
  /** An explicit proxy (VS Code's `http.proxy`); otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. */
  proxy?: string;
  /** PEM certificates trusted in addition to the system roots (a corporate CA, say). */
  extraCaCertificates?: string[];
  recorder?: ExchangeRecorder;
  redactor?: Redactor;
  /** A ready dispatcher (undici MockAgent in tests); the options above, but the deadline, are then not used. */
  dispatcher?: Dispatcher;
}

export interface RequestMeta {
  kind: ExchangeKind;
  signal?: AbortSignal;
  /** Sent as x-correlator; the echo is checked and kept with the exchange. */
  correlator?: string;
}

export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpResult {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
  exchange: Exchange;
}

export class HttpTransport {
  readonly recorder: ExchangeRecorder;
  readonly redactor: Redactor;
  readonly #dispatcher: Dispatcher;
  /** Every dispatcher to close (a proxying one has a direct one beside it for loopback). */
  readonly #owned: Dispatcher[] = [];
  readonly #totalMs: number;
  readonly #maxResponseBytes: number;

  constructor(options: TransportOptions = {}) {
    this.recorder = options.recorder ?? new ExchangeRecorder();
    this.redactor = options.redactor ?? new Redactor();
    const totalMs = positive(options.timeouts?.totalMs, DEFAULT_TIMEOUTS.totalMs);
    // Headers and the gap between chunks may each take up to the deadline (a raised deadline raises them too).
    const t = {
      ...DEFAULT_TIMEOUTS,
      connectMs: Math.min(DEFAULT_TIMEOUTS.connectMs, totalMs),
      headersMs: totalMs,
      bodyMs: totalMs,
      ...options.timeouts,
    };
    this.#totalMs = totalMs;
    this.#maxResponseBytes = positive(options.maxResponseBytes, DEFAULT_LIMITS.maxResponseBytes);
    const ca = options.extraCaCertificates?.length ? [...rootCertificates, ...options.extraCaCertificates] : undefined;
    const connect = { timeout: t.connectMs, ...(ca ? { ca } : {}) };
    // maxResponseSize: undici stops at the cap in its parser and closes the socket (nothing more is read).
    const common = {
      headersTimeout: t.headersMs,
      bodyTimeout: t.bodyMs,
      keepAliveTimeout: 10_000,
      maxResponseSize: this.#maxResponseBytes,
      connect,
    };
    if (options.dispatcher) {
      this.#dispatcher = options.dispatcher;
      this.#owned.push(options.dispatcher);
      return;
    }
    const direct = new Agent(common);
    this.#owned.push(direct);
    let proxied: Dispatcher | undefined;
    if (options.proxy) {
      proxied = new ProxyAgent({ uri: options.proxy, ...common, requestTls: ca ? { ca } : undefined, proxyTls: ca ? { ca } : undefined });
    } else if (process.env.HTTPS_PROXY || process.env.HTTP_PROXY || process.env.https_proxy || process.env.http_proxy) {
      proxied = new EnvHttpProxyAgent({ ...common });
    }
    if (proxied) this.#owned.push(proxied);
    // Loopback (127.0.0.0/8, ::1, localhost) always goes direct, whatever NO_PROXY says.
    this.#dispatcher = proxied ? proxied.compose(loopbackDirect(direct)) : direct;
  }

  /** A fetch that records each exchange under `kind`, for libraries that take a custom fetch. */
  fetchFor(kind: ExchangeKind, signal?: AbortSignal): FetchLike {
    return (url, init) => this.fetch(String(url), init ?? {}, { kind, signal: init?.signal ?? signal ?? undefined });
  }

  /** A standard Response, for fetch-based libraries (oauth4webapi). */
  async fetch(url: string, init: RequestInit, meta: RequestMeta): Promise<Response> {
    const result = await this.send(url, init, meta);
    const headers = new Headers();
    for (const [name, value] of Object.entries(result.headers)) headers.set(name, value);
    return new Response(NULL_BODY_STATUSES.has(result.status) ? null : result.text, { status: result.status, headers });
  }

  /** The request, answered as status, headers and text, with the recorded exchange of this very request. */
  async send(url: string, init: RequestInit, meta: RequestMeta): Promise<HttpResult> {
    const headers = plainHeaders(init.headers);
    if (meta.correlator) headers['x-correlator'] = meta.correlator;
    const body = typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : undefined;
    if (init.body instanceof URLSearchParams && !headers['content-type'])
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    const method = (init.method ?? 'GET').toUpperCase();
    const target = new URL(url);
    const exchange: Exchange = {
      id: this.recorder.nextId(),
      kind: meta.kind,
      method,
      url: '',
      requestHeaders: {},
      startedAt: Date.now(),
      correlator: meta.correlator,
    };
    const started = performance.now();
    // One deadline for headers and the whole body; the caller's signal still cancels.
    const deadline = startDeadline(this.#totalMs, meta.signal);
    // undici's dispatcher API rather than its fetch: the same wire, a fraction of the per-request cost.
    const pending = this.#dispatcher.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      signal: deadline.signal,
    });
    // The request is on its way; describe it (redacted) while the server works.
    exchange.url = this.redactor.url(url);
    exchange.requestHeaders = this.redactor.headers(Object.entries(headers));
    if (body !== undefined) exchange.requestBody = this.redactor.body(body, headers['content-type']);
    let status: number;
    let responseHeaders: Record<string, string>;
    let text: string;
    try {
      const res = await pending;
      exchange.timeToFirstByteMs = performance.now() - started;
      status = res.statusCode;
      responseHeaders = flattenHeaders(res.headers);
      // A declared length past the cap fails before a byte of the body is read.
      if (Number(responseHeaders['content-length']) > this.#maxResponseBytes) {
        res.body.destroy();
        throw new ResponseTooLargeError(target.host, this.#maxResponseBytes);
      }
      text = await res.body.text();
    } catch (error) {
      const failure = deadline.expired()
        ? new DeadlineExceededError(target.host, this.#totalMs)
        : isTooLarge(error)
          ? new ResponseTooLargeError(target.host, this.#maxResponseBytes)
          : describeFailure(error, url, meta.signal);
      exchange.error = this.redactor.text(failure.message);
      exchange.totalMs = performance.now() - started;
      this.recorder.record(exchange);
      throw failure;
    } finally {
      deadline.dispose();
    }
    exchange.totalMs = performance.now() - started;
    exchange.status = status;
    exchange.responseHeaders = this.redactor.headers(Object.entries(responseHeaders));
    if (meta.correlator) exchange.correlatorEchoed = responseHeaders['x-correlator'] === meta.correlator;
    exchange.responseBody = this.redactor.body(text, responseHeaders['content-type']);
    exchange.responseBytes = Buffer.byteLength(text);
    this.recorder.record(exchange);
    return { status, headers: responseHeaders, text, exchange };
  }

  async close(): Promise<void> {
    await Promise.all(this.#owned.map((d) => d.close()));
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/** undici's own error when maxResponseSize is exceeded, or ours from the content-length check. */
function isTooLarge(error: unknown): boolean {
  return error instanceof ResponseTooLargeError || (error as { code?: string } | undefined)?.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE';
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Header names lower-cased, from any of fetch's header shapes. */
function plainHeaders(init: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  const entries = init instanceof Headers ? init.entries() : Array.isArray(init) ? init : Object.entries(init);
  for (const [name, value] of entries as Iterable<[string, string]>) out[name.toLowerCase()] = value;
  return out;
}

/** undici gives lower-case names; repeated headers (set-cookie) are joined as Headers would. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** Turns undici's "fetch failed" into a message that says what happened and what to try. */
export function describeFailure(error: unknown, url: string, signal?: AbortSignal): Error {
  if (signal?.aborted) return new CancelledError();
  const cause = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; message?: string };
  const code = cause?.code ?? '';
  const host = URL.canParse(url) ? new URL(url).host : url;
  // undici reports a proxy's refusal of the tunnel as an AbortError: a failure to say, not a cancellation.
  const proxyStatus = /^Proxy response \((\d+)\)/.exec(cause?.message ?? '')?.[1];
  if (proxyStatus) {
    const where = 'check the proxy settings (http.proxy, HTTPS_PROXY, NO_PROXY)';
    return new NetworkError(`The proxy answered ${proxyStatus} when asked for a tunnel to ${host}: ${where}.`, 'other');
  }
  if ((error as Error)?.name === 'AbortError') return new CancelledError();
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return new NetworkError(
      `Could not connect to ${host} in time (connect timeout). Check the URL, your network and the proxy settings.`,
      'timeout',
    );
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return new NetworkError(`${host} did not answer in time (no response headers within the timeout).`, 'timeout');
  if (code === 'UND_ERR_BODY_TIMEOUT') return new NetworkError(`${host} stopped sending the response body (body timeout).`, 'timeout');
  if (code === 'ECONNREFUSED') return new NetworkError(refusedText(url), 'refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkError(`The host name ${host} could not be resolved.`, 'dns');
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new NetworkError(`${host} closed the connection before answering.`, 'closed');
  }
  if (/CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|ALTNAME/i.test(code) || /certificate/i.test(cause?.message ?? '')) {
    return new NetworkError(
      `TLS verification failed for ${host}: ${cause?.message ?? code}. ` +
        'If the server uses a private or corporate CA, add that CA certificate to the extra CA certificates; ' +
        'verification is never turned off.',
      'tls',
    );
  }
  return new NetworkError(`Request to ${host} failed: ${cause?.message ?? String(error)}`, 'other');
}

/**
 * Nothing listens at the URL's origin. On loopback that is nearly always a local sandbox (ours or the user's)
 * that has stopped, or restarted on another port: say so, rather than a bare "refused" the user must decode.
 */
function refusedText(url: string): string {
  const target = URL.parse(url);
  if (!target) return `Nothing is listening at ${url} (connection refused): check the URL and that the server is running.`;
  return isLoopbackHost(target.hostname)
    ? `Nothing is listening at ${target.origin} (connection refused): the sandbox or local server that answered there has stopped, ` +
        'or runs on another port now. Start it again, or send the request to its current URL.'
    : `Nothing is listening at ${target.origin} (connection refused): check the URL and that the server is running.`;
}
