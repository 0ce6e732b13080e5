// The 2-legged flow: the application itself, no subscriber; calls carry the device in the body.
import * as oauth from 'oauth4webapi';
import { rememberTokens, requestOptions, toAuthError, type AuthContext } from './auth-context';
import { toTokenSet, type TokenSet } from './token-set';

export async function signInWithClientCredentials(
  ctx: AuthContext,
  scope: string,
  signal?: AbortSignal,
  now = Date.now,
): Promise<TokenSet> {
  try {
    const response = await oauth.processClientCredentialsResponse(
      ctx.as,
      ctx.client,
      await oauth.clientCredentialsGrantRequest(ctx.as, ctx.client, ctx.clientAuth, { scope }, requestOptions(ctx, 'token', signal)),
    );
    rememberTokens(ctx, response);
    return toTokenSet(response, 'client_credentials', now());
  } catch (error) {
    throw toAuthError(ctx, error);
  }
}

export async function refreshTokens(ctx: AuthContext, tokens: TokenSet, signal?: AbortSignal, now = Date.now): Promise<TokenSet> {
  if (!tokens.refreshToken) throw new Error('no refresh token');
  try {
    const response = await oauth.processRefreshTokenResponse(
      ctx.as,
      ctx.client,
      await oauth.refreshTokenGrantRequest(ctx.as, ctx.client, ctx.clientAuth, tokens.refreshToken, requestOptions(ctx, 'token', signal)),
    );
    rememberTokens(ctx, response);
    return { ...toTokenSet(response, tokens.flow, now(), tokens.subject), refreshToken: response.refresh_token ?? tokens.refreshToken };
  } catch (error) {
    throw toAuthError(ctx, error);
  }
}

/** Revokes a token where the provider offers revocation; answers false when it does not. */
export async function revokeToken(ctx: AuthContext, token: string, signal?: AbortSignal): Promise<boolean> {
  if (!ctx.as.revocation_endpoint) return false;
  try {
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(ctx.as, ctx.client, ctx.clientAuth, token, requestOptions(ctx, 'revocation', signal)),
    );
    return true;
  } catch (error) {
    throw toAuthError(ctx, error);
  }
}
