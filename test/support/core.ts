// Builds the core client pieces against a running sandbox.
import { createAuthContext, type AuthContext } from '../../src/core/auth/auth-context';
import type { ClientAuthMethod, ClientCredentials } from '../../src/core/auth/client-auth';
import { HttpTransport, type TransportOptions } from '../../src/core/http/transport';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import type { Sandbox } from '../../src/sandbox/server';

export const DEMO_CREDENTIALS: Record<string, { clientId: string; method: ClientAuthMethod; credentials: ClientCredentials }> = {
  basic: { clientId: 'qod-demo', method: 'client_secret_basic', credentials: { clientSecret: 'qod-demo-secret' } },
  post: { clientId: 'qod-demo-post', method: 'client_secret_post', credentials: { clientSecret: 'qod-demo-post-secret' } },
  jwt: { clientId: 'qod-demo-jwt', method: 'private_key_jwt', credentials: { privateKey: JSON.stringify(DEMO_PRIVATE_JWK) } },
};

export async function sandboxContext(sb: Sandbox, which: keyof typeof DEMO_CREDENTIALS = 'basic', transport = new HttpTransport(), manual = false): Promise<AuthContext> {
  const demo = DEMO_CREDENTIALS[which]!;
  const config = manual
    ? { endpoints: { token: `${sb.url}/token`, backchannelAuthentication: `${sb.url}/bc-authorize`, authorization: `${sb.url}/authorize`, revocation: `${sb.url}/revoke` }, clientId: demo.clientId, authMethod: demo.method }
    : { issuer: sb.url, clientId: demo.clientId, authMethod: demo.method };
  return createAuthContext(config, demo.credentials, transport);
}

export function transport(options: TransportOptions = {}): HttpTransport {
  return new HttpTransport(options);
}
