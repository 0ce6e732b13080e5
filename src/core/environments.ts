// Where the product talks to: the embedded sandbox (default), Telefónica's Open Gateway sandbox, or a
// provider configured by hand. An environment holds no secret; those live in the SecretStore.
import type { AuthServerConfig } from './auth/auth-context';
import type { ClientAuthMethod } from './auth/client-auth';
import { BASE_PATHS, type Flavour } from './camara/flavour';
import { SCOPE_PRESETS } from './camara/scopes';

export type Preset = 'sandbox' | 'telefonica' | 'custom';

export interface Environment {
  id: string;
  label: string;
  preset: Preset;
  /** OpenID issuer for discovery; or set the endpoints by hand. */
  issuer?: string;
  endpoints?: AuthServerConfig['endpoints'];
  /** Root of the APIs; the flavour's base paths are appended unless `paths` overrides them. */
  apiBase: string;
  paths?: { sessions?: string; profiles?: string };
  flavour: Flavour;
  clientId: string;
  authMethod: ClientAuthMethod;
  scope: string;
  loginHint?: string;
}

/** The local sandbox's `/qod/v0` speaks v0.10; v0.8 has its own mount there. */
const SANDBOX_PATHS: Record<Flavour, { sessions: string; profiles?: string }> = {
  v1: BASE_PATHS.v1,
  'v0.10': { sessions: '/v0.10/qod/v0', profiles: '/v0.10/qod/v0' },
  'v0.8': { sessions: '/v0.8/qod/v0' },
};

export function sandboxEnvironment(url: string, flavour: Flavour = 'v1'): Environment {
  return {
    id: 'sandbox',
    label: 'Local sandbox',
    preset: 'sandbox',
    issuer: url,
    apiBase: url,
    paths: SANDBOX_PATHS[flavour],
    flavour,
    clientId: 'qod-demo',
    authMethod: 'client_secret_basic',
    scope: flavour === 'v1' ? SCOPE_PRESETS.camaraV1 : flavour === 'v0.10' ? SCOPE_PRESETS.v0_10 : SCOPE_PRESETS.legacy,
    loginHint: 'tel:+34666666661',
  };
}

const TELEFONICA = 'https://sandbox.opengateway.telefonica.com/apigateway';

export function telefonicaEnvironment(clientId: string, flavour: Flavour = 'v0.10'): Environment {
  return {
    id: 'telefonica',
    label: 'Telefónica Open Gateway sandbox',
    preset: 'telefonica',
    endpoints: { authorization: `${TELEFONICA}/authorize`, token: `${TELEFONICA}/token`, backchannelAuthentication: `${TELEFONICA}/bc-authorize` },
    apiBase: TELEFONICA,
    flavour,
    clientId,
    authMethod: 'client_secret_basic',
    scope: SCOPE_PRESETS.legacy,
    loginHint: 'tel:+34666666666',
  };
}

export function apiUrls(env: Environment): { sessions: string; profiles?: string } {
  const base = env.apiBase.replace(/\/+$/, '');
  const defaults = BASE_PATHS[env.flavour];
  const sessions = env.paths?.sessions ?? defaults.sessions;
  const profiles = env.paths?.profiles ?? defaults.profiles;
  return { sessions: `${base}${sessions}`, profiles: profiles ? `${base}${profiles}` : undefined };
}

export function authServerConfig(env: Environment): AuthServerConfig {
  return { issuer: env.issuer, endpoints: env.endpoints, clientId: env.clientId, authMethod: env.authMethod };
}
