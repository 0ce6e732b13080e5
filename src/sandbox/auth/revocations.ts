// What the authorization server has revoked, as the QoD API must see it at once. Access tokens are JWTs the
// API verifies in-process, so revoking one (RFC 7009) or its grant (Sign Out revokes the refresh token, and
// oidc-provider revokes the grant with it) is remembered here until the token would have expired anyway.
import type { Clock } from '../clock';

export class Revocations {
  /** Token id (`jti`) or grant id → when the entry may be forgotten (epoch ms). */
  readonly #tokens = new Map<string, number>();
  readonly #grants = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  revokeToken(jti: string, expiresAtSeconds?: number): void {
    this.#sweep();
    this.#tokens.set(jti, expiresAtSeconds ? expiresAtSeconds * 1000 : this.#horizon());
  }

  revokeGrant(grantId: string): void {
    this.#sweep();
    this.#grants.set(grantId, this.#horizon());
  }

  isRevoked(claims: { jti?: unknown; gid?: unknown }): boolean {
    return (
      (typeof claims.jti === 'string' && this.#tokens.has(claims.jti)) || (typeof claims.gid === 'string' && this.#grants.has(claims.gid))
    );
  }

  /** A grant revoked now outlives every access token issued from it. */
  #horizon(): number {
    return this.clock.now() + this.accessTokenTtlSeconds * 1000;
  }

  #sweep(): void {
    const now = this.clock.now();
    for (const map of [this.#tokens, this.#grants]) for (const [id, until] of map) if (until < now) map.delete(id);
  }
}
