// Demo clients of the sandbox. These credentials are public on purpose: they only ever work against the
// embedded sandbox on loopback, and the README lists them.

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

const { d: _private, ...DEMO_PUBLIC_JWK } = DEMO_PRIVATE_JWK;

export interface DemoClient {
  clientId: string;
  clientSecret?: string;
  authMethod: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';
  note: string;
}

export const DEMO_CLIENTS: readonly DemoClient[] = [
  { clientId: 'qod-demo', clientSecret: 'qod-demo-secret', authMethod: 'client_secret_basic', note: 'Basic auth, like Telefónica\'s sandbox (the default)' },
  { clientId: 'qod-demo-post', clientSecret: 'qod-demo-post-secret', authMethod: 'client_secret_post', note: 'client_id and client_secret in the form body' },
  { clientId: 'qod-demo-jwt', authMethod: 'private_key_jwt', note: 'signed client assertion (ES256), the CAMARA recommendation; key in src/sandbox/demo-clients.ts' },
  { clientId: 'qod-demo-public', authMethod: 'none', note: 'public client for the authorization code flow (PKCE required)' },
];

/** Redirect URIs registered for every demo client; any loopback port is accepted as well (RFC 8252). */
export const DEMO_REDIRECT_URIS = ['http://127.0.0.1/callback', 'http://localhost/callback'];

/** oidc-provider client metadata for the demo clients. */
export function demoClientMetadata() {
  return DEMO_CLIENTS.map((c) => ({
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
    token_endpoint_auth_method: c.authMethod,
    ...(c.authMethod === 'private_key_jwt' ? { jwks: { keys: [DEMO_PUBLIC_JWK] }, token_endpoint_auth_signing_alg: 'ES256' } : {}),
    grant_types: c.authMethod === 'none' ? ['authorization_code', 'refresh_token'] : GRANTS,
    response_types: ['code'],
    redirect_uris: DEMO_REDIRECT_URIS,
    ...(c.authMethod === 'none' ? {} : { backchannel_token_delivery_mode: 'poll' }),
  }));
}
