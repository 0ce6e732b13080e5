// Assembles the snippet of a request in an environment: its sign-in (the current one, or client credentials),
// its endpoints from discovery, and a default create body. Every face that exports code calls this.
import type { Authenticator } from '../auth/authenticator';
import { createSessionBody } from '../camara/create-body';
import { API_VERSIONS, isV1Family, type ApiBases } from '../camara/flavour';
import { apiUrls, type Environment } from '../environments';
import { generateSnippet, type ExportLanguage, type SnippetRequest } from './index';

export interface SnippetTarget {
  method?: SnippetRequest['method'];
  /** Which API the path is under: the sessions API (the default), QoS profiles or QoS Provisioning. */
  base?: keyof ApiBases;
  /** Path under that API, `/sessions` by default. */
  path?: string;
  body?: unknown;
}

export async function snippetFor(
  runtime: { environment: Environment; auth: Authenticator },
  language: ExportLanguage,
  target: SnippetTarget = {},
): Promise<string> {
  const { environment } = runtime;
  if (environment.authMethod !== 'client_secret_basic' && environment.authMethod !== 'client_secret_post') {
    throw new Error(`Code export signs in with a client secret; this environment uses ${environment.authMethod}`);
  }
  const { as } = await runtime.auth.context();
  const signedIn = runtime.auth.signedIn;
  const flow = signedIn?.flow === 'ciba' ? 'ciba' : 'client_credentials';
  const fromSignIn = signedIn?.flow === 'ciba' && signedIn.subject !== undefined;
  const method = target.method ?? 'POST';
  const body =
    target.body ??
    createSessionBody(environment.flavour, {
      device: flow === 'ciba' && isV1Family(environment.flavour) ? undefined : { kind: 'phoneNumber', value: '+34666666661' },
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      duration: 600,
    });
  const urls = apiUrls(environment);
  return generateSnippet(language, {
    flow,
    tokenEndpoint: String(as.token_endpoint),
    bcAuthorizeEndpoint: as.backchannel_authentication_endpoint,
    // The signed-in device, not a hint edited since: the script repeats the request that was run (with a v1 CIBA
    // token the body names no device, the token does). The script says so in a comment.
    loginHint: fromSignIn ? signedIn.subject : environment.loginHint,
    loginHintFrom: fromSignIn ? 'sign-in' : 'environment',
    scope: signedIn?.scope ?? environment.scope,
    clientId: environment.clientId,
    clientAuth: environment.authMethod,
    method,
    url: `${(target.base ? urls[target.base] : undefined) ?? urls.sessions}${target.path ?? '/sessions'}`,
    body: method === 'POST' ? body : undefined,
    api: { base: target.base && urls[target.base] ? target.base : 'sessions', path: target.path ?? '/sessions' },
    apiVersion: API_VERSIONS[environment.flavour],
  });
}
