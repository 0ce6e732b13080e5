// Sends one scenario's request as it is — an invalid body, no body, a broken x-correlator on purpose — through
// the core's transport (undici, bounded, redacted), and keeps the exchange as the report shows it.
import { apiUrls, type Environment } from '../environments';
import { sleep } from '../errors';
import { OPERATION_TABLE, operationForId, type Route } from '../operations';
import type { Exchange } from '../http/exchange';
import type { HttpResult, HttpTransport } from '../http/transport';
import type { CheckExchange, CheckOperation, CheckRequest } from './model';

/**
 * An operation's method, API and path, from the core's operation table by its CAMARA operationId (one source of
 * routes for the client and the check). getQosProfile is no entry of the table (the client reads one profile
 * with `getProfile`): its route is written here.
 */
export function routeOf(environment: Environment, operation: CheckOperation): Route {
  if (operation === 'getQosProfile') return { method: 'GET', base: 'profiles', path: '/qos-profiles/{name}' };
  const spec = operationForId(OPERATION_TABLE, operation);
  if (!spec) throw new Error(`no operation of the table has the operationId ${operation}`);
  return spec.http(spec.flavours.includes(environment.flavour) ? environment.flavour : 'v1');
}

/** The operation's URL in this environment, or undefined when the environment has no such API. */
export function urlOf(environment: Environment, operation: CheckOperation, param?: string): string | undefined {
  const route = routeOf(environment, operation);
  const base = apiUrls(environment)[route.base];
  if (!base) return undefined;
  return base + route.path.replace(/\{[A-Za-z]+\}/, encodeURIComponent(param ?? ''));
}

let correlators = 0;
/** A valid x-correlator, unique within the run. */
export const nextCorrelator = (): string => `qod-check-${Date.now().toString(36)}-${++correlators}`;

export interface Sent {
  result: HttpResult;
  correlator: string;
}

export async function send(
  transport: HttpTransport,
  url: string,
  method: string,
  request: CheckRequest,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<Sent> {
  const correlator = request.correlator ?? nextCorrelator();
  const headers: Record<string, string> = { accept: 'application/json', 'x-correlator': correlator };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const body = request.raw ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const result = await transport.send(url, { method, headers, body }, { kind: 'api', signal });
  return { result, correlator };
}

/** The longest Retry-After honoured before the one retry. */
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * `send`, but a 429 is waited out once (Retry-After, at most 5 s) and the request sent again: a check never
 * pushes on against a provider's rate limit, and its own pace is no scenario's failure.
 */
export async function sendPolitely(
  transport: HttpTransport,
  url: string,
  method: string,
  request: CheckRequest,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<Sent> {
  const sent = await send(transport, url, method, request, token, signal);
  if (sent.result.status !== 429) return sent;
  const seconds = Number(sent.result.headers['retry-after']);
  // A cancelled run stops waiting at once, and sends nothing more (sleep throws CancelledError).
  await sleep(Math.min(MAX_RETRY_AFTER_MS, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000), signal);
  return send(transport, url, method, request, token, signal);
}

/** Bodies in a report are cut: an exchange shows what happened, not a whole dump. */
const MAX_BODY = 2_000;
const cut = (text: string | undefined) =>
  text && text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} characters)` : text;

/** The transport's record (already redacted: no Authorization, token or secret), as the report keeps it. */
export function toCheckExchange(e: Exchange): CheckExchange {
  return {
    method: e.method,
    url: e.url,
    ...(e.status === undefined ? {} : { status: e.status }),
    requestHeaders: e.requestHeaders,
    ...(e.requestBody === undefined ? {} : { requestBody: cut(e.requestBody) }),
    ...(e.responseHeaders ? { responseHeaders: e.responseHeaders } : {}),
    ...(e.responseBody === undefined ? {} : { responseBody: cut(e.responseBody) }),
    ...(e.error ? { error: e.error } : {}),
  };
}
