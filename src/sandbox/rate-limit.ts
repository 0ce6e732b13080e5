// A token bucket per client: `burst` requests at once, refilled at `perSecond`; a client may have its own limit.
import type { Clock } from './clock';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  /** `options` for every key without one of its own in `perKey`; without it, only those keys are limited. */
  constructor(
    private readonly options: RateLimitOptions | undefined,
    private readonly clock: Clock,
    private readonly perKey: ReadonlyMap<string, RateLimitOptions> = new Map(),
  ) {}

  /** Takes one request from the key's bucket; when empty, says how many seconds until the next one. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const limit = this.perKey.get(key) ?? this.options;
    if (!limit) return { ok: true };
    const now = this.clock.now();
    const { perSecond, burst } = limit;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
  }
}
