// Tokens per environment, flow, subject and scopes. They are kept in memory and persisted only through the
// SecretStore (VS Code's SecretStorage in the extension). Expiry is taken with a skew; a refresh token is used
// when one was issued.
import type { SecretStore } from './secret-store';
import type { Flow, TokenSet } from './token-set';

export interface TokenKey {
  environmentId: string;
  flow: Flow;
  subject?: string;
  scope: string;
}

export const DEFAULT_EXPIRY_SKEW_MS = 30_000;

export function tokenKeyId(key: TokenKey): string {
  const scopes = key.scope.split(' ').filter(Boolean).sort().join(' ');
  return `qod.token:${key.environmentId}:${key.flow}:${key.subject ?? '-'}:${scopes}`;
}

export class TokenCache {
  readonly #memory = new Map<string, TokenSet>();

  constructor(
    private readonly store: SecretStore,
    private readonly options: { skewMs?: number; now?: () => number } = {},
  ) {}

  async get(key: TokenKey): Promise<TokenSet | undefined> {
    const id = tokenKeyId(key);
    const cached = this.#memory.get(id);
    if (cached) return cached;
    const stored = await this.store.get(id);
    if (!stored) return undefined;
    try {
      const tokens = JSON.parse(stored) as TokenSet;
      this.#memory.set(id, tokens);
      return tokens;
    } catch {
      await this.store.delete(id);
      return undefined;
    }
  }

  async put(key: TokenKey, tokens: TokenSet): Promise<void> {
    const id = tokenKeyId(key);
    this.#memory.set(id, tokens);
    await this.store.store(id, JSON.stringify(tokens));
  }

  async remove(key: TokenKey): Promise<TokenSet | undefined> {
    const tokens = await this.get(key);
    const id = tokenKeyId(key);
    this.#memory.delete(id);
    await this.store.delete(id);
    return tokens;
  }

  /** The hot path of every API call: a fresh token already in memory, without touching the store. */
  freshInMemory(key: TokenKey): TokenSet | undefined {
    const tokens = this.#memory.get(tokenKeyId(key));
    return tokens && this.isFresh(tokens) ? tokens : undefined;
  }

  isFresh(tokens: TokenSet): boolean {
    const now = (this.options.now ?? Date.now)();
    return tokens.expiresAt === undefined || tokens.expiresAt - (this.options.skewMs ?? DEFAULT_EXPIRY_SKEW_MS) > now;
  }

  /**
   * A usable access token: the cached one while fresh, else refreshed (and stored) when a refresh token exists,
   * else undefined (the caller signs in again).
   */
  async usable(key: TokenKey, refresh: (tokens: TokenSet) => Promise<TokenSet>): Promise<TokenSet | undefined> {
    const tokens = await this.get(key);
    if (!tokens) return undefined;
    if (this.isFresh(tokens)) return tokens;
    if (!tokens.refreshToken) return undefined;
    try {
      const refreshed = await refresh(tokens);
      await this.put(key, refreshed);
      return refreshed;
    } catch {
      await this.remove(key);
      return undefined;
    }
  }
}
