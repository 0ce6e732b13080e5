// The sign-in form's CSRF token, one per interaction. The interaction cookies are at `path=/` (for proxies)
// and every server on the same host gets them, whatever its port, so knowing the interaction uid proves
// nothing; only a page the sandbox served holds this token. It lives here, keyed by the interaction's uid, for
// as long as the interaction does (oidc-provider's Interaction model keeps only its own fields).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Provider from 'oidc-provider';

interface Entry {
  token: string;
  /** Epoch ms; the interaction's own expiry. */
  dropAt: number;
}

/** Far more pending sign-ins than a sandbox ever has; past it the oldest form stops working, memory does not grow. */
const LIMIT = 10_000;

export class FormTokens {
  readonly #entries = new Map<string, Entry>();

  /** The token for `uid`'s form: made on first use, the same on a reload (so an open tab keeps working). */
  issue(uid: string, expiresAtSeconds: number): string {
    const now = Date.now();
    const known = this.#entries.get(uid);
    if (known && known.dropAt > now) return known.token;
    this.#sweep(now);
    const token = randomBytes(32).toString('base64url');
    this.#entries.set(uid, { token, dropAt: expiresAtSeconds * 1000 });
    return token;
  }

  /**
   * True once when `presented` is `uid`'s token; it is then spent. A wrong token leaves the right one in place, so
   * a hostile page that knows the uid cannot cancel the form by guessing.
   */
  take(uid: string, presented: unknown): boolean {
    const entry = this.#entries.get(uid);
    if (!entry || entry.dropAt <= Date.now() || typeof presented !== 'string') return false;
    // Hashing first gives equal lengths, so the comparison takes the same time whatever was presented.
    const ok = timingSafeEqual(digest(entry.token), digest(presented));
    if (ok) this.#entries.delete(uid);
    return ok;
  }

  #sweep(now: number): void {
    for (const [uid, entry] of this.#entries) if (entry.dropAt <= now) this.#entries.delete(uid);
    for (const uid of this.#entries.keys()) {
      if (this.#entries.size < LIMIT) break;
      this.#entries.delete(uid);
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const perProvider = new WeakMap<Provider, FormTokens>();

/** Each sandbox (each provider) keeps its own tokens. */
export function formTokensOf(provider: Provider): FormTokens {
  let tokens = perProvider.get(provider);
  if (!tokens) perProvider.set(provider, (tokens = new FormTokens()));
  return tokens;
}
