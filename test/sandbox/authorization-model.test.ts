// The sandbox's authorization model, as an operator enforces it: a 3-legged token acts only on its own device,
// revocation takes effect at once, unknown scopes and fragment redirect URIs are refused, CIBA pacing cannot be
// triggered by someone without the client's credentials, and the sandbox stays on loopback unless told otherwise.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { request } from 'undici';
import { createAuthServer } from '../../src/sandbox/auth/provider';
import { startSandbox } from '../../src/sandbox/server';
import { ALL_V1_SCOPES, api, BASIC, CIBA_GRANT, cibaToken, clientCredentials, form } from '../support/client';
import { withSandbox } from '../support/sandbox';

const V1 = ALL_V1_SCOPES;
const V0 = 'qod-sessions-write qod-sessions-read qod-sessions-delete qod-profiles-read';
const ALL = `${V1} ${V0}`;

const BODIES: Record<'v1' | 'v0.10' | 'v0.8', (phone: string) => Record<string, unknown>> = {
  v1: (phone) => ({
    device: { phoneNumber: phone },
    applicationServer: { ipv4Address: '198.51.100.10' },
    qosProfile: 'QOS_E',
    duration: 600,
  }),
  'v0.10': (phone) => ({
    device: { phoneNumber: phone },
    applicationServer: { ipv4Address: '198.51.100.10' },
    qosProfile: 'QOS_E',
    duration: 600,
  }),
  'v0.8': (phone) => ({ ueId: { msisdn: phone.slice(1) }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E', duration: 600 }),
};
const ID_FIELD = { v1: 'sessionId', 'v0.10': 'sessionId', 'v0.8': 'id' } as const;
const FORBIDDEN = { v1: 'PERMISSION_DENIED', 'v0.10': 'PERMISSION_DENIED', 'v0.8': 'FORBIDDEN' } as const;

describe('Sandbox authorization model', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 10 }, { perTest: true, manualClock: true });

  for (const flavour of ['v1', 'v0.10', 'v0.8'] as const) {
    it(`${flavour}: a 3-legged token for device X cannot read, extend or delete device Y's session, even one made with a 2-legged token`, async () => {
      const twoLegged = await clientCredentials(sb, ALL);
      const created = await api(sb, flavour, {
        method: 'POST',
        path: '/sessions',
        token: twoLegged,
        body: BODIES[flavour]('+34666666662'),
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body[ID_FIELD[flavour]];
      clock.advance(10);
      const other = await cibaToken(sb, 'tel:+34666666661', ALL);
      const owner = await cibaToken(sb, 'tel:+34666666662', ALL);
      const attempts: Array<[string, string, unknown]> = [
        ['GET', `/sessions/${id}`, undefined],
        ['DELETE', `/sessions/${id}`, undefined],
      ];
      if (flavour !== 'v0.8') attempts.splice(1, 0, ['POST', `/sessions/${id}/extend`, { requestedAdditionalDuration: 60 }]);
      for (const [method, path, body] of attempts) {
        const refused = await api(sb, flavour, { method, path, token: other, body });
        assert.equal(refused.status, 403, `${method} ${path}: ${JSON.stringify(refused.body)}`);
        assert.equal(refused.body.code, FORBIDDEN[flavour]);
      }
      const mine = await api(sb, flavour, { method: 'GET', path: `/sessions/${id}`, token: owner });
      assert.equal(mine.status, 200, 'the device the session is for may read it with its own 3-legged token');
      const stillThere = await api(sb, flavour, { method: 'GET', path: `/sessions/${id}`, token: twoLegged });
      assert.equal(stillThere.status, 200, 'nothing was deleted by the refused calls');
    });
  }

  for (const flavour of ['v0.10', 'v0.8'] as const) {
    it(`${flavour}: with a 3-legged token the body's device must be the token's (another → 403 ${FORBIDDEN[flavour]}, the same → 201)`, async () => {
      const token = await cibaToken(sb, 'tel:+34666666661', ALL);
      const mismatch = await api(sb, flavour, { method: 'POST', path: '/sessions', token, body: BODIES[flavour]('+34666666662') });
      assert.equal(mismatch.status, 403, JSON.stringify(mismatch.body));
      assert.equal(mismatch.body.code, FORBIDDEN[flavour]);
      const same = await api(sb, flavour, { method: 'POST', path: '/sessions', token, body: BODIES[flavour]('+34666666661') });
      assert.equal(same.status, 201, JSON.stringify(same.body));
    });
  }

  it('revocation is real: a revoked access token, or one whose grant was revoked (Sign Out), gets 401 at once', async () => {
    const token = await clientCredentials(sb, V1);
    assert.equal((await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} })).status, 200);
    const revoked = await form(`${sb.url}/revoke`, { token, token_type_hint: 'access_token' });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    const after = await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} });
    assert.equal(after.status, 401);
    assert.match(after.body.message, /revoked/);

    // Sign Out revokes the refresh token; oidc-provider revokes the grant, and the grant's access tokens with it.
    const start = await form(`${sb.url}/bc-authorize`, { login_hint: 'tel:+34666666661', scope: `openid offline_access ${V1}` });
    const tokens = await form(`${sb.url}/token`, { grant_type: CIBA_GRANT, auth_req_id: start.body.auth_req_id });
    assert.ok(tokens.body.refresh_token, JSON.stringify(tokens.body));
    assert.equal(
      (await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token: tokens.body.access_token, body: {} })).status,
      200,
    );
    assert.equal((await form(`${sb.url}/revoke`, { token: tokens.body.refresh_token })).status, 200);
    const signedOut = await api(sb, 'profiles-v1', {
      method: 'POST',
      path: '/retrieve-qos-profiles',
      token: tokens.body.access_token,
      body: {},
    });
    assert.equal(signedOut.status, 401);

    // Another client cannot revoke this client's token (the endpoint still answers 200, as RFC 7009 asks).
    const other = await clientCredentials(sb, V1);
    const post = { authorization: '' };
    const foreign = await form(
      `${sb.url}/revoke`,
      { token: other, client_id: 'qod-demo-post', client_secret: 'qod-demo-post-secret' },
      post,
    );
    assert.equal(foreign.status, 200);
    assert.equal((await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token: other, body: {} })).status, 200);
  });

  it('refuses unknown scopes with invalid_scope at the token, bc-authorize and authorize endpoints', async () => {
    const cc = await form(`${sb.url}/token`, {
      grant_type: 'client_credentials',
      scope: 'quality-on-demand:sessions:create made-up:scope',
    });
    assert.equal(cc.status, 400);
    assert.equal(cc.body.error, 'invalid_scope');
    assert.match(cc.body.error_description, /made-up:scope/);
    const ciba = await form(`${sb.url}/bc-authorize`, { login_hint: 'tel:+34666666661', scope: 'openid nonsense' });
    assert.equal(ciba.status, 400);
    assert.equal(ciba.body.error, 'invalid_scope');
    const redirect = 'http://127.0.0.1:53682/callback';
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'qod-demo',
      redirect_uri: redirect,
      scope: 'openid nonsense',
      state: 's1',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    const res = await request(`${sb.url}/authorize?${query}`);
    await res.body.dump();
    const location = new URL(String(res.headers.location));
    assert.equal(location.origin + location.pathname, redirect);
    assert.equal(location.searchParams.get('error'), 'invalid_scope');
    assert.equal(location.searchParams.get('state'), 's1');
  });

  it('refuses redirect URIs with a fragment at /authorize and at registration', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'qod-demo',
      redirect_uri: 'http://127.0.0.1:53682/callback#frag',
      scope: 'openid',
      state: 's',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    const res = await request(`${sb.url}/authorize?${query}`);
    const text = await res.body.text();
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers.location, undefined, 'never redirected to a URI with a fragment');
    assert.match(text, /redirect_uri/);
    // Clients are registered statically; oidc-provider validates that metadata (also the demo clients') the same way.
    const { provider } = createAuthServer({
      issuer: 'http://127.0.0.1:1',
      cibaExpiresIn: 120,
      accessTokenTtl: 60,
      onBackchannelRequest: () => undefined,
    });
    await assert.rejects(
      provider.Client.validate({ client_id: 'x', client_secret: 'y'.repeat(32), redirect_uris: ['https://app.example/cb#frag'] }),
      (error: { error?: string; error_description?: string }) =>
        error.error === 'invalid_redirect_uri' && /fragment/.test(String(error.error_description)),
    );
  });

  it('CIBA: a poll with bad client credentials never pushes the real client into slow_down', async () => {
    const start = await form(`${sb.url}/bc-authorize`, { login_hint: 'tel:+34666666665', scope: V1 });
    assert.equal(start.status, 200);
    const poll = (authorization: string) =>
      form(`${sb.url}/token`, { grant_type: CIBA_GRANT, auth_req_id: start.body.auth_req_id }, { authorization });
    const first = await poll(BASIC);
    assert.equal(first.body.error, 'authorization_pending');
    for (let i = 0; i < 3; i++) {
      const bad = await poll(`Basic ${Buffer.from('qod-demo:wrong-secret').toString('base64')}`);
      assert.equal(bad.status, 401);
      assert.equal(bad.body.error, 'invalid_client');
      const otherClient = await poll(`Basic ${Buffer.from('qod-demo-post:qod-demo-post-secret').toString('base64')}`);
      assert.notEqual(otherClient.body.error, 'slow_down', 'another client polling this request is not paced on its behalf');
    }
    clock.advance(2000);
    const second = await poll(BASIC);
    assert.equal(
      second.body.error,
      'authorization_pending',
      `after the interval the real client is not slowed down: ${JSON.stringify(second.body)}`,
    );
    const tooFast = await poll(BASIC);
    assert.equal(tooFast.body.error, 'slow_down', 'the real client is still paced when it polls too fast');
  });
});

