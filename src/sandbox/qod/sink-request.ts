// The notification target a CAMARA v1-family request asks for (QoD 1.1/1.2, QoS Provisioning 0.3/0.4): `sink` and
// its `sinkCredential`, checked as the operator would, and the sink guard's word on every address it will call.
import type { Caller } from '../auth/access-tokens';
import { ApiError } from './api-error';
import type { Sink } from './sessions';
import type { SinkGuard } from './sink-guard';

export interface SinkDeps {
  sinkGuard: SinkGuard;
  /** API clients with a pre-shared PRIVATE_KEY_JWT configuration; others get 422 PRIVATE_KEY_JWT_NOT_CONFIGURED. */
  privateKeyJwtSinkClients?: ReadonlySet<string>;
  now(): number;
}

/** The sink of a validated v1-family body, or undefined without one. */
export function requestedSink(deps: SinkDeps, caller: Caller, body: Record<string, unknown>): Sink | undefined {
  if (typeof body.sink !== 'string') return undefined;
  const credential = body.sinkCredential as
    | { credentialType: 'ACCESSTOKEN'; accessToken: string; accessTokenExpiresUtc: string }
    | { credentialType: 'PRIVATE_KEY_JWT'; clientId?: string; tokenUri?: string }
    | undefined;
  if (credential?.credentialType === 'PRIVATE_KEY_JWT') {
    if (!deps.privateKeyJwtSinkClients?.has(caller.clientId)) {
      throw new ApiError(
        422,
        'PRIVATE_KEY_JWT_NOT_CONFIGURED',
        'Private key JWT sink credential type is used but no configuration was pre-shared for this API client ' +
          '(sandbox: only qod-demo-jwt has one)',
      );
    }
    // Each notification's token is asked of the app's tokenUri, as clientId, with an assertion signed by the
    // sandbox's notification key (published at its jwksUri). The sandbox keeps no other configuration, so both
    // come from the request.
    const { clientId, tokenUri } = credential;
    if (!clientId || !tokenUri) {
      throw new ApiError(
        400,
        'INVALID_CREDENTIAL',
        'sinkCredential: PRIVATE_KEY_JWT needs clientId and tokenUri here (the sandbox holds no other pre-shared configuration)',
      );
    }
    return { url: body.sink, privateKeyJwt: { clientId, tokenUri } };
  }
  if (credential && Date.parse(credential.accessTokenExpiresUtc) <= deps.now()) {
    throw new ApiError(400, 'INVALID_TOKEN', 'sinkCredential.accessTokenExpiresUtc is in the past: the token is already expired');
  }
  return { url: body.sink, token: credential?.accessToken };
}

/** Refuses (400) a sink, or a PRIVATE_KEY_JWT token endpoint, that the sink guard would not let the sandbox call. */
export async function guardSink(guard: SinkGuard, sink: Sink | undefined, field: string): Promise<void> {
  const refusal = sink ? await guard.refusal(sink.url) : undefined;
  if (refusal) throw new ApiError(400, 'INVALID_SINK', `${field}: ${refusal}`);
  // The token endpoint is called from here too: the same guard.
  const tokenRefusal = sink?.privateKeyJwt ? await guard.refusal(sink.privateKeyJwt.tokenUri) : undefined;
  if (tokenRefusal) throw new ApiError(400, 'INVALID_CREDENTIAL', `sinkCredential.tokenUri: ${tokenRefusal}`);
}
