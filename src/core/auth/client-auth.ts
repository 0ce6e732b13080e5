// Client authentication at the token and bc-authorize endpoints, in the styles providers use.
import { importJWK, importPKCS8, SignJWT, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import { AuthError } from './auth-error';

type CryptoKey = oauth.PrivateKey['key'];

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'bearer_assertion' | 'none';

export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'bearer_assertion',
  'none',
];

export interface ClientCredentials {
  clientSecret?: string;
  /** PEM (PKCS#8) or a JWK as JSON; its `kid` is sent when the JWK has one. */
  privateKey?: string;
  /** Key id for a PEM key. */
  keyId?: string;
}

export async function clientAuthentication(
  method: ClientAuthMethod,
  clientId: string,
  credentials: ClientCredentials,
): Promise<oauth.ClientAuth> {
  switch (method) {
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (!credentials.clientSecret) throw new AuthError('invalid_configuration', `${method} needs the client secret: set it first`);
      return method === 'client_secret_basic'
        ? oauth.ClientSecretBasic(credentials.clientSecret)
        : oauth.ClientSecretPost(credentials.clientSecret);
    }
    case 'private_key_jwt': {
      const key = await importPrivateKey(credentials);
      // CAMARA: the assertion lives at most 300 s; oauth4webapi sets aud to the issuer and the endpoint.
      return oauth.PrivateKeyJwt(key, {
        [oauth.modifyAssertion]: (_h, payload) => {
          payload.exp = (payload.iat as number) + 300;
        },
      });
    }
    case 'bearer_assertion': {
      // Some providers (Vonage) authenticate the application with a signed JWT as a bearer token.
      const key = await importPrivateKey(credentials);
      return async (_as, _client, _body, headers) => {
        const jwt = await new SignJWT({ application_id: clientId })
          .setProtectedHeader({ alg: algorithmOf(key.key), typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}) })
          .setIssuedAt()
          .setJti(oauth.generateRandomState())
          .setExpirationTime('5m')
          .sign(key.key);
        headers.set('authorization', `Bearer ${jwt}`);
      };
    }
    case 'none':
      return oauth.None();
  }
}

async function importPrivateKey(credentials: ClientCredentials): Promise<oauth.PrivateKey> {
  const text = credentials.privateKey?.trim();
  if (!text) throw new AuthError('invalid_configuration', 'this authentication method needs a private key: set it first');
  try {
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as JWK;
      const alg = jwk.alg ?? (jwk.kty === 'EC' ? 'ES256' : jwk.kty === 'OKP' ? 'EdDSA' : 'RS256');
      const key = (await importJWK(jwk, alg)) as CryptoKey;
      return { key, kid: jwk.kid };
    }
    const alg = /BEGIN EC PRIVATE KEY|prime256v1/.test(text) ? 'ES256' : await guessPemAlgorithm(text);
    return { key: await importPKCS8(text, alg), kid: credentials.keyId };
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError(
      'invalid_configuration',
      `the private key could not be read (PKCS#8 PEM or JWK JSON expected): ${(error as Error).message}`,
    );
  }
}

async function guessPemAlgorithm(pem: string): Promise<string> {
  for (const alg of ['ES256', 'RS256', 'EdDSA', 'ES384']) {
    try {
      await importPKCS8(pem, alg);
      return alg;
    } catch {
      // try the next
    }
  }
  throw new Error('unsupported key type');
}

function algorithmOf(key: CryptoKey): string {
  const algorithm = key.algorithm as { name: string; namedCurve?: string };
  if (algorithm.name === 'ECDSA') return algorithm.namedCurve === 'P-384' ? 'ES384' : 'ES256';
  if (algorithm.name === 'Ed25519') return 'EdDSA';
  return 'RS256';
}
