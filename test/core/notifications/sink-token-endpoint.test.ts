// QoD 1.2's PRIVATE_KEY_JWT notifications, the app's side, over real HTTP: the sink's token endpoint answers a token
// for an operator assertion signed by a key of the operator's JWKS (and the notification carrying it is accepted),
// and refuses every other assertion with OAuth's words, never echoing it: wrong audience, wrong issuer, another
// key, expired, replayed, garbage, a wrong grant, a huge request.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { startNotificationSink, type NotificationSink } from '../../../src/core/notifications/sink';

const CLIENT_ID = 'operator-notifier';
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

async function keyPair(kid: string): Promise<{ privateKey: Key; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

describe('the notification sink as the token endpoint of PRIVATE_KEY_JWT (QoD 1.2)', () => {
  let sink: NotificationSink;
  let operator: { privateKey: Key; jwk: JWK };
  let stranger: { privateKey: Key; jwk: JWK };

  before(async () => {
    operator = await keyPair('op-1');
    stranger = await keyPair('op-1');
    sink = await startNotificationSink({ privateKeyJwt: { clientId: CLIENT_ID, jwks: { keys: [operator.jwk] } } });
  });
  after(() => sink.close());

  const assertion = (claims: Record<string, unknown> = {}, key = operator.privateKey, expires: string | number = '2m') =>
    new SignJWT({ jti: randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'op-1' })
      .setIssuer(String(claims.iss ?? CLIENT_ID))
      .setSubject(CLIENT_ID)
      .setAudience(String(claims.aud ?? sink.privateKeyJwt!.tokenUri))
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key);

  async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(sink.privateKeyJwt!.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const grant = (clientAssertion: string) => ({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion,
  });
  const notify = (bearer: string) =>
    fetch(sink.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({
        id: '1',
        source: 'https://operator.example/qod',
        type: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
        specversion: '1.0',
        time: new Date().toISOString(),
        data: { sessionId: randomUUID(), qosStatus: 'AVAILABLE' },
      }),
    });

  it('a good assertion gets a token, and a notification carrying it is accepted (204) and delivered', async () => {
    assert.deepEqual(sink.privateKeyJwt, { clientId: CLIENT_ID, tokenUri: sink.url.replace(/\/notifications$/, '/token') });
    const answer = await token(grant(await assertion()));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.token_type, 'Bearer');
    assert.equal(typeof answer.body.access_token, 'string');
    const received = new Promise((resolve) => sink.onNotification(resolve));
    assert.equal((await notify(answer.body.access_token as string)).status, 204);
    assert.equal(((await received) as { qosStatus: string }).qosStatus, 'AVAILABLE');
    // The static token of ACCESSTOKEN credentials still works; a made-up one does not.
    assert.equal((await notify(sink.token)).status, 204);
    assert.equal((await notify('made-up-token')).status, 401);
  });

  it('refuses every other assertion as invalid_client (401), saying which check failed, never echoing it', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['another audience', await assertion({ aud: 'https://elsewhere.example/token' }), /"aud"/],
      ['another issuer', await assertion({ iss: 'someone-else' }), /"iss"/],
      ['a key not in the operator JWKS', await assertion({}, stranger.privateKey), /signature/],
      ['expired', await assertion({}, operator.privateKey, Math.floor(Date.now() / 1000) - 600), /"exp"/],
      ['garbage', 'not.a.jwt', /./],
      [
        'an HMAC signature (alg HS256), keyed with anything',
        await new SignJWT({ jti: randomUUID() })
          .setProtectedHeader({ alg: 'HS256', kid: 'op-1' })
          .setIssuer(CLIENT_ID)
          .setSubject(CLIENT_ID)
          .setAudience(sink.privateKeyJwt!.tokenUri)
          .setExpirationTime('2m')
          .sign(new TextEncoder().encode('x'.repeat(32))),
        /alg/i,
      ],
    ];
    for (const [what, jwt, why] of cases) {
      const answer = await token(grant(jwt));
      assert.equal(answer.status, 401, what);
      assert.equal(answer.body.error, 'invalid_client', what);
      assert.match(String(answer.body.error_description), why, what);
      assert.ok(!JSON.stringify(answer.body).includes(jwt), `${what}: the assertion is not echoed`);
    }
  });

  it('refuses a replayed assertion (its jti), a wrong grant, a missing assertion and a huge request', async () => {
    const once = await assertion();
    assert.equal((await token(grant(once))).status, 200);
    const replay = await token(grant(once));
    assert.deepEqual([replay.status, replay.body.error], [401, 'invalid_client']);
    assert.match(String(replay.body.error_description), /jti was used before/);
    const wrongGrant = await token({ ...grant(await assertion()), grant_type: 'password' });
    assert.deepEqual([wrongGrant.status, wrongGrant.body.error], [400, 'unsupported_grant_type']);
    const missing = await token({ grant_type: 'client_credentials' });
    assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request']);
    const huge = await token({ ...grant(await assertion()), padding: 'x'.repeat(20_000) });
    assert.deepEqual([huge.status, huge.body.error], [400, 'invalid_request']);
  });

  it('reads the operator keys over https, or http on loopback only', async () => {
    await assert.rejects(
      startNotificationSink({ privateKeyJwt: { clientId: CLIENT_ID, jwks: 'http://operator.example/jwks.json' } }),
      /must be an https:\/\/ URL \(or http:\/\/ on loopback\)/,
    );
  });

  it('without privateKeyJwt there is no token endpoint (404)', async () => {
    const plain = await startNotificationSink();
    try {
      assert.equal(plain.privateKeyJwt, undefined);
      const response = await fetch(plain.url.replace(/\/notifications$/, '/token'), { method: 'POST', body: 'grant_type=x' });
      assert.equal(response.status, 404);
    } finally {
      await plain.close();
    }
  });
});
