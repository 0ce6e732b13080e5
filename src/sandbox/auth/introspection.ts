// RFC 7662 introspection for the sandbox's own access tokens. They are JWTs for the QoD API (RFC 9068) that
// oidc-provider does not store, and it answers unsupported_token_type for every one of them. The sandbox checks
// them as its QoD API does (signature, issuer, audience, expiry on the sandbox clock, revocation) and tells only
// the client the token was issued to; anyone else, like any token that is not active, gets `{"active":false}`.
// Refresh tokens stay with oidc-provider (its allowedPolicy keeps them to their own client as well).
import type Provider from 'oidc-provider';
import type { AccessTokens } from './access-tokens';

export function introspectAccessTokens(provider: Provider, tokens: AccessTokens): void {
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { error?: string } | undefined;
    // Only after oidc-provider has authenticated the client, and only for the JWTs it declined.
    if (ctx.oidc?.route !== 'introspection' || body?.error !== 'unsupported_token_type' || !ctx.oidc.client) return;
    const claims = await tokens.activeClaims(String(ctx.oidc.params?.token ?? ''));
    ctx.status = 200;
    if (!claims || claims.client_id !== ctx.oidc.client.clientId) {
      ctx.body = { active: false };
      return;
    }
    const { client_id, sub, scope, exp, iat, iss, aud, jti } = claims;
    ctx.body = { active: true, client_id, sub, scope, exp, iat, iss, aud, jti, token_type: 'Bearer' };
  });
}
