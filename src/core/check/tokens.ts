// The access tokens scenarios send, each obtained once per run through the core's Authenticator (client
// credentials, CIBA for 3-legged) on the check's one transport, so every token is known to its redactor.
import { randomBytes } from 'node:crypto';
import { Authenticator } from '../auth/authenticator';
import { MemorySecretStore } from '../auth/secret-store';
import { TokenCache } from '../auth/token-cache';
import type { HttpTransport } from '../http/transport';
import type { CheckClient, CheckInputs } from './inputs';
import type { CheckApi, TokenUse } from './model';

/** A scope the provider knows that does not allow the API's operations (403.1). */
const NARROW_SCOPE: Record<CheckApi, string> = {
  qod: 'qos-profiles:read',
  profiles: 'quality-on-demand:sessions:read',
  provisioning: 'qos-profiles:read',
};

/** Sign-ins are bounded: a provider that never answers a CIBA request fails the scenario, not the run. */
const SIGN_IN_MS = 60_000;

export class CheckTokens {
  readonly #memo = new Map<string, Promise<string>>();
  readonly #primary: Authenticator;

  constructor(
    private readonly inputs: CheckInputs,
    private readonly transport: HttpTransport,
    private readonly signal?: AbortSignal,
  ) {
    this.#primary = this.#authenticator(inputs);
  }

  /** The token for a use, or undefined for 'none'. Rejects with what went wrong when it cannot be had. */
  get(use: TokenUse, api: CheckApi): Promise<string | undefined> {
    if (use === 'none') return Promise.resolve(undefined);
    const key = use === 'narrow' ? `narrow:${api}` : use;
    let token = this.#memo.get(key);
    if (!token) {
      token = this.#obtain(use, api);
      this.#memo.set(key, token);
      token.catch(() => undefined);
    }
    return token;
  }

  async #obtain(use: Exclude<TokenUse, 'none'>, api: CheckApi): Promise<string> {
    const signal = this.#bounded();
    switch (use) {
      case 'primary':
        if (this.inputs.accessToken) {
          await this.#primary.adoptHandedOver(this.inputs.accessToken);
          return this.inputs.accessToken;
        }
        return (await this.#primary.signIn({ flow: 'client_credentials', signal })).accessToken;
      case 'invalid': {
        const token = `invalid-${randomBytes(16).toString('hex')}`;
        this.transport.redactor.addSecret(token);
        return token;
      }
      case 'expired':
        return this.#expired(signal);
      case 'narrow':
        return (await this.#authenticator(this.inputs).signIn({ flow: 'client_credentials', scope: NARROW_SCOPE[api], signal }))
          .accessToken;
      case 'second':
        return this.#clientToken(this.inputs.secondClient, 'second API client', signal);
      case 'limited':
        return this.#clientToken(this.inputs.limitedClient, 'rate-limited client', signal);
      case 'threeLegged': {
        const loginHint = this.inputs.loginHint;
        if (!loginHint) throw new Error('no login hint for a 3-legged token');
        return (await this.#authenticator(this.inputs).signIn({ flow: 'ciba', loginHint, signal })).accessToken;
      }
    }
  }

  /** A handed-over expired token, or one of the brief client's, once it has expired (waited for, bounded). */
  async #expired(signal: AbortSignal): Promise<string> {
    if (this.inputs.expiredToken) {
      this.transport.redactor.addSecret(this.inputs.expiredToken);
      return this.inputs.expiredToken;
    }
    const brief = this.inputs.briefClient;
    if (!brief) throw new Error('no expired token and no client with short-lived tokens');
    const tokens = await this.#authenticator(brief).signIn({ flow: 'client_credentials', signal });
    const wait = (tokens.expiresAt ?? Date.now()) - Date.now() + 1_100;
    if (wait > 15_000) throw new Error(`the short-lived client's token lives ${Math.round(wait / 1000)} s: too long to wait for`);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return tokens.accessToken;
  }

  async #clientToken(client: CheckClient | undefined, what: string, signal: AbortSignal): Promise<string> {
    if (!client) throw new Error(`no ${what}`);
    return (await this.#authenticator(client).signIn({ flow: 'client_credentials', signal })).accessToken;
  }

  #authenticator(client: CheckClient): Authenticator {
    return new Authenticator(client.environment, client.credentials, this.transport, new TokenCache(new MemorySecretStore()));
  }

  #bounded(): AbortSignal {
    const timeout = AbortSignal.timeout(SIGN_IN_MS);
    return this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
  }
}
