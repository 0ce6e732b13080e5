import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { clientAuthentication } from '../../../src/core/auth/client-auth';
import { decodeToken } from '../../../src/core/auth/jwt';
import { pastedRedirect } from '../../../src/core/auth/redirect';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { TokenCache, tokenKeyId, type TokenKey } from '../../../src/core/auth/token-cache';
import type { TokenSet } from '../../../src/core/auth/token-set';
import { CancelledError } from '../../../src/core/errors';
import { apiUrls, sandboxEnvironment, telefonicaEnvironment } from '../../../src/core/environments';

const KEY: TokenKey = { environmentId: 'env', flow: 'ciba', subject: 'tel:+34666666661', scope: 'b a' };
const tokens = (expiresAt: number, refreshToken?: string): TokenSet => ({
  accessToken: `at-${expiresAt}`,
  tokenType: 'Bearer',
  expiresAt,
  refreshToken,
  flow: 'ciba',
});

describe('token cache', () => {
  it('keys by environment, flow, subject and scopes (in any order)', () => {
    assert.equal(tokenKeyId(KEY), tokenKeyId({ ...KEY, scope: 'a  b' }));
    assert.notEqual(tokenKeyId(KEY), tokenKeyId({ ...KEY, subject: 'tel:+34666666662' }));
    assert.notEqual(tokenKeyId(KEY), tokenKeyId({ ...KEY, flow: 'client_credentials' }));
  });

  it('serves a fresh token, refreshes a stale one (with skew), and forgets one that cannot be refreshed', async () => {
    let now = 1_000_000;
    const store = new MemorySecretStore();
    const cache = new TokenCache(store, { now: () => now, skewMs: 30_000 });
    await cache.put(KEY, tokens(now + 60_000, 'rt-1'));
    let refreshes = 0;
    const refresh = async (t: TokenSet) => {
      refreshes++;
      return { ...tokens(now + 3_600_000), refreshToken: t.refreshToken };
    };
    assert.equal((await cache.usable(KEY, refresh))?.accessToken, `at-${1_060_000}`);
    now += 31_000; // inside the skew: treated as expired
    const refreshed = await cache.usable(KEY, refresh);
    assert.equal(refreshes, 1);
    assert.equal(refreshed?.accessToken, `at-${now + 3_600_000}`);
    assert.ok((await store.get(tokenKeyId(KEY)))?.includes(refreshed?.accessToken as string), 'persisted through the SecretStore');
    now += 4_000_000;
    assert.equal(
      await cache.usable(KEY, async () => {
        throw new Error('invalid_grant');
      }),
      undefined,
    );
    assert.equal(await store.get(tokenKeyId(KEY)), undefined, 'a token that cannot be refreshed is removed');
  });

  it('reads tokens back from the SecretStore (another window, a reload)', async () => {
    const store = new MemorySecretStore();
    await new TokenCache(store).put(KEY, tokens(Date.now() + 600_000));
    assert.ok((await new TokenCache(store).get(KEY))?.accessToken.startsWith('at-'));
  });
});

describe('JWT display', () => {
  it('decodes header, claims and expiry without claiming to verify', () => {
    const token = ['{"alg":"ES256","typ":"at+jwt"}', '{"sub":"tel:+34666666661","exp":2000000000}', 'sig']
      .map((p, i) => (i < 2 ? Buffer.from(p).toString('base64url') : p))
      .join('.');
    const decoded = decodeToken(token);
    assert.deepEqual(decoded?.header, { alg: 'ES256', typ: 'at+jwt' });
    assert.equal(decoded?.expiresAt, 2_000_000_000_000);
    assert.equal(decoded?.verified, false);
    assert.equal(decodeToken('opaque-token'), undefined);
  });
});

