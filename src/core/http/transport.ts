// HTTP for everything the product sends: one keep-alive undici dispatcher per environment, bounded
// timeouts, proxies, extra CA certificates (TLS verification is always on), and an exchange recorded for
// every request.
import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, ProxyAgent, type Dispatcher } from 'undici';
import { CancelledError, NetworkError } from '../errors';
import { ExchangeRecorder, type Exchange, type ExchangeKind } from './exchange';
import { Redactor } from './redact';

export interface Timeouts {
  connectMs: number;
  /** Until the response headers arrive. */
  headersMs: number;
  /** Between body chunks. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };

export interface TransportOptions {
  timeouts?: Partial<Timeouts>;
  /** An explicit proxy (VS Code's `http.proxy`); otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. */
  proxy?: string;
  /** PEM certificates trusted in addition to the system roots (a corporate CA, say). */
  extraCaCertificates?: string[];
  recorder?: ExchangeRecorder;
  redactor?: Redactor;
}

export interface RequestMeta {
  kind: ExchangeKind;
  signal?: AbortSignal;
  /** Sent as x-correlator; the echo is checked and kept with the exchange. */
  correlator?: string;
}

export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

export class HttpTransport {
  readonly recorder: ExchangeRecorder;
  readonly redactor: Redactor;
  readonly #dispatcher: Dispatcher;

  constructor(options: TransportOptions = {}) {
    this.recorder = options.recorder ?? new ExchangeRecorder();
    this.redactor = options.redactor ?? new Redactor();
    const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const ca = options.extraCaCertificates?.length ? [...rootCertificates, ...options.extraCaCertificates] : undefined;
    const connect = { timeout: t.connectMs, ...(ca ? { ca } : {}) };
    const common = { headersTimeout: t.headersMs, bodyTimeout: t.bodyMs, keepAliveTimeout: 10_000, connect };
    if (options.proxy) {
      this.#dispatcher = new ProxyAgent({ uri: options.proxy, ...common, requestTls: ca ? { ca } : undefined, proxyTls: ca ? { ca } : undefined });
    } else if (process.env.HTTPS_PROXY || process.env.HTTP_PROXY || process.env.https_proxy || process.env.http_proxy) {
      this.#dispatcher = new EnvHttpProxyAgent({ ...common });
    } else {
      this.#dispatcher = new Agent(common);
    }
  }

  /** A fetch that records each exchange under `kind`, for libraries that take a custom fetch. */
  fetchFor(kind: ExchangeKind, signal?: AbortSignal): FetchLike {
    return (url, init) => this.fetch(String(url), init ?? {}, { kind, signal: init?.signal ?? signal ?? undefined });
  }

  async fetch(url: string, init: RequestInit, meta: RequestMeta): Promise<Response> {
    return (await this.send(url, init, meta)).response;
  }

  /** Like fetch, and also answers the recorded exchange of this very request. */
  async send(url: string, init: RequestInit, meta: RequestMeta): Promise<{ response: Response; exchange: Exchange }> {
    const headers = new Headers(init.headers);
    if (meta.correlator) headers.set('x-correlator', meta.correlator);
    const body = typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : undefined;
    const method = (init.method ?? 'GET').toUpperCase();
    const exchange: Exchange = {
      id: this.recorder.nextId(),
      kind: meta.kind,
      method,
      url: this.redactor.url(url),
      requestHeaders: this.redactor.headers(headers),
      requestBody: body === undefined ? undefined : this.redactor.body(body, headers.get('content-type') ?? undefined),
      startedAt: Date.now(),
      correlator: meta.correlator,
    };
    const started = performance.now();
    let response: Response;
    try {
      response = (await undiciFetch(url, {
        method,
        headers: Object.fromEntries(headers),
        body,
        redirect: init.redirect ?? 'manual',
        signal: meta.signal,
        dispatcher: this.#dispatcher,
      })) as unknown as Response;
    } catch (error) {
      const failure = describeFailure(error, url, meta.signal);
      exchange.error = this.redactor.text(failure.message);
      exchange.totalMs = performance.now() - started;
      this.recorder.record(exchange);
      throw failure;
    }
    exchange.timeToFirstByteMs = performance.now() - started;
    exchange.status = response.status;
    exchange.responseHeaders = this.redactor.headers(response.headers);
    if (meta.correlator) exchange.correlatorEchoed = response.headers.get('x-correlator') === meta.correlator;
    // Read the body once here so the exchange is complete; the caller gets an identical, unread Response.
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const failure = describeFailure(error, url, meta.signal);
      exchange.error = this.redactor.text(failure.message);
      this.recorder.record(exchange);
      throw failure;
    }
    exchange.totalMs = performance.now() - started;
    exchange.responseBody = this.redactor.body(text, response.headers.get('content-type') ?? undefined);
    this.recorder.record(exchange);
    const copy = new Response(status204or304(response.status) ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return { response: copy, exchange };
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }
}

const status204or304 = (status: number) => status === 204 || status === 304 || status === 205;

/** Turns undici's "fetch failed" into a message that says what happened and what to try. */
export function describeFailure(error: unknown, url: string, signal?: AbortSignal): Error {
  if (signal?.aborted || (error as Error)?.name === 'AbortError') return new CancelledError();
  const cause = ((error as { cause?: unknown })?.cause ?? error) as { code?: string; message?: string };
  const code = cause?.code ?? '';
  const host = URL.canParse(url) ? new URL(url).host : url;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new NetworkError(`Could not connect to ${host} in time (connect timeout). Check the URL, your network and the proxy settings.`, 'timeout');
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return new NetworkError(`${host} did not answer in time (no response headers within the timeout).`, 'timeout');
  if (code === 'UND_ERR_BODY_TIMEOUT') return new NetworkError(`${host} stopped sending the response body (body timeout).`, 'timeout');
  if (code === 'ECONNREFUSED') return new NetworkError(`${host} refused the connection: is the server running?`, 'refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkError(`The host name ${host} could not be resolved.`, 'dns');
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new NetworkError(`${host} closed the connection before answering.`, 'closed');
  }
  if (/CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|ALTNAME/i.test(code) || /certificate/i.test(cause?.message ?? '')) {
    return new NetworkError(
      `TLS verification failed for ${host}: ${cause?.message ?? code}. If the server uses a private or corporate CA, add that CA certificate to the extra CA certificates; verification is never turned off.`,
      'tls',
    );
  }
  return new NetworkError(`Request to ${host} failed: ${cause?.message ?? String(error)}`, 'other');
}
