// The sandbox's authorization server: oidc-provider (a certified OpenID Provider) configured the way
// Open Gateway operators are: CIBA in poll mode, authorization code with PKCE, client credentials,
// refresh tokens, and JWT access tokens for the QoD API.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { parseLoginHint } from '../../core/auth/login-hint';
import { isLoopbackHttpUrl } from '../../core/camara/fields';
import { ALL_API_SCOPES, PURPOSE_SCOPE } from '../../core/camara/scopes';
import { DEMO_CLIENTS, demoClientMetadata, type DemoClient } from '../demo-clients';
import { isKnown, subscriberForHint } from '../subscribers';
import { truthfulDiscovery } from './discovery';
import { formTokensOf } from './form-tokens';
import { createMemoryAdapter } from './memory-adapter';

export interface AuthServerOptions {
  issuer: string;
  /** Lifetime of a CIBA request (expires_in), seconds. */
  cibaExpiresIn: number;
  accessTokenTtl: number;
  /** Called when a CIBA request is made; the poll tracker decides when it is approved. */
  onBackchannelRequest(authReqId: string, subject: string): void;
  /** The clients to register (the public demo clients by default; per-run ones off loopback). */
  clients?: readonly DemoClient[];
  /** One of several operators: the subscribers it serves (`tel:+34…`, `ip:…`); others are unknown_user_id. */
  serves?: (subject: string) => boolean;
}

/** Every scope the sandbox knows; anything else is refused with invalid_scope rather than silently dropped. */
const KNOWN_SCOPES: ReadonlySet<string> = new Set(['openid', 'offline_access', PURPOSE_SCOPE, ...ALL_API_SCOPES]);

/** How long a sign-in page stays usable, seconds. */
const INTERACTION_TTL = 600;

/** The audience of access tokens for the QoD API. */
export const apiAudience = (issuer: string): string => `${issuer}/api`;

/** Subjects are the device identity itself (`tel:+34…`, `ip:203.0.113.25`); a real operator would use an opaque id. */
export async function findAccount(_ctx: unknown, id: string) {
  return { accountId: id, claims: async () => ({ sub: id }) };
}

export interface AuthServer {
  provider: Provider;
  /** Public signing keys, for verifying access tokens in-process. */
  publicKeys: JWK[];
}

