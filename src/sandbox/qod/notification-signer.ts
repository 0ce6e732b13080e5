// The operator's side of QoD 1.2's PRIVATE_KEY_JWT notifications: a key of its own, whose public half it publishes
// (its `jwksUri`), and the client assertion (RFC 7523, `private_key_jwt`) it signs to ask the app's token endpoint
// for the token a notification carries. jose does the JOSE work. One key per sandbox run.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const NOTIFICATION_JWKS_PATH = '/qod-notifications/jwks.json';
const ALG = 'ES256';

export class NotificationSigner {
  private constructor(
    private readonly privateKey: PrivateKey,
    readonly jwks: JSONWebKeySet,
    private readonly kid: string,
  ) {}

  static async create(): Promise<NotificationSigner> {
    const { privateKey, publicKey } = await generateKeyPair(ALG);
    const kid = `qod-notifications-${randomUUID().slice(0, 8)}`;
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
    return new NotificationSigner(privateKey, { keys: [jwk] }, kid);
  }

  /** An assertion as the client `clientId`, for the token endpoint `tokenUri` (its audience), good for a minute. */
  assertion(clientId: string, tokenUri: string): Promise<string> {
    return new SignJWT({ jti: randomUUID() })
      .setProtectedHeader({ alg: ALG, kid: this.kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUri)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(this.privateKey);
  }
}