describe('Sandbox binding: loopback unless asked, and a public URL for discovery', () => {
  it('refuses a non-loopback host unless allowRemote is given', async () => {
    await assert.rejects(startSandbox({ host: '0.0.0.0' }), /not a loopback address.*--allow-remote/);
    await assert.rejects(startSandbox({ host: '192.0.2.1' }), /not a loopback address/);
  });

  it('uses the public URL as the issuer and in every URL, so discovery works for clients', async () => {
    const port = await freePort();
    const sb = await startSandbox({ host: '127.0.0.1', port, publicUrl: `http://localhost:${port}/`, rateLimit: false });
    try {
      assert.equal(sb.url, `http://localhost:${port}`);
      assert.equal(sb.urls.qodV1, `http://localhost:${port}/quality-on-demand/v1`);
      const meta = (await (await request(sb.urls.discovery)).body.json()) as Record<string, string>;
      assert.equal(meta.issuer, `http://localhost:${port}`);
      assert.equal(meta.token_endpoint, `http://localhost:${port}/token`);
      const token = await clientCredentials(sb, V1);
      assert.equal(
        (await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} })).status,
        200,
        'tokens carry the public issuer and still verify',
      );
    } finally {
      await sb.close();
    }
    await assert.rejects(startSandbox({ publicUrl: 'http://localhost:1/path' }), /no path/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
