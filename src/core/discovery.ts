// Reading a provider's OpenID (or RFC 8414) metadata when an environment is added, so a wrong issuer shows at
// once and not at the first sign-in; and what was found, in words every face can show. Over the product's
// transport: bounded in time and size, recorded, loopback-only plain http.
import * as oauth from 'oauth4webapi';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from './auth/client-auth';
import { summariseErrorBody } from './camara/error-body';
import { isLoopbackHttpUrl } from './camara/fields';
import { urlProblem, type Environment } from './environments';
import { CancelledError, NetworkError } from './errors';
import type { Exchange } from './http/exchange';
import type { HttpTransport } from './http/transport';

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

/** Discovery could not tell what the provider is; the message says what came back and what to try. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
}

export interface DiscoveryTarget {
  issuer: URL;
  algorithm: 'oidc' | 'oauth2';
  /** Where the metadata is read. */
  url: string;
}

export interface DiscoveredProvider {
  issuer: string;
  /** The metadata's address. */
  url: string;
  endpoints: {
    authorization?: string;
    token?: string;
    backchannelAuthentication?: string;
    revocation?: string;
    pushedAuthorization?: string;
  };
  /** As declared; when the provider declares none, RFC 8414's default, and `grantTypesDeclared` is false. */
  grantTypes: string[];
  grantTypesDeclared: boolean;
  ciba: { supported: boolean; why: string };
  /** The token endpoint's client authentication methods, as declared (RFC 8414 default: client_secret_basic). */
  authMethods: string[];
  /** Those this product can do, in the provider's order. */
  usableAuthMethods: ClientAuthMethod[];
  scopes: string[];
  /** What an environment entry needs to find this provider again at sign-in. */
  entry: Pick<Environment, 'issuer' | 'endpoints'>;
}

/**
 * The issuer and how to find its metadata, from what a user pastes: the issuer itself, its
 * `/.well-known/openid-configuration` URL, or an RFC 8414 `/.well-known/oauth-authorization-server[/path]` URL.
 */
export function discoveryTarget(input: string): DiscoveryTarget | { problem: string } {
  const text = input.trim();
  const problem = urlProblem('issuer', text);
  if (problem) return { problem };
  const url = new URL(text);
  if (url.search || url.hash) return { problem: 'issuer: must have no ?query or #fragment' };
  const oidc = '/.well-known/openid-configuration';
  const oauth2 = '/.well-known/oauth-authorization-server';
  if (url.pathname.endsWith(oidc)) {
    const issuer = new URL(url.origin + url.pathname.slice(0, -oidc.length));
    return { issuer, algorithm: 'oidc', url: url.href };
  }
  if (url.pathname === oauth2 || url.pathname.startsWith(`${oauth2}/`)) {
    return { issuer: new URL(url.origin + (url.pathname.slice(oauth2.length) || '/')), algorithm: 'oauth2', url: url.href };
  }
  const issuer = new URL(url.href.replace(/\/+$/, ''));
  return { issuer, algorithm: 'oidc', url: `${issuer.href.replace(/\/+$/, '')}${oidc}` };
}

/** Reads the metadata and says what the provider offers. Throws DiscoveryError with a one-line reason. */
export async function discoverProvider(input: string, transport: HttpTransport, signal?: AbortSignal): Promise<DiscoveredProvider> {
  const target = discoveryTarget(input);
  if ('problem' in target) throw new DiscoveryError(target.problem);
  const allowHttp = isLoopbackHttpUrl(target.issuer.href);
  // This attempt's own exchange: the transport may be reused across attempts (and shared with other requests),
  // so its last recorded discovery can be another one's.
  const fetch = transport.fetchFor('discovery', signal);
  const asked = new Set<string>();
  let exchange: Exchange | undefined;
  const stop = transport.recorder.onExchange((e) => {
    if (e.kind === 'discovery' && asked.has(e.url)) exchange = e;
  });
  let metadata: oauth.AuthorizationServer;
  try {
    const response = await oauth.discoveryRequest(target.issuer, {
      algorithm: target.algorithm,
      [oauth.customFetch]: (url, init) => {
        asked.add(transport.redactor.url(String(url)));
        return fetch(url, init);
      },
      [oauth.allowInsecureRequests]: allowHttp,
      signal,
    });
    metadata = await oauth.processDiscoveryResponse(target.issuer, response);
  } catch (error) {
    if (error instanceof CancelledError || signal?.aborted) throw error instanceof CancelledError ? error : new CancelledError();
    if (error instanceof NetworkError) throw new DiscoveryError(`Could not read ${target.url}: ${error.message}`);
    throw new DiscoveryError(describeFailure(target, exchange, error));
  } finally {
    stop();
  }
  return summarise(target, metadata);
}

