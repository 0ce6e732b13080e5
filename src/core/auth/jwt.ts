// Shows what is inside a JWT access or ID token. It decodes only: the signature is NOT verified here
// (ID tokens are verified by oauth4webapi when they are received).
import { decodeJwt, decodeProtectedHeader } from 'jose';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Epoch ms of `exp`, if any. */
  expiresAt?: number;
  verified: false;
}

/** Undefined for tokens that are not JWTs (opaque tokens are common and fine). */
export function decodeToken(token: string): DecodedJwt | undefined {
  try {
    const claims = decodeJwt(token) as Record<string, unknown>;
    const header = decodeProtectedHeader(token) as Record<string, unknown>;
    return { header, claims, expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined, verified: false };
  } catch {
    return undefined;
  }
}
