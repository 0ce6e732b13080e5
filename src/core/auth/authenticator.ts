// Signs in to one environment with any flow and hands out valid access tokens afterwards: cached while
// fresh, refreshed when a refresh token exists, and revoked on sign-out where the provider allows it.
import type { Environment } from '../environments';
import { authServerConfig } from '../environments';
import type { HttpTransport } from '../http/transport';
import { AuthError } from './auth-error';
import { decodeToken } from './jwt';
import { createAuthContext, type AuthContext } from './auth-context';
import { signInWithAuthorizationCode, type AuthorizationCodeOptions } from './authorization-code';
import { signInWithCiba, type CibaOptions } from './ciba';
import type { ClientCredentials } from './client-auth';
import { refreshTokens, revokeToken, signInWithClientCredentials } from './client-credentials';
import { TokenCache, type TokenKey } from './token-cache';
import type { Flow, TokenSet } from './token-set';

export type SignInRequest =
  | ({ flow: 'ciba' } & Omit<CibaOptions, 'scope'> & { scope?: string })
  | ({ flow: 'authorization_code' } & Omit<AuthorizationCodeOptions, 'scope'> & { scope?: string })
  | { flow: 'client_credentials'; scope?: string; signal?: AbortSignal };

export class Authenticator {
  #context?: Promise<AuthContext>;
  #current?: TokenKey;

  constructor(
    readonly environment: Environment,
    private readonly credentials: () => Promise<ClientCredentials>,
    private readonly transport: HttpTransport,
    private readonly cache: TokenCache,
  ) {}

  /** Discovery and client authentication happen once per authenticator. */
  context(signal?: AbortSignal): Promise<AuthContext> {
    this.#context ??= this.credentials().then((c) => createAuthContext(authServerConfig(this.environment), c, this.transport, signal));
    this.#context.catch(() => {
      this.#context = undefined;
    });
    return this.#context;
  }

  async signIn(request: SignInRequest): Promise<TokenSet> {
    const ctx = await this.context(request.signal);
    const scope = request.scope ?? this.environment.scope;
    let tokens: TokenSet;
    switch (request.flow) {
      case 'ciba':
        tokens = await signInWithCiba(ctx, { ...request, scope });
        break;
      case 'authorization_code':
        tokens = await signInWithAuthorizationCode(ctx, { ...request, scope });
        break;
      case 'client_credentials':
        tokens = await signInWithClientCredentials(ctx, scope, request.signal);
        break;
    }
    const key = this.#key(request.flow, scope, tokens.subject);
    await this.cache.put(key, tokens);
    this.#current = key;
    return tokens;
  }

  /** Use tokens obtained elsewhere (the CLI's QOD_ACCESS_TOKEN) as the current sign-in. */
  async adopt(tokens: TokenSet): Promise<void> {
    const key = this.#key(tokens.flow, tokens.scope ?? this.environment.scope, tokens.subject);
    await this.cache.put(key, tokens);
    this.#current = key;
  }

  /**
   * A token signed in elsewhere (`qod login --print-token`, the one VS Code hands to `qod mcp`): kept out of every
   * output like our own, and its device and expiry read from it when it is a JWT (decoded, not verified: the
   * provider verifies it).
   */
  async adoptHandedOver(accessToken: string): Promise<void> {
    this.transport.redactor.addSecret(accessToken);
    const decoded = decodeToken(accessToken);
    const sub = decoded?.claims.sub;
    await this.adopt({
      accessToken,
      tokenType: 'Bearer',
      flow: 'ciba',
      subject: typeof sub === 'string' ? sub : undefined,
      expiresAt: decoded?.expiresAt,
    });
  }

  get signedIn(): TokenKey | undefined {
    return this.#current;
  }

  /** When the current sign-in's access token expires (epoch ms), if known. */
  get expiresAt(): number | undefined {
    return this.#current ? this.cache.freshInMemory(this.#current)?.expiresAt : undefined;
  }

  /** A valid access token of the current sign-in; never a round trip while the token is fresh. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    if (!this.#current) throw new AuthError('not_signed_in', 'sign in first (CIBA, authorization code or client credentials)');
    const fresh = this.cache.freshInMemory(this.#current);
    if (fresh) return fresh.accessToken;
    const tokens = await this.cache.usable(this.#current, async (t) => refreshTokens(await this.context(signal), t, signal));
    if (!tokens) throw new AuthError('expired_token', 'the access token expired and could not be refreshed; sign in again');
    return tokens.accessToken;
  }

  async signOut(signal?: AbortSignal): Promise<{ revoked: boolean }> {
    if (!this.#current) return { revoked: false };
    const tokens = await this.cache.remove(this.#current);
    this.#current = undefined;
    if (!tokens) return { revoked: false };
    const ctx = await this.context(signal);
    const revoked = await revokeToken(ctx, tokens.refreshToken ?? tokens.accessToken, signal).catch(() => false);
    return { revoked };
  }

  #key(flow: Flow, scope: string, subject?: string): TokenKey {
    return { environmentId: this.environment.id, flow, subject, scope };
  }
}
