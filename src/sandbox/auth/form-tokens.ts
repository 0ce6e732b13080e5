// What binds the sign-in page to the browser that started the sign-in. The interaction cookies are at `path=/`
// (for proxies) and every server on the same host gets them, whatever its port, and can replay them: so a cookie
// proves nothing. Two secrets that never travel in a cookie do:
// - the page's key: made when the interaction starts and put in the URL oidc-provider redirects the browser to
//   (`interaction/<uid>?k=…`), so only whoever got that redirect has it. Every GET and POST must carry it.
// - the form's CSRF token: given only in a page served to a request with the key, and spent by one decision.
// Both live here, keyed by the interaction's uid, for as long as the interaction does (oidc-provider's Interaction
// model keeps only its own fields).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Provider from 'oidc-provider';

interface Entry {
  key: string;
  token?: string;
  /** Epoch ms; the interaction's own expiry. */
  dropAt: number;
}

/** Far more pending sign-ins than a sandbox ever has; past it the oldest page stops working, memory does not grow. */
const LIMIT = 10_000;

export class FormTokens {
  readonly #entries = new Map<string, Entry>();

  /** The key for `uid`'s page URL (256 random bits), made when the interaction starts. */
  bind(uid: string, expiresAtSeconds: number): string {
    const now = Date.now();
    const known = this.#live(uid, now);
    if (known) return known.key;
    this.#sweep(now);
    const key = random();
    this.#entries.set(uid, { key, dropAt: expiresAtSeconds * 1000 });
    return key;
  }

  /** True when `presented` is `uid`'s page key (compared in constant time). */
  opens(uid: string, presented: unknown): boolean {
    const entry = this.#live(uid, Date.now());
    return entry !== undefined && same(entry.key, presented);
  }

  /**
   * The token for `uid`'s form, for a request that presented the page key: made on first use, the same on a reload (so
   * an open tab keeps working). Undefined when the key is wrong or the interaction unknown.
   */
  issue(uid: string, key: unknown): string | undefined {
    const entry = this.#live(uid, Date.now());
    if (!entry || !same(entry.key, key)) return undefined;
    entry.token ??= random();
    return entry.token;
  }

  /**
   * True once when `key` and `token` are `uid`'s page key and form token; the page is then spent. A wrong token leaves
   * the right one in place, so whoever cannot decide cannot cancel the form by guessing either.
   */
  take(uid: string, key: unknown, token: unknown): boolean {
    const entry = this.#live(uid, Date.now());
    // Both compared, whatever the first answer, so the time taken says nothing about which one was wrong.
    const keyOk = entry !== undefined && same(entry.key, key);
    const tokenOk = entry?.token !== undefined && same(entry.token, token);
    const ok = keyOk && tokenOk;
    if (ok) this.#entries.delete(uid);
    return ok;
  }

  #live(uid: string, now: number): Entry | undefined {
    const entry = this.#entries.get(uid);
    return entry && entry.dropAt > now ? entry : undefined;
  }

  #sweep(now: number): void {
    for (const [uid, entry] of this.#entries) if (entry.dropAt <= now) this.#entries.delete(uid);
    for (const uid of this.#entries.keys()) {
      if (this.#entries.size < LIMIT) break;
      this.#entries.delete(uid);
    }
  }
}

function random(): string {
  return randomBytes(32).toString('base64url');
}

/** Hashing first gives equal lengths, so the comparison takes the same time whatever was presented. */
function same(expected: string, presented: unknown): boolean {
  return typeof presented === 'string' && timingSafeEqual(digest(expected), digest(presented));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const perProvider = new WeakMap<Provider, FormTokens>();

/** Each sandbox (each provider) keeps its own keys and tokens. */
export function formTokensOf(provider: Provider): FormTokens {
  let tokens = perProvider.get(provider);
  if (!tokens) perProvider.set(provider, (tokens = new FormTokens()));
  return tokens;
}
