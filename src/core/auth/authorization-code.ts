// The frontend flow: browser to /authorize with PKCE S256, state (and nonce for OIDC), the redirect back,
// then the code exchanged at the token endpoint.
import * as oauth from 'oauth4webapi';
import { AuthError } from './auth-error';
import { rememberTokens, requestOptions, toAuthError, type AuthContext } from './auth-context';
import type { RedirectStrategy } from './redirect';
import { toTokenSet, type TokenSet } from './token-set';

export interface AuthorizationCodeOptions {
  scope: string;
  loginHint?: string;
  /** Extra authorize parameters (the sandbox's `sandbox_decision`, a provider's `prompt`). */
  extraParameters?: Record<string, string>;
  redirect: RedirectStrategy;
  /** Opens the browser (VS Code: env.openExternal). */
  openBrowser: (url: string) => Promise<void>;
  signal?: AbortSignal;
  onProgress?: (step: 'browser-opened' | 'callback-received' | 'code-exchanged') => void;
}

export async function signInWithAuthorizationCode(ctx: AuthContext, options: AuthorizationCodeOptions): Promise<TokenSet> {
  const { redirect, signal } = options;
  try {
    if (!ctx.as.authorization_endpoint) throw new AuthError('invalid_configuration', 'the provider has no authorization endpoint');
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const wantsOidc = options.scope.split(' ').includes('openid');
    const nonce = wantsOidc ? oauth.generateRandomNonce() : undefined;
    ctx.transport.redactor.addSecret(verifier);
    const url = new URL(ctx.as.authorization_endpoint);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: ctx.client.client_id,
      redirect_uri: redirect.redirectUri,
      scope: options.scope,
      state,
      nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      login_hint: options.loginHint,
      ...options.extraParameters,
    };
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
    await options.openBrowser(url.href);
    options.onProgress?.('browser-opened');
    const callback = await redirect.waitForCallback(state, signal);
    options.onProgress?.('callback-received');
    const code = callback.get('code');
    ctx.transport.redactor.addSecret(code ?? undefined);
    const validated = oauth.validateAuthResponse(ctx.as, ctx.client, callback, state);
    const response = await oauth.processAuthorizationCodeResponse(
      ctx.as,
      ctx.client,
      await oauth.authorizationCodeGrantRequest(
        ctx.as,
        ctx.client,
        ctx.clientAuth,
        validated,
        redirect.redirectUri,
        verifier,
        requestOptions(ctx, 'token', signal),
      ),
      { expectedNonce: nonce ?? oauth.expectNoNonce, requireIdToken: false },
    );
    rememberTokens(ctx, response);
    options.onProgress?.('code-exchanged');
    return toTokenSet(response, 'authorization_code', Date.now(), options.loginHint);
  } catch (error) {
    throw toAuthError(ctx, error);
  } finally {
    await redirect.close();
  }
}