describe('client authentication', () => {
  const as = { issuer: 'https://as.example', token_endpoint: 'https://as.example/token' };
  const client = { client_id: 'app-1' };

  it('private_key_jwt from a PEM key: a signed assertion for the token endpoint, living at most 300 s', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const auth = await clientAuthentication('private_key_jwt', 'app-1', { privateKey: pem, keyId: 'k1' });
    const body = new URLSearchParams();
    await auth(as, client, body, new Headers());
    const claims = decodeJwt(body.get('client_assertion') as string);
    assert.equal(claims.iss, 'app-1');
    assert.equal(claims.sub, 'app-1');
    assert.ok((claims.exp as number) - (claims.iat as number) <= 300);
    assert.equal(body.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
  });

  it('bearer_assertion signs an application JWT into the Authorization header', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const auth = await clientAuthentication('bearer_assertion', 'app-1', { privateKey: pem });
    const headers = new Headers();
    await auth(as, client, new URLSearchParams(), headers);
    const jwt = headers.get('authorization')?.replace(/^Bearer /, '') as string;
    assert.equal(decodeJwt(jwt).application_id, 'app-1');
  });

  it('says what is missing or unreadable', async () => {
    await assert.rejects(clientAuthentication('client_secret_basic', 'app-1', {}), /needs the client secret/);
    await assert.rejects(clientAuthentication('private_key_jwt', 'app-1', { privateKey: 'not a key' }), /could not be read/);
    assert.equal(typeof (await clientAuthentication('none', 'app-1', {})), 'function');
    assert.ok(oauth.None);
  });
});

describe('paste-the-code redirect', () => {
  it('accepts the pasted URL, or a bare code, and treats an empty answer as cancel', async () => {
    const fromUrl = pastedRedirect('https://app.example/cb', async () => 'https://app.example/cb?code=c1&state=s1');
    assert.equal((await fromUrl.waitForCallback('s1')).get('code'), 'c1');
    const bare = pastedRedirect('https://app.example/cb', async () => ' c2 ');
    const params = await bare.waitForCallback('s2');
    assert.deepEqual([params.get('code'), params.get('state')], ['c2', 's2']);
    await assert.rejects(pastedRedirect('https://app.example/cb', async () => undefined).waitForCallback('s'), CancelledError);
  });
});

describe('environments', () => {
  it('derive API URLs per flavour and preset', () => {
    assert.deepEqual(apiUrls(sandboxEnvironment('http://127.0.0.1:9', 'v1')), {
      sessions: 'http://127.0.0.1:9/quality-on-demand/v1',
      profiles: 'http://127.0.0.1:9/qos-profiles/v1',
      provisioning: 'http://127.0.0.1:9/qos-provisioning/v0.3',
    });
    // QoS Provisioning follows the release, and an environment's paths move it like the other APIs.
    const v1_2 = sandboxEnvironment('http://127.0.0.1:9', 'v1.2');
    assert.equal(apiUrls(v1_2).provisioning, 'http://127.0.0.1:9/qos-provisioning/v0.4rc1');
    assert.equal(
      apiUrls({ ...v1_2, paths: { ...v1_2.paths, provisioning: '/qos-provisioning/v0.4' } }).provisioning,
      'http://127.0.0.1:9/qos-provisioning/v0.4',
    );
    assert.deepEqual(apiUrls(sandboxEnvironment('http://127.0.0.1:9', 'v0.8')), {
      sessions: 'http://127.0.0.1:9/v0.8/qod/v0',
      profiles: undefined,
    });
    const telefonica = telefonicaEnvironment('my-app', 'v0.10');
    assert.deepEqual(apiUrls(telefonica), {
      sessions: 'https://sandbox.opengateway.telefonica.com/apigateway/qod/v0',
      profiles: 'https://sandbox.opengateway.telefonica.com/apigateway/qod/v0',
    });
    assert.equal(telefonica.endpoints?.backchannelAuthentication, 'https://sandbox.opengateway.telefonica.com/apigateway/bc-authorize');
    assert.equal(telefonica.scope, 'dpv:RequestedServiceProvision#qod');
  });
});
