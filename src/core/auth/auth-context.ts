// Everything a flow needs to talk to one authorization server: its metadata (discovered, or endpoints set by
// hand for providers without discovery), the client, its authentication, and the recording transport.
import * as oauth from 'oauth4webapi';
import { summariseErrorBody } from '../camara/error-body';
import { isLoopbackHttpUrl } from '../camara/fields';
import type { ExchangeKind } from '../http/exchange';
import { cleanProviderText, PROVIDER_TEXT_LIMITS } from '../http/provider-text';
import type { HttpTransport } from '../http/transport';
import { AuthError } from './auth-error';
import { clientAuthentication, type ClientAuthMethod, type ClientCredentials } from './client-auth';

export interface AuthServerConfig {
  /** With an issuer, endpoints come from `/.well-known/openid-configuration`; set ones override them. */
  issuer?: string;
  endpoints?: {
    authorization?: string;
    token?: string;
    backchannelAuthentication?: string;
    revocation?: string;
  };
  clientId: string;
  authMethod: ClientAuthMethod;
}

export interface AuthContext {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  transport: HttpTransport;
  /** Plain http is allowed only when every endpoint is on loopback (the embedded sandbox). */
  allowHttp: boolean;
}

export async function createAuthContext(
  config: AuthServerConfig,
  credentials: ClientCredentials,
  transport: HttpTransport,
  signal?: AbortSignal,
): Promise<AuthContext> {
  transport.redactor.addSecret(credentials.clientSecret);
  transport.redactor.addSecret(credentials.privateKey);
  const manual = config.endpoints ?? {};
  const urls = [config.issuer, ...Object.values(manual)].filter((u): u is string => typeof u === 'string' && u.length > 0);
  if (urls.length === 0) throw new AuthError('invalid_configuration', 'set an issuer (for discovery) or the endpoints by hand');
  for (const url of urls) {
    if (!URL.canParse(url)) throw new AuthError('invalid_configuration', `${url} is not a URL`);
    if (!url.startsWith('https://') && !isLoopbackHttpUrl(url)) {
      throw new AuthError('invalid_configuration', `${url} must use https:// (plain http only on 127.0.0.1/localhost)`);
    }
  }
  const allowHttp = urls.every((u) => u.startsWith('https://') || isLoopbackHttpUrl(u));
  let as: oauth.AuthorizationServer;
  if (config.issuer) {
    const issuer = new URL(config.issuer);
    const response = await oauth.discoveryRequest(issuer, {
      [oauth.customFetch]: transport.fetchFor('discovery', signal),
      [oauth.allowInsecureRequests]: allowHttp,
      signal,
    });
    as = await oauth.processDiscoveryResponse(issuer, response);
  } else {
    as = { issuer: new URL(urls[0] as string).origin };
  }
  as = {
    ...as,
    ...(manual.authorization ? { authorization_endpoint: manual.authorization } : {}),
    ...(manual.token ? { token_endpoint: manual.token } : {}),
    ...(manual.backchannelAuthentication ? { backchannel_authentication_endpoint: manual.backchannelAuthentication } : {}),
    ...(manual.revocation ? { revocation_endpoint: manual.revocation } : {}),
  };
  const clientAuth = await clientAuthentication(config.authMethod, config.clientId, credentials);
  return { as, client: { client_id: config.clientId }, clientAuth, transport, allowHttp };
}

/** oauth4webapi options: our recording fetch, loopback-only http, and cancellation. */
export function requestOptions(ctx: AuthContext, kind: ExchangeKind, signal?: AbortSignal) {
  return {
    [oauth.customFetch]: ctx.transport.fetchFor(kind, signal),
    [oauth.allowInsecureRequests]: ctx.allowHttp,
    signal,
  };
}

/**
 * Turns oauth4webapi's errors into AuthError, keeping CancelledError and network errors as they are. What the
 * provider wrote (`error`, `error_description`) is scrubbed of every known secret: providers echo requests back.
 */
export function toAuthError(ctx: AuthContext, error: unknown): unknown {
  // Scrubbed before it is cut to size, so a secret cut in half cannot survive; then cleaned and bounded.
  const scrub = (text: string | undefined, max: number = PROVIDER_TEXT_LIMITS.message) =>
    text === undefined ? undefined : cleanProviderText(ctx.transport.redactor.text(text), max);
  const code = (text: string) => scrub(text, PROVIDER_TEXT_LIMITS.code) as string;
  if (error instanceof oauth.ResponseBodyError) return new AuthError(code(error.error), scrub(error.error_description), error.status);
  if (error instanceof oauth.AuthorizationResponseError) return new AuthError(code(error.error), scrub(error.error_description));
  if (error instanceof oauth.WWWAuthenticateChallengeError) return new AuthError('invalid_client', scrub(error.message), error.status);
  if (error instanceof oauth.OperationProcessingError) return new AuthError('server_error', scrub(describeUnexpectedAnswer(ctx, error)));
  return error;
}

/**
 * oauth4webapi says "not a conform … response"; the recorded exchange says what came instead (an HTML 502 page,
 * a truncated body), in one line with a hint.
 */
function describeUnexpectedAnswer(ctx: AuthContext, error: oauth.OperationProcessingError): string {
  const status = error.cause instanceof Response ? error.cause.status : undefined;
  const exchange = [...ctx.transport.recorder.list()]
    .reverse()
    .find((e) => e.kind !== 'api' && (status === undefined || e.status === status));
  if (!exchange?.status) return error.message;
  const summary = summariseErrorBody(exchange.status, exchange.responseHeaders?.['content-type'], exchange.responseBody ?? '', 'auth');
  const what =
    exchange.status >= 200 && exchange.status < 300
      ? `HTTP ${exchange.status} with a body that is not an OAuth JSON object`
      : summary.message;
  return `${exchange.method} ${exchange.url.split('?')[0]} answered ${what} (${error.message})${summary.hint ? `. ${summary.hint}` : ''}`;
}

export function rememberTokens(ctx: AuthContext, tokens: { access_token?: string; refresh_token?: string; id_token?: string }): void {
  ctx.transport.redactor.addSecret(tokens.access_token);
  ctx.transport.redactor.addSecret(tokens.refresh_token);
  ctx.transport.redactor.addSecret(tokens.id_token);
}
