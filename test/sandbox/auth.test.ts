import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { request } from 'undici';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import { followRedirects } from '../support/browser';
import { api, CIBA_GRANT, form } from '../support/client';
import { withSandbox } from '../support/sandbox';

const LEGACY = 'dpv:RequestedServiceProvision#qod';

describe('Sandbox authorization server (oidc-provider over real HTTP)', () => {
  const { sb, clock } = withSandbox({}, { perTest: true, manualClock: true });

  const bcAuthorize = (loginHint: string, scope = LEGACY) => form(`${sb.url}/bc-authorize`, { login_hint: loginHint, scope });
  const poll = (authReqId: string) => form(`${sb.url}/token`, { grant_type: CIBA_GRANT, auth_req_id: authReqId });

  it('publishes discovery with CIBA, PKCE and the three client authentication methods', async () => {
    const res = await request(`${sb.url}/.well-known/openid-configuration`);
    const meta = (await res.body.json()) as Record<string, unknown>;
    assert.equal(meta.issuer, sb.url);
    assert.equal(meta.backchannel_authentication_endpoint, `${sb.url}/bc-authorize`);
    assert.ok((meta.grant_types_supported as string[]).includes(CIBA_GRANT));
    assert.deepEqual(meta.backchannel_token_delivery_modes_supported, ['poll']);
    for (const m of ['client_secret_basic', 'client_secret_post', 'private_key_jwt']) {
      assert.ok((meta.token_endpoint_auth_methods_supported as string[]).includes(m), m);
    }
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    const jwks = (await (await request(String(meta.jwks_uri))).body.json()) as { keys: Array<{ d?: string }> };
    assert.ok(jwks.keys.length >= 2);
    assert.ok(
      jwks.keys.every((k) => k.d === undefined),
      'the JWKS never carries private parts',
    );
  });

  it('CIBA: approved on the first poll (last digit 0–4), with interval and the legacy scope alone', async () => {
    const start = await bcAuthorize('tel:+34666666661');
    assert.equal(start.status, 200);
    assert.equal(start.body.interval, 2);
    assert.equal(start.body.expires_in, 120);
    const token = await poll(start.body.auth_req_id);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.equal(token.body.token_type, 'Bearer');
    assert.ok(token.body.refresh_token, 'a refresh token is issued');
    const claims = JSON.parse(Buffer.from(token.body.access_token.split('.')[1], 'base64url').toString());
    assert.equal(claims.sub, 'tel:+34666666661');
    assert.equal(claims.scope, LEGACY);
  });

  it('CIBA: pending twice, then approved (last digit 5); polling too fast answers slow_down and adds 5 s', async () => {
    const { body } = await bcAuthorize('ipport:203.0.113.25:8080');
    assert.equal((await poll(body.auth_req_id)).body.error, 'authorization_pending');
    const tooFast = await poll(body.auth_req_id);
    assert.equal(tooFast.body.error, 'slow_down');
    clock.advance(2000);
    assert.equal((await poll(body.auth_req_id)).body.error, 'slow_down', 'the interval is now 7 s');
    clock.advance(7000);
    assert.equal((await poll(body.auth_req_id)).body.error, 'slow_down', 'the second slow_down made it 12 s; now 17 s');
    clock.advance(17_000);
    assert.equal((await poll(body.auth_req_id)).body.error, 'authorization_pending');
    clock.advance(17_000);
    const approved = await poll(body.auth_req_id);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
  });

  it('CIBA: access_denied (last digit 6) and expired_token after expires_in (last digit 7)', async () => {
    const denied = await bcAuthorize('tel:+34666666666');
    assert.equal((await poll(denied.body.auth_req_id)).body.error, 'access_denied');

    const never = await bcAuthorize('ipport:[2001:db8::7]');
    assert.equal((await poll(never.body.auth_req_id)).body.error, 'authorization_pending');
    clock.advance(120_000);
    const expired = await poll(never.body.auth_req_id);
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error, 'expired_token');
  });

  it('CIBA: unknown subscriber answers unknown_user_id, malformed hints invalid_request, bad auth_req_id invalid_grant', async () => {
    assert.equal((await bcAuthorize('tel:+34666666668')).body.error, 'unknown_user_id');
    for (const hint of [
      'phone_number:+34666666661',
      '+34666666661',
      'tel:0034666',
      'ipport:300.1.1.1',
      'ipport:[2001:db8::1',
      'ipport:203.0.113.1:99999',
    ]) {
      const reply = await bcAuthorize(hint);
      assert.equal(reply.status, 400, hint);
      assert.equal(reply.body.error, 'invalid_request', hint);
    }
    assert.equal((await poll('not-a-real-id')).body.error, 'invalid_grant');
    const wrongSecret = await form(
      `${sb.url}/bc-authorize`,
      { login_hint: 'tel:+34666666661', scope: LEGACY },
      {
        authorization: `Basic ${Buffer.from('qod-demo:wrong').toString('base64')}`,
      },
    );
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error, 'invalid_client');
  });

  it('client credentials with client_secret_basic, client_secret_post and private_key_jwt', async () => {
    const scope = 'quality-on-demand:sessions:read';
    const basic = await form(`${sb.url}/token`, { grant_type: 'client_credentials', scope });
    assert.equal(basic.status, 200);
    const post = await form(
      `${sb.url}/token`,
      { grant_type: 'client_credentials', scope, client_id: 'qod-demo-post', client_secret: 'qod-demo-post-secret' },
      {},
    );
    assert.equal(post.status, 200);
    const key = await importJWK(DEMO_PRIVATE_JWK, 'ES256');
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: DEMO_PRIVATE_JWK.kid })
      .setIssuer('qod-demo-jwt')
      .setSubject('qod-demo-jwt')
      .setAudience(`${sb.url}/token`)
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(randomBytes(8).toString('hex'))
      .sign(key);
    const jwt = await form(
      `${sb.url}/token`,
      {
        grant_type: 'client_credentials',
        scope,
        client_id: 'qod-demo-jwt',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      },
      {},
    );
    assert.equal(jwt.status, 200, JSON.stringify(jwt.body));
    const reply = await api(sb, 'v1', { method: 'GET', path: `/sessions/${crypto.randomUUID()}`, token: jwt.body.access_token });
    assert.equal(reply.status, 404, 'the private_key_jwt token is accepted by the QoD API');
    const badAssertion = await form(
      `${sb.url}/token`,
      {
        grant_type: 'client_credentials',
        scope,
        client_id: 'qod-demo-jwt',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: `${assertion.slice(0, -4)}AAAA`,
      },
      {},
    );
    assert.equal(badAssertion.body.error, 'invalid_client', 'a forged assertion is refused');
  });

  it('refresh token: a CIBA refresh token yields a new access token', async () => {
    const start = await bcAuthorize('tel:+34666666660');
    const first = await poll(start.body.auth_req_id);
    const refreshed = await form(`${sb.url}/token`, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.notEqual(refreshed.body.access_token, first.body.access_token);
  });

  describe('authorization code with PKCE', () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');

    async function authorize(extra: Record<string, string>): Promise<{ location: URL }> {
      const redirect = 'http://127.0.0.1:53682/callback';
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: 'qod-demo',
        redirect_uri: redirect,
        scope: `openid ${LEGACY}`,
        state: 'state-123',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...extra,
      });
      return { location: await followRedirects(`${sb.url}/authorize?${query}`, redirect) };
    }

    it('auto-approves with sandbox_decision, returns state, and needs the right code_verifier', async () => {
      const { location } = await authorize({ login_hint: 'tel:+34666666662', sandbox_decision: 'approve' });
      assert.equal(location.searchParams.get('state'), 'state-123');
      const code = location.searchParams.get('code');
      assert.ok(code);
      const base = { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:53682/callback' };
      const wrong = await form(`${sb.url}/token`, { ...base, code_verifier: randomBytes(32).toString('base64url') });
      assert.equal(wrong.body.error, 'invalid_grant');
      const { location: again } = await authorize({ login_hint: 'tel:+34666666662', sandbox_decision: 'approve' });
      const right = await form(`${sb.url}/token`, { ...base, code: again.searchParams.get('code') as string, code_verifier: verifier });
      assert.equal(right.status, 200, JSON.stringify(right.body));
      const claims = JSON.parse(Buffer.from(right.body.access_token.split('.')[1], 'base64url').toString());
      assert.equal(claims.sub, 'tel:+34666666662');
    });

    it('a denial comes back as access_denied with the state', async () => {
      const { location } = await authorize({ login_hint: 'tel:+34666666662', sandbox_decision: 'deny' });
      assert.equal(location.searchParams.get('error'), 'access_denied');
      assert.equal(location.searchParams.get('state'), 'state-123');
    });

    it('shows the network-authentication page when no decision is preset', async () => {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: 'qod-demo',
        redirect_uri: 'http://127.0.0.1:1/cb',
        scope: LEGACY,
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const first = await request(`${sb.url}/authorize?${query}`);
      await first.body.dump();
      const cookie = [first.headers['set-cookie'] ?? []]
        .flat()
        .map((c) => c.split(';')[0])
        .join('; ');
      const page = await request(new URL(first.headers.location as string, sb.url).href, { headers: { cookie } });
      const html = await page.body.text();
      assert.equal(page.statusCode, 200);
      assert.match(html, /Device on the mobile network/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
      const stale = await request(`${sb.url}/interaction/no-such-interaction`);
      assert.equal(stale.statusCode, 400, 'an unknown interaction is a clear 400, not a crash');
      assert.doesNotMatch(await stale.body.text(), /at .*\.js:\d+/);
    });
  });

  it('answers invalid_request for an over-long token request body, and keeps serving', async () => {
    const reply = await form(`${sb.url}/token`, { grant_type: 'client_credentials', scope: 'x'.repeat(70 * 1024) });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error, 'invalid_request');
    assert.equal((await form(`${sb.url}/token`, { grant_type: 'client_credentials', scope: 'qos-profiles:read' })).status, 200);
  });
});
