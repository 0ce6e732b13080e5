// Demo clients of the sandbox. On loopback their credentials are public on purpose (the README lists them);
// a sandbox bound where other machines reach it makes fresh ones for each run instead (`perRunClients`).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { RateLimitOptions } from './rate-limit';

const GRANTS = ['urn:openid:params:grant-type:ciba', 'authorization_code', 'refresh_token', 'client_credentials'];

/** The private half of the demo key for `private_key_jwt`; the sandbox registers only the public half. */
export const DEMO_PRIVATE_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'GofCayAJu0XCZJYAhFcAfLmgZZjnQAu_qxHhMBvcNKQ',
  y: 'Pcs04jNBkZ-4UOYt3ILsnsUEwsC-ossGyk-bqwmiBvk',
  d: 'Vgh0KYB6xJTiY_tO3krWdRG5BrMZZ1yrxA_ZcZ5fs3o',
  kid: 'qod-demo-jwt-key-1',
  alg: 'ES256',
  use: 'sig',
} as const;

type PrivateJwk = Readonly<Record<string, string>> & { readonly d: string };

export interface DemoClient {
  clientId: string;
  clientSecret?: string;
  authMethod: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';
  note: string;
  /** private_key_jwt: the key the client signs its assertions with (the sandbox registers its public half). */
  privateJwk?: PrivateJwk;
  /**
   * QoD 1.2's PRIVATE_KEY_JWT sink credential needs a configuration pre-shared between the operator and the API
   * client (whose JWK Set the app's token endpoint trusts): a client without one gets 422
   * PRIVATE_KEY_JWT_NOT_CONFIGURED. Only qod-demo-jwt has it, so both answers can be tried.
   */
  sinkJwksPreShared?: boolean;
  /** Its access tokens' lifetime, seconds, instead of the sandbox's (`accessTokenTtl`). */
  accessTokenTtl?: number;
  /** Its own rate limit on every API, whatever the sandbox's (even with the sandbox's turned off). */
  rateLimit?: RateLimitOptions;
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    clientId: 'qod-demo',
    clientSecret: 'qod-demo-secret',
    authMethod: 'client_secret_basic',
    note: "Basic auth, like Telefónica's sandbox (the default)",
  },
  {
    clientId: 'qod-demo-post',
    clientSecret: 'qod-demo-post-secret',
    authMethod: 'client_secret_post',
    note: 'client_id and client_secret in the form body',
  },
  {
    clientId: 'qod-demo-jwt',
    authMethod: 'private_key_jwt',
    privateJwk: DEMO_PRIVATE_JWK,
    sinkJwksPreShared: true,
    note: 'signed client assertion (ES256), the CAMARA recommendation; key in src/sandbox/demo-clients.ts',
  },
  { clientId: 'qod-demo-public', authMethod: 'none', note: 'public client for the authorization code flow (PKCE required)' },
  // The two below exist for "Check this provider" (src/core/check), whose scenarios need what a normal client never
  // meets on purpose. Loopback only: a sandbox other machines reach makes per-run clients without them.
  {
    // CAMARA's `401.2_expired_access_token` (every operation): its tokens expire after 1 second, so an expired one is
    // a sign-in and a short wait away.
    clientId: 'qod-demo-brief',
    clientSecret: 'qod-demo-brief-secret',
    authMethod: 'client_secret_basic',
    accessTokenTtl: 1,
    note: 'access tokens that live 1 second (expired-token checks)',
  },
  {
    // r4.1's `429(.01|.1)_too_many_requests` (every operation): 2 requests a second, burst 2, its own bucket, so a
    // few requests reach 429 TOO_MANY_REQUESTS without slowing any other client.
    clientId: 'qod-demo-limited',
    clientSecret: 'qod-demo-limited-secret',
    authMethod: 'client_secret_basic',
    rateLimit: { perSecond: 2, burst: 2 },
    note: 'rate-limited to 2 requests a second, burst 2 (too-many-requests checks)',
  },
];

/** Redirect URIs registered for every demo client; any loopback port is accepted as well (RFC 8252). */
export const DEMO_REDIRECT_URIS = ['http://127.0.0.1/callback', 'http://localhost/callback'];

/**
 * The demo clients with credentials made for this run (crypto-random secrets, a fresh ES256 key pair), for a
 * sandbox that other machines reach: the public ones would let anyone act as any developer's client. The public
 * client (`none`) is left out: it cannot prove who it is, so it could not keep one developer's sessions apart
 * from another's; the confidential clients all do the authorization code flow instead.
 */
export function perRunClients(): DemoClient[] {
  const secret = () => randomBytes(24).toString('base64url');
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const privateJwk = { ...key, kid: `qod-demo-jwt-${randomBytes(4).toString('hex')}`, alg: 'ES256', use: 'sig' } as PrivateJwk;
  return [
    { ...clientById('qod-demo'), clientSecret: secret(), note: 'Basic auth (secret made for this run)' },
    { ...clientById('qod-demo-post'), clientSecret: secret(), note: 'client_secret_post (secret made for this run)' },
    { ...clientById('qod-demo-jwt'), privateJwk, note: 'private_key_jwt (ES256); the private JWK made for this run is printed below' },
  ];
}

function clientById(id: string): DemoClient {
  return DEMO_CLIENTS.find((c) => c.clientId === id) as DemoClient;
}

/** oidc-provider client metadata for the demo clients. */
export function demoClientMetadata(clients: readonly DemoClient[] = DEMO_CLIENTS) {
  return clients.map((c) => ({
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
    token_endpoint_auth_method: c.authMethod,
    ...(c.privateJwk ? { jwks: { keys: [publicHalf(c.privateJwk)] }, token_endpoint_auth_signing_alg: 'ES256' } : {}),
    grant_types: c.authMethod === 'none' ? ['authorization_code', 'refresh_token'] : GRANTS,
    response_types: ['code'],
    redirect_uris: DEMO_REDIRECT_URIS,
    ...(c.authMethod === 'none' ? {} : { backchannel_token_delivery_mode: 'poll' }),
  }));
}

function publicHalf(jwk: PrivateJwk): Record<string, string> {
  const { d: _private, ...publicJwk } = jwk;
  return publicJwk;
}
