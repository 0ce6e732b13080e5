// The app's side of QoD 1.2's PRIVATE_KEY_JWT notifications: before it notifies, the operator asks the app's token
// endpoint (the `tokenUri` of sinkCredential) for an access token, authenticating with a `private_key_jwt` client
// assertion (RFC 7523, OpenID Connect Core §9) signed by its key; the app checks it against the operator's JWKS
// (published at the operator's `jwksUri`, pre-shared) and answers a short-lived token the notification then carries.
// jose does the JOSE work. Answers are OAuth's (RFC 6749 §5): 200 with the token, 400/401 with an `error` code.
import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { isLoopbackHttpUrl } from '../camara/fields';

export interface PrivateKeyJwtConfig {
  /** The client id the operator signs as (`iss` and `sub` of its assertion): sinkCredential.clientId. */
  clientId: string;
  /** Where the operator publishes its keys (its `jwksUri`), or the key set itself. */
  jwks: string | JSONWebKeySet;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** How long an issued token is good for, and the most tokens kept (an operator asks once per notification at most). */
const TOKEN_SECONDS = 300;
const MAX_TOKENS = 1000;
/** Assertion ids seen, so one assertion cannot be replayed (RFC 7523 §3 item 7), bounded. */
const MAX_SEEN_IDS = 5000;
/** Signatures by a private key only: never `none`, never a shared-secret HMAC keyed with the public key. */
const ASYMMETRIC = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

export class SinkTokenEndpoint {
  readonly #keys: JWTVerifyGetKey;
  readonly #tokens = new Map<string, number>();
  /** Assertion ids used, with when each assertion expires: kept until then, so none can be replayed while valid. */
  readonly #seen = new Map<string, number>();

  /** `tokenUri` is this endpoint's own URL: the audience the operator's assertion must name. */
  constructor(
    private readonly config: PrivateKeyJwtConfig,
    private readonly tokenUri: string,
    private readonly now: () => number = Date.now,
  ) {
    checkKeySource(config);
    this.#keys =
      typeof config.jwks === 'string'
        ? createRemoteJWKSet(new URL(config.jwks), { timeoutDuration: 5000, cooldownDuration: 1000 })
        : createLocalJWKSet(config.jwks);
  }

  /** The token request, as its form fields. Never throws: a bad request is an OAuth error answer. */
  async exchange(form: URLSearchParams): Promise<TokenAnswer> {
    if (form.get('grant_type') !== 'client_credentials') {
      return error(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    const assertion = form.get('client_assertion');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE || !assertion) {
      return error(400, 'invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}, with a client_assertion`);
    }
    let jti: string;
    let expiresAt: number;
    try {
      const { payload } = await jwtVerify(assertion, this.#keys, {
        issuer: this.config.clientId,
        subject: this.config.clientId,
        audience: this.tokenUri,
        requiredClaims: ['exp', 'jti'],
        algorithms: ASYMMETRIC,
        maxTokenAge: '10m',
        currentDate: new Date(this.now()),
        clockTolerance: 30,
      });
      jti = String(payload.jti);
      // An assertion older than maxTokenAge is refused anyway: its id need not be kept past that.
      expiresAt = Math.min(Number(payload.exp) * 1000, this.now() + 11 * 60_000);
    } catch (cause) {
      // jose's words say which check failed (a claim, the signature, the key set); never the assertion itself.
      const why = cause instanceof Error ? cause.message.slice(0, 200) : 'it could not be verified';
      return error(401, 'invalid_client', `The client assertion was refused: ${why}`);
    }
    if (this.#seen.has(jti)) return error(401, 'invalid_client', 'The client assertion was refused: its jti was used before');
    for (const [id, until] of this.#seen) if (until <= this.now()) this.#seen.delete(id);
    // Full of assertions still valid: refusing a new one is safe, forgetting an old one would allow its replay.
    if (this.#seen.size >= MAX_SEEN_IDS) return error(400, 'invalid_request', 'Too many assertions at once: ask again later');
    this.#seen.set(jti, expiresAt);
    return { status: 200, body: { access_token: this.#issue(), token_type: 'Bearer', expires_in: TOKEN_SECONDS } };
  }

  /** Whether a bearer token is one this endpoint issued and is still good. */
  accepts(token: string): boolean {
    const until = this.#tokens.get(token);
    return until !== undefined && until > this.now();
  }

  #issue(): string {
    for (const [token, until] of this.#tokens) if (until <= this.now()) this.#tokens.delete(token);
    if (this.#tokens.size >= MAX_TOKENS) this.#tokens.delete(this.#tokens.keys().next().value as string);
    const token = randomBytes(24).toString('base64url');
    this.#tokens.set(token, this.now() + TOKEN_SECONDS * 1000);
    return token;
  }
}

/** The keys decide which tokens are issued: never read over plain http off this machine. Throws, in words. */
export function checkKeySource(config: PrivateKeyJwtConfig): void {
  if (typeof config.jwks === 'string' && !(config.jwks.startsWith('https://') || isLoopbackHttpUrl(config.jwks))) {
    throw new Error('privateKeyJwt.jwks must be an https:// URL (or http:// on loopback), or the key set itself');
  }
}

function error(status: number, code: string, description: string): TokenAnswer {
  return { status, body: { error: code, error_description: description } };
}
