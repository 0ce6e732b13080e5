// oidc-provider storage for one sandbox instance. The library's own memory adapter is a process-wide LRU of
// 1,000 entries shared by every provider in the process; tests and the extension run several sandboxes, and
// each must keep its own state.

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

interface Entry {
  payload: Payload;
  /** Kept a while past expiry so an expired CIBA request answers expired_token, not invalid_grant. */
  dropAt: number;
}

const GRACE_MS = 10 * 60 * 1000;

export function createMemoryAdapter() {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();

  function sweep(now: number): void {
    for (const [key, entry] of entries) if (entry.dropAt <= now) entries.delete(key);
  }

  return class MemoryAdapter {
    readonly #model: string;

    constructor(model: string) {
      this.#model = model;
    }

    #key(id: string): string {
      return `${this.#model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const now = Date.now();
      if (entries.size > 5000) sweep(now);
      const key = this.#key(id);
      const dropAt = expiresIn ? now + expiresIn * 1000 + GRACE_MS : Number.POSITIVE_INFINITY;
      entries.set(key, { payload: { ...payload }, dropAt });
      if (payload.grantId) {
        const keys = byGrant.get(payload.grantId) ?? new Set<string>();
        keys.add(key);
        byGrant.set(payload.grantId, keys);
      }
    }

    async find(id: string): Promise<Payload | undefined> {
      const entry = entries.get(this.#key(id));
      if (!entry) return undefined;
      if (entry.dropAt <= Date.now()) {
        entries.delete(this.#key(id));
        return undefined;
      }
      return { ...entry.payload };
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.#model}:`) && entry.payload.userCode === userCode) return { ...entry.payload };
      }
      return undefined;
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      for (const [key, entry] of entries) {
        if (key.startsWith(`${this.#model}:`) && entry.payload.uid === uid) return { ...entry.payload };
      }
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = entries.get(this.#key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.#key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
      byGrant.delete(grantId);
    }
  };
}
