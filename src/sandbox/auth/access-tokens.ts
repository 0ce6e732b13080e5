// Verifies the QoD API's bearer tokens in-process: JWTs signed by the sandbox's own authorization server,
// checked for issuer, audience, expiry against the sandbox clock, and revocation.
import { createLocalJWKSet, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { Clock } from '../clock';
import type { Revocations } from './revocations';

export interface Caller {
  clientId: string;
  /** The device the token was issued for (3-legged: CIBA or authorization code); absent for client credentials. */
  subject?: string;
  scopes: ReadonlySet<string>;
}

export type TokenCheck = { ok: true; caller: Caller } | { ok: false; reason: string };

const CACHE_LIMIT = 10_000;

export class AccessTokens {
  readonly #keys: ReturnType<typeof createLocalJWKSet>;
  readonly #cache = new Map<string, { caller: Caller; exp: number; claims: JWTPayload }>();

  constructor(
    private readonly issuer: string,
    private readonly audience: string,
    publicKeys: JWK[],
    private readonly clock: Clock,
    private readonly revocations: Revocations,
  ) {
    this.#keys = createLocalJWKSet({ keys: publicKeys });
  }

  async check(authorization: string | undefined): Promise<TokenCheck> {
    const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      return {
        ok: false,
        reason: authorization
          ? 'Authorization must be "Bearer <access token>"'
          : 'no access token: send "Authorization: Bearer <access token>"',
      };
    }
    const token = match[1];
    const nowSeconds = this.clock.now() / 1000;
    const cached = this.#cache.get(token);
    if (cached) {
      if (this.revocations.isRevoked(cached.claims)) return { ok: false, reason: 'the access token has been revoked' };
      return cached.exp > nowSeconds ? { ok: true, caller: cached.caller } : { ok: false, reason: 'the access token has expired' };
    }
    let payload: JWTPayload;
    try {
      payload = await this.verify(token);
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      return { ok: false, reason: expired ? 'the access token has expired' : 'the access token is not valid for this API' };
    }
    if (this.revocations.isRevoked(payload)) return { ok: false, reason: 'the access token has been revoked' };
    const clientId = String(payload.client_id);
    const caller: Caller = {
      clientId,
      subject: payload.sub && payload.sub !== clientId ? payload.sub : undefined,
      scopes: new Set(
        String(payload.scope ?? '')
          .split(' ')
          .filter(Boolean),
      ),
    };
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(token, { caller, exp: payload.exp ?? 0, claims: { jti: payload.jti, gid: payload.gid } });
    return { ok: true, caller };
  }

  /** The claims of one of our access tokens while the QoD API would take it (not expired, not revoked); else undefined. */
  async activeClaims(token: string): Promise<JWTPayload | undefined> {
    const payload = await this.verify(token).catch(() => undefined);
    return payload && !this.revocations.isRevoked(payload) ? payload : undefined;
  }

  /** The claims of one of our access tokens; throws (jose's errors) when it is not one, or has expired. */
  async verify(token: string, { ignoreExpiry = false } = {}): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.#keys, {
      issuer: this.issuer,
      audience: this.audience,
      currentDate: new Date(this.clock.now()),
      typ: 'at+jwt',
      ...(ignoreExpiry ? { clockTolerance: Number.MAX_SAFE_INTEGER } : {}),
    });
    return payload;
  }
}
