// Builds the core client pieces against a running sandbox.
import { createAuthContext, type AuthContext } from '../../src/core/auth/auth-context';
import { Authenticator } from '../../src/core/auth/authenticator';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import type { Flavour } from '../../src/core/camara/flavour';
import type { QodClient } from '../../src/core/camara/qod-client';
import { createRuntime } from '../../src/core/runtime';
import { sandboxEnvironment } from '../../src/core/environments';
import type { ClientAuthMethod, ClientCredentials } from '../../src/core/auth/client-auth';
import { HttpTransport, type TransportOptions } from '../../src/core/http/transport';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import type { Sandbox } from '../../src/sandbox/server';
import { ALL_V1_SCOPES } from './client';

export const DEMO_CREDENTIALS: Record<string, { clientId: string; method: ClientAuthMethod; credentials: ClientCredentials }> = {
  basic: { clientId: 'qod-demo', method: 'client_secret_basic', credentials: { clientSecret: 'qod-demo-secret' } },
  post: { clientId: 'qod-demo-post', method: 'client_secret_post', credentials: { clientSecret: 'qod-demo-post-secret' } },
  jwt: { clientId: 'qod-demo-jwt', method: 'private_key_jwt', credentials: { privateKey: JSON.stringify(DEMO_PRIVATE_JWK) } },
};

export async function sandboxContext(
  sb: Sandbox,
  which: keyof typeof DEMO_CREDENTIALS = 'basic',
  transport = new HttpTransport(),
  manual = false,
): Promise<AuthContext> {
  const demo = DEMO_CREDENTIALS[which]!;
  const config = manual
    ? {
        endpoints: {
          token: `${sb.url}/token`,
          backchannelAuthentication: `${sb.url}/bc-authorize`,
          authorization: `${sb.url}/authorize`,
          revocation: `${sb.url}/revoke`,
        },
        clientId: demo.clientId,
        authMethod: demo.method,
      }
    : { issuer: sb.url, clientId: demo.clientId, authMethod: demo.method };
  return createAuthContext(config, demo.credentials, transport);
}

export function transport(options: TransportOptions = {}): HttpTransport {
  return new HttpTransport(options);
}

export interface ClientHarness {
  client: QodClient;
  auth: Authenticator;
  transport: HttpTransport;
}

/** A QoD client of one flavour on the sandbox, signed in with client credentials and every scope of that flavour. */
export async function sandboxClient(sb: Sandbox, flavour: Flavour): Promise<ClientHarness> {
  const { client, auth, transport } = createRuntime(
    sandboxEnvironment(sb.url, flavour),
    { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) },
    { retries: { maxRetryDelayMs: 1500 } },
  );
  const scope = {
    v1: ALL_V1_SCOPES,
    'v1.2': ALL_V1_SCOPES,
    'v0.10': 'qod-sessions-read qod-sessions-write qod-sessions-delete qod-profiles-read',
    'v0.8': 'dpv:RequestedServiceProvision#qod',
  }[flavour];
  await auth.signIn({ flow: 'client_credentials', scope });
  return { client, auth, transport };
}