function summarise(target: DiscoveryTarget, as: oauth.AuthorizationServer): DiscoveredProvider {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const grantTypesDeclared = Array.isArray(as.grant_types_supported);
  const grantTypes = grantTypesDeclared ? strings(as.grant_types_supported) : ['authorization_code', 'implicit'];
  const declaredMethods = strings(as.token_endpoint_auth_methods_supported);
  const authMethods = declaredMethods.length > 0 ? declaredMethods : ['client_secret_basic'];
  const endpoints = {
    authorization: as.authorization_endpoint,
    token: as.token_endpoint,
    backchannelAuthentication: as.backchannel_authentication_endpoint,
    revocation: as.revocation_endpoint,
    pushedAuthorization: as.pushed_authorization_request_endpoint,
  };
  const modes = strings(as.backchannel_token_delivery_modes_supported);
  const ciba = !endpoints.backchannelAuthentication
    ? { supported: false, why: 'no backchannel_authentication_endpoint' }
    : grantTypesDeclared && !grantTypes.includes(CIBA_GRANT)
      ? { supported: false, why: `${CIBA_GRANT} is not among the grant types` }
      : modes.length > 0 && !modes.includes('poll')
        ? { supported: false, why: `delivery modes ${modes.join(', ')}: this product polls` }
        : {
            supported: true,
            why: `bc-authorize at ${endpoints.backchannelAuthentication}${modes.length ? `, delivery ${modes.join(', ')}` : ''}`,
          };
  // The product's sign-in reads OpenID discovery from the issuer; RFC 8414 metadata is kept as endpoints set by hand.
  // (processDiscoveryResponse has checked that the metadata's issuer is the one asked for.)
  const { pushedAuthorization: _, ...signIn } = endpoints;
  const entry: DiscoveredProvider['entry'] =
    target.algorithm === 'oidc'
      ? { issuer: as.issuer }
      : { endpoints: Object.fromEntries(Object.entries(signIn).filter(([, v]) => v !== undefined)) };
  return {
    issuer: as.issuer,
    url: target.url,
    endpoints,
    grantTypes,
    grantTypesDeclared,
    ciba,
    authMethods,
    usableAuthMethods: authMethods.filter((m): m is ClientAuthMethod => (CLIENT_AUTH_METHODS as readonly string[]).includes(m)),
    scopes: strings(as.scopes_supported),
    entry,
  };
}

/** What was found, one line each, for any face (a notification's detail, the CLI). */
export function describeProvider(found: DiscoveredProvider): string[] {
  const lines = [`Issuer: ${found.issuer}`];
  const names: Array<[keyof DiscoveredProvider['endpoints'], string]> = [
    ['authorization', 'Authorization'],
    ['token', 'Token'],
    ['backchannelAuthentication', 'CIBA (bc-authorize)'],
    ['revocation', 'Revocation'],
    ['pushedAuthorization', 'Pushed authorization'],
  ];
  for (const [key, name] of names) if (found.endpoints[key]) lines.push(`${name}: ${found.endpoints[key]}`);
  lines.push(`Grant types: ${found.grantTypes.join(', ') || 'none'}${found.grantTypesDeclared ? '' : ' (not declared: the default)'}`);
  lines.push(`CIBA: ${found.ciba.supported ? 'supported' : 'not supported'} (${found.ciba.why})`);
  lines.push(`Client authentication: ${found.authMethods.join(', ')}`);
  if (found.usableAuthMethods.length === 0) lines.push('None of these client authentication methods is one this product can use.');
  return lines;
}

/** oauth4webapi's "not a conform … response", said with what actually came back (from the recorded exchange). */
function describeFailure(target: DiscoveryTarget, exchange: Exchange | undefined, error: unknown): string {
  const code = (error as { code?: string }).code;
  const where = target.url;
  if (code === oauth.JSON_ATTRIBUTE_COMPARISON) {
    const named = (error as { cause?: { body?: { issuer?: unknown } } }).cause?.body?.issuer;
    return (
      `The metadata at ${where} names the issuer ${JSON.stringify(String(named).slice(0, 200))}, ` +
      `not ${JSON.stringify(target.issuer.href)}: ` +
      'an issuer must match exactly; use the one the metadata names if you trust it.'
    );
  }
  if (!exchange?.status) return `Could not read ${where}: ${error instanceof Error ? error.message : String(error)}`;
  const type = exchange.responseHeaders?.['content-type'];
  const body = exchange.responseBody ?? '';
  if (exchange.status !== 200) {
    const summary = summariseErrorBody(exchange.status, type, body, 'auth');
    const hint =
      exchange.status === 404
        ? 'Is this the issuer? A provider without discovery needs its endpoints set by hand (endpoints.token, …).'
        : summary.hint;
    const said = summary.message.startsWith('HTTP ') ? summary.message : `HTTP ${exchange.status}: ${summary.message}`;
    return `${where} answered ${said}${hint ? `. ${hint}` : ''}`;
  }
  if (code === oauth.RESPONSE_IS_NOT_JSON || !/json/i.test(type ?? '')) {
    const what = /html/i.test(type ?? '') || /^\s*</.test(body) ? 'an HTML page' : `${type || 'no content type'}`;
    return `${where} answered HTTP 200 with ${what}, not JSON metadata: is this the issuer URL (not a login or documentation page)?`;
  }
  if (code === oauth.PARSE_ERROR)
    return `${where} answered HTTP 200 with JSON that does not parse (${body.length} characters, cut short?): not usable metadata.`;
  const detail = error instanceof Error ? error.message.replace(/"response" /, '') : String(error);
  return `${where} answered metadata that is not usable: ${detail}`;
}