export function createAuthServer(options: AuthServerOptions): AuthServer {
  const audience = apiAudience(options.issuer);
  // A client may have its own access-token lifetime (qod-demo-brief: 1 s).
  const ttlOf = (clientId: string | undefined): number =>
    (options.clients ?? DEMO_CLIENTS).find((c) => c.clientId === clientId)?.accessTokenTtl ?? options.accessTokenTtl;
  const keys = signingKeys();
  const configuration: Configuration = {
    adapter: createMemoryAdapter(),
    clients: demoClientMetadata(options.clients) as Configuration['clients'],
    jwks: { keys },
    findAccount,
    cookies: { keys: [randomKey()] },
    scopes: ['openid', 'offline_access', PURPOSE_SCOPE],
    claims: { openid: ['sub'] },
    extraParams: ['sandbox_decision'],
    // The authorization code flow only: no implicit or hybrid response types (OAuth 2.0 Security BCP, RFC 9700 §2.1.2).
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.tokenEndpointAuthMethod === 'none' },
    routes: {
      authorization: '/authorize',
      backchannel_authentication: '/bc-authorize',
      token: '/token',
      jwks: '/jwks',
      revocation: '/revoke',
      introspection: '/introspect',
      pushed_authorization_request: '/request',
      end_session: '/logout',
    },
    // Relative, so the sign-in page also works behind a path-prefixing port proxy (code-server's `/proxy/<port>/`). The
    // page's key rides in this URL, which only the browser that started the sign-in is sent to (see form-tokens.ts).
    interactions: {
      url: (ctx, interaction) => {
        const exp = typeof interaction.exp === 'number' ? interaction.exp : Math.floor(Date.now() / 1000) + INTERACTION_TTL;
        const key = formTokensOf(ctx.oidc.provider).bind(interaction.uid, exp);
        return `${upToRoot(ctx.path)}interaction/${encodeURIComponent(interaction.uid)}?k=${key}`;
      },
    },
    ttl: {
      AccessToken: (_ctx, _token, client) => ttlOf(client.clientId),
      ClientCredentials: (_ctx, _token, client) => ttlOf(client.clientId),
      BackchannelAuthenticationRequest: options.cibaExpiresIn,
      AuthorizationCode: 60,
      Interaction: INTERACTION_TTL,
      Session: 3600,
      Grant: 86400,
      RefreshToken: 86400,
      IdToken: 3600,
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The grant id travels in the access token so the QoD API can refuse it once the grant is revoked (Sign Out).
    extraTokenClaims: async (_ctx, token) => ('grantId' in token && token.grantId ? { gid: token.grantId } : undefined),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may revoke only its own tokens.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      // A client may introspect only its own tokens (the sandbox's JWT access tokens: see introspection.ts).
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      // Pushed authorization requests (RFC 9126), served at routes.pushed_authorization_request.
      pushedAuthorizationRequests: { enabled: true },
      // Every access token is a JWT for the QoD API, and oidc-provider's userinfo takes only opaque tokens issued for
      // itself; the one claim it would give, `sub`, is in the ID token. Not offered rather than offered and refusing.
      userinfo: { enabled: false },
      // The QoD API takes Bearer tokens only; a DPoP-bound token it cannot check the binding of is not offered.
      dPoP: { enabled: false },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        processLoginHint: async (_ctx, loginHint) => {
          const parsed = parseLoginHint(loginHint ?? '');
          if (!parsed.ok) throw new errors.InvalidRequest(`invalid login_hint: ${parsed.error}`);
          const subscriber = subscriberForHint(parsed.hint);
          if (!isKnown(subscriber.lastDigit) || (options.serves && !options.serves(subscriber.subject)))
            throw new errors.UnknownUserId('the network does not know this subscriber');
          return subscriber.subject;
        },
        verifyUserCode: async () => undefined,
        validateBindingMessage: async () => undefined,
        validateRequestContext: async () => undefined,
        triggerAuthenticationDevice: async (_ctx, request, account) => {
          options.onBackchannelRequest(String(request.jti), String(account.accountId));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          refuseUnknownScopes(ctx.oidc.params?.scope);
          return {
            audience,
            scope: ALL_API_SCOPES.join(' '),
            accessTokenTTL: options.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    enabledJWA: {
      clientAuthSigningAlgValues: ['ES256', 'RS256', 'PS256', 'EdDSA'],
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body =
        `<!doctype html><title>Sandbox error</title><h1>${escapeHtml(String(out.error))}</h1>` +
        `<p>${escapeHtml(String(out.error_description ?? ''))}</p>`;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  allowAnyLoopbackRedirect(provider);
  interactionCookiesOnEveryPath(provider);
  truthfulDiscovery(provider);
  const publicKeys: JWK[] = keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub);
  return { provider, publicKeys };
}

/** Runs inside every endpoint that takes `scope` (authorize, bc-authorize, token), so each answers in its own way. */
function refuseUnknownScopes(scope: unknown): void {
  if (typeof scope !== 'string') return;
  const unknown = scope.split(' ').filter((s) => s && !KNOWN_SCOPES.has(s));
  if (unknown.length > 0) throw new errors.InvalidScope(`unknown scope: ${unknown.join(' ')}`, unknown.join(' '));
}

/**
 * Developer tools receive the redirect on a loopback port chosen at run time (RFC 8252 §7.3), so any
 * `http://127.0.0.1:<port>/…`, `http://localhost:<port>/…` or `http://[::1]:<port>/…` is accepted. A sandbox relaxation,
 * never for a URI with a fragment (RFC 6749 §3.1.2: the redirect endpoint URI must not include one).
 */
function allowAnyLoopbackRedirect(provider: Provider): void {
  const proto = provider.Client.prototype as unknown as { redirectUriAllowed(uri: string): boolean };
  const registered = proto.redirectUriAllowed;
  proto.redirectUriAllowed = function (this: unknown, uri: string) {
    return !uri.includes('#') && (registered.call(this, uri) || isLoopbackHttpUrl(uri));
  };
}

/** The relative path from `path` up to the root: `/authorize` → `` and `/authorize/<uid>` → `../`. */
function upToRoot(path: string): string {
  return '../'.repeat(Math.max(0, path.split('/').length - 2));
}

/**
 * oidc-provider scopes the interaction cookies to `/interaction/<uid>` and `/authorize/<uid>`. Behind a port
 * proxy that adds a path prefix (VS Code in the browser reaches the sandbox at `/proxy/<port>/…`) the browser
 * would never send them back, so they are widened to `/`. They stay short-lived, http-only and signed.
 */
function interactionCookiesOnEveryPath(provider: Provider): void {
  provider.use(async (ctx, next) => {
    await next();
    const cookies = ctx.res.getHeader('set-cookie');
    if (!Array.isArray(cookies)) return;
    ctx.res.setHeader(
      'set-cookie',
      cookies.map((c) => (/^_interaction(_resume)?(\.sig)?=/.test(c) ? c.replace(/;\s*path=[^;]*/i, '; path=/') : c)),
    );
  });
}

function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: 'sandbox-rs256', alg: 'RS256', use: 'sig' },
    { ...ec, kid: 'sandbox-es256', alg: 'ES256', use: 'sig' },
  ];
}

function randomKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The methods each of oidc-provider's endpoints answers; another method gets a JSON 405, another path a JSON 404. */
const ENDPOINT_METHODS: ReadonlyArray<[RegExp, string[]]> = [
  [/^\/\.well-known\/openid-configuration$/, ['GET', 'HEAD', 'OPTIONS']],
  [/^\/jwks$/, ['GET', 'HEAD', 'OPTIONS']],
  [/^\/authorize$/, ['GET', 'HEAD', 'POST']],
  [/^\/authorize\/[^/]+$/, ['GET', 'HEAD']],
  [/^\/bc-authorize$/, ['POST']],
  [/^\/(token|revoke|introspect|request)$/, ['POST', 'OPTIONS']],
  [/^\/logout$/, ['GET', 'HEAD', 'POST']],
  [/^\/logout\/confirm$/, ['POST']],
  [/^\/logout\/success$/, ['GET', 'HEAD']],
];

export function oidcEndpointMethods(path: string): string[] | undefined {
  return ENDPOINT_METHODS.find(([pattern]) => pattern.test(path))?.[1];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type { KoaContextWithOIDC };
