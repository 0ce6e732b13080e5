// The authorization server tells the truth about itself: every endpoint its discovery document advertises
// answers a valid request, and every response type, response mode, grant type, client authentication method
// and scope it lists works; what it does not do, it does not list.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { request } from 'undici';
import { ALL_API_SCOPES } from '../../src/core/camara/scopes';
import { ManualClock } from '../../src/sandbox/clock';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import { startSandbox } from '../../src/sandbox/server';
import { followRedirects } from '../support/browser';
import { CIBA_GRANT, form, type Reply } from '../support/client';
import { withSandbox } from '../support/sandbox';

type Discovery = Record<string, unknown> & { issuer: string };
const REDIRECT = 'http://127.0.0.1:53682/callback';
const LEGACY = 'dpv:RequestedServiceProvision#qod';
const PUBLIC = { client_id: 'qod-demo-public' };
const POST_AUTH = { client_id: 'qod-demo-post', client_secret: 'qod-demo-post-secret' };

describe('sandbox discovery tells the truth: what it advertises works', () => {
  const { sb } = withSandbox();
  let meta: Discovery;
  const list = (key: string): string[] => (Array.isArray(meta[key]) ? (meta[key] as string[]) : []);
  const endpoint = (key: string): string => String(meta[key]);

  before(async () => {
    meta = (await (await request(`${sb.url}/.well-known/openid-configuration`)).body.json()) as Discovery;
  });

  const pkce = () => {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  };
  const authorizeQuery = (extra: Record<string, string> = {}) => {
    const { challenge } = pkce();
    return new URLSearchParams({
      response_type: 'code',
      client_id: 'qod-demo',
      redirect_uri: REDIRECT,
      scope: `openid ${LEGACY}`,
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
  };
  /** An authorization code flow through auto-approval; answers the code and its verifier. */
  async function codeFor(clientId: string): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const auto = { login_hint: 'tel:+34666666662', sandbox_decision: 'approve' };
    const query = authorizeQuery({ client_id: clientId, code_challenge: challenge, ...auto });
    const landed = await followRedirects(`${endpoint('authorization_endpoint')}?${query}`, REDIRECT);
    const code = landed.searchParams.get('code');
    assert.ok(code, `no code: ${landed.href}`);
    return { code, verifier };
  }
  async function cibaTokens(scope: string): Promise<Reply> {
    const start = await form(endpoint('backchannel_authentication_endpoint'), { login_hint: 'tel:+34666666661', scope });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    return form(endpoint('token_endpoint'), { grant_type: CIBA_GRANT, auth_req_id: start.body.auth_req_id });
  }
  const clientToken = async (scope = 'qos-profiles:read', auth: Record<string, string> = {}) =>
    form(endpoint('token_endpoint'), { grant_type: 'client_credentials', scope, ...auth }, Object.keys(auth).length ? {} : undefined);

  /** One valid request per endpoint the discovery document may name; each must answer without an error. */
  const calls: Record<string, (url: string) => Promise<void>> = {
    authorization_endpoint: async (url) => {
      const res = await request(`${url}?${authorizeQuery()}`);
      await res.body.dump();
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /interaction\//, 'on to the sign-in page');
    },
    token_endpoint: async () => {
      const reply = await clientToken();
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    },
    jwks_uri: async (url) => {
      const res = await request(url);
      assert.equal(res.statusCode, 200);
      assert.ok(((await res.body.json()) as { keys: unknown[] }).keys.length > 0);
    },
    backchannel_authentication_endpoint: async (url) => {
      const reply = await form(url, { login_hint: 'tel:+34666666661', scope: LEGACY });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    },
    revocation_endpoint: async (url) => {
      const reply = await form(url, { token: (await clientToken()).body.access_token });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    },
    introspection_endpoint: async (url) => {
      const reply = await form(url, { token: (await clientToken()).body.access_token });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.active, true, `the sandbox's own access token, by its own client: ${JSON.stringify(reply.body)}`);
    },
    userinfo_endpoint: async (url) => {
      const token = (await cibaTokens(`openid ${LEGACY}`)).body.access_token;
      const res = await request(url, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.body.text();
      assert.equal(res.statusCode, 200, `userinfo refuses the sandbox's own access token: ${body}`);
    },
    end_session_endpoint: async (url) => {
      const res = await request(`${url}?client_id=qod-demo`);
      await res.body.dump();
      assert.equal(res.statusCode, 200);
    },
    pushed_authorization_request_endpoint: async (url) => {
      const pushed = await form(url, Object.fromEntries(authorizeQuery()));
      assert.equal(pushed.status, 201, `PAR: ${pushed.status} ${JSON.stringify(pushed.body)}`);
      assert.match(String(pushed.body.request_uri), /^urn:ietf:params:oauth:request_uri:/);
      const query = new URLSearchParams({ client_id: 'qod-demo', request_uri: pushed.body.request_uri });
      const res = await request(`${endpoint('authorization_endpoint')}?${query}`);
      await res.body.dump();
      assert.equal(res.statusCode, 303, 'the pushed request is used at /authorize');
      assert.match(String(res.headers.location), /interaction\//);
    },
  };

  it('every endpoint it advertises answers a valid request without an error', async () => {
    const advertised = Object.keys(meta).filter((k) => /_(endpoint|uri)$/.test(k));
    assert.ok(advertised.length >= 6, advertised.join(' '));
    const failures: string[] = [];
    for (const key of advertised) {
      const call = calls[key];
      if (!call) {
        failures.push(`${key}: advertised, and this test does not know how to call it`);
        continue;
      }
      assert.ok(endpoint(key).startsWith(`${sb.url}/`), `${key} is under the issuer`);
      await call(endpoint(key)).catch((e: Error) => failures.push(`${key} (${endpoint(key)}): ${e.message}`));
    }
    assert.deepEqual(failures, []);
  });

  it('response types: code only (no implicit or hybrid, OAuth 2.0 Security BCP), and code works', async () => {
    assert.deepEqual(meta.response_types_supported, ['code']);
    await codeFor('qod-demo');
    for (const type of ['token', 'id_token', 'code id_token', 'id_token token']) {
      const url = `${endpoint('authorization_endpoint')}?${authorizeQuery({ response_type: type, nonce: 'n' })}`;
      const landed = await followRedirects(url, REDIRECT).catch(() => undefined);
      const error = landed?.searchParams.get('error') ?? new URLSearchParams(landed?.hash.slice(1)).get('error');
      assert.equal(error ?? 'refused before the redirect', error ? 'unsupported_response_type' : 'refused before the redirect', type);
    }
  });

  it('response modes: each one listed delivers the code', async () => {
    const { challenge } = pkce();
    const base = { login_hint: 'tel:+34666666662', sandbox_decision: 'approve', code_challenge: challenge };
    for (const mode of list('response_modes_supported')) {
      const query = authorizeQuery({ ...base, response_mode: mode });
      if (mode === 'form_post') {
        const jar = new URLSearchParams();
        let url = `${endpoint('authorization_endpoint')}?${query}`;
        let cookie = '';
        for (let hop = 0; hop < 6; hop++) {
          const res = await request(url, { headers: { cookie } });
          cookie = [cookie, ...[res.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0])].filter(Boolean).join('; ');
          const html = await res.body.text();
          if (!res.headers.location) {
            assert.equal(res.statusCode, 200, html);
            assert.match(html, new RegExp(`action="${REDIRECT}"`), 'the form posts to the redirect URI');
            jar.set('code', /name="code" value="([^"]+)"/.exec(html)?.[1] ?? '');
            break;
          }
          url = new URL(String(res.headers.location), url).href;
        }
        assert.ok(jar.get('code'), 'form_post carries the code');
        continue;
      }
      const landed = await followRedirects(`${endpoint('authorization_endpoint')}?${query}`, REDIRECT);
      const params = mode === 'fragment' ? new URLSearchParams(landed.hash.slice(1)) : landed.searchParams;
      assert.ok(params.get('code'), `${mode}: ${landed.href}`);
    }
  });

  it('grant types: each one listed issues tokens, and the implicit grant is not listed', async () => {
    const grants = list('grant_types_supported');
    assert.ok(!grants.includes('implicit'), 'implicit is not offered');
    for (const grant of grants) {
      let reply: Reply;
      if (grant === 'authorization_code') {
        const { code, verifier } = await codeFor('qod-demo');
        reply = await form(endpoint('token_endpoint'), { grant_type: grant, code, code_verifier: verifier, redirect_uri: REDIRECT });
      } else if (grant === 'refresh_token') {
        const first = await cibaTokens(`openid ${LEGACY}`);
        reply = await form(endpoint('token_endpoint'), { grant_type: grant, refresh_token: first.body.refresh_token });
      } else if (grant === 'client_credentials') {
        reply = await clientToken();
      } else if (grant === CIBA_GRANT) {
        reply = await cibaTokens(LEGACY);
      } else {
        assert.fail(`${grant}: listed, and this test does not know how to use it`);
      }
      assert.equal(reply.status, 200, `${grant}: ${JSON.stringify(reply.body)}`);
      assert.ok(reply.body.access_token, grant);
    }
  });

  it('client authentication: each method listed gets a token', async () => {
    for (const method of list('token_endpoint_auth_methods_supported')) {
      let reply: Reply;
      if (method === 'client_secret_basic') reply = await clientToken();
      else if (method === 'client_secret_post') reply = await clientToken('qos-profiles:read', POST_AUTH);
      else if (method === 'private_key_jwt') {
        const alg = list('token_endpoint_auth_signing_alg_values_supported').includes('ES256') ? 'ES256' : '';
        assert.equal(alg, 'ES256', 'the demo key is ES256');
        const assertion = await new SignJWT({})
          .setProtectedHeader({ alg, kid: DEMO_PRIVATE_JWK.kid })
          .setIssuer('qod-demo-jwt')
          .setSubject('qod-demo-jwt')
          .setAudience(endpoint('token_endpoint'))
          .setIssuedAt()
          .setExpirationTime('2m')
          .setJti(randomBytes(8).toString('hex'))
          .sign(await importJWK(DEMO_PRIVATE_JWK, alg));
        reply = await clientToken('qos-profiles:read', {
          client_id: 'qod-demo-jwt',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        });
      } else if (method === 'none') {
        const { code, verifier } = await codeFor('qod-demo-public');
        const exchange = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, ...PUBLIC };
        reply = await form(endpoint('token_endpoint'), exchange, {});
      } else {
        assert.fail(`${method}: listed, and this test does not know how to use it`);
      }
      assert.equal(reply.status, 200, `${method}: ${JSON.stringify(reply.body)}`);
    }
  });

  it('scopes: every API scope is listed, and every listed scope is granted', async () => {
    const scopes = list('scopes_supported');
    for (const scope of ALL_API_SCOPES) assert.ok(scopes.includes(scope), `${scope} is listed`);
    const api = scopes.filter((s) => ALL_API_SCOPES.includes(s));
    const granted = await clientToken(api.join(' '));
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    const payload = String(granted.body.access_token).split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { scope: string };
    assert.deepEqual(claims.scope.split(' ').sort(), [...api].sort(), 'every API scope is granted (client credentials)');
    // The OpenID ones ask for an identity or a refresh token, so they belong to a 3-legged flow.
    const openid = scopes.filter((s) => !ALL_API_SCOPES.includes(s));
    const threeLegged = await cibaTokens([...openid, LEGACY].join(' '));
    assert.equal(threeLegged.status, 200, JSON.stringify(threeLegged.body));
    assert.ok(threeLegged.body.id_token, 'openid gives an ID token');
    assert.ok(threeLegged.body.refresh_token, 'offline_access (and every 3-legged grant) gives a refresh token');
  });

  it('CIBA: poll mode only, and it does not claim to check a user_code it ignores', async () => {
    assert.deepEqual(meta.backchannel_token_delivery_modes_supported, ['poll']);
    assert.notEqual(meta.backchannel_user_code_parameter_supported, true);
  });

  it('introspection answers only the client that holds the token; revoked, expired or foreign tokens are inactive', async () => {
    const url = endpoint('introspection_endpoint');
    const access = (await clientToken('quality-on-demand:sessions:read')).body.access_token as string;
    const mine = await form(url, { token: access });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.active, true);
    assert.equal(mine.body.client_id, 'qod-demo');
    assert.equal(mine.body.scope, 'quality-on-demand:sessions:read');
    assert.equal(mine.body.iss, sb.url);
    assert.equal(mine.body.token_type, 'Bearer');
    const theirs = await form(url, { token: access, ...POST_AUTH }, {});
    assert.deepEqual(theirs.body, { active: false }, 'another client learns nothing');
    const refresh = (await cibaTokens(`openid ${LEGACY}`)).body.refresh_token as string;
    assert.equal((await form(url, { token: refresh })).body.active, true, 'its refresh token, to its own client');
    assert.deepEqual((await form(url, { token: refresh, ...POST_AUTH }, {})).body, { active: false });
    assert.equal((await form(endpoint('revocation_endpoint'), { token: access })).status, 200);
    assert.deepEqual((await form(url, { token: access })).body, { active: false }, 'revoked');
    assert.deepEqual((await form(url, { token: 'not-a-token' })).body, { active: false });
    const clock = new ManualClock();
    const other = await startSandbox({ clock, rateLimit: false, accessTokenTtl: 60 });
    try {
      const issued = await form(`${other.url}/token`, { grant_type: 'client_credentials', scope: 'qos-profiles:read' });
      const soon = issued.body.access_token as string;
      assert.equal((await form(`${other.url}/introspect`, { token: soon })).body.active, true);
      clock.advance(61_000);
      assert.deepEqual((await form(`${other.url}/introspect`, { token: soon })).body, { active: false }, 'expired on the sandbox clock');
    } finally {
      await other.close();
    }
    const wrongSecret = `Basic ${btoa('qod-demo:wrong-secret')}`;
    assert.equal((await form(url, { token: access }, { authorization: wrongSecret })).status, 401, 'the client must authenticate');
  });

  it('what it does not do, it does not list: DPoP (the QoD API takes Bearer tokens only)', async () => {
    assert.equal(meta.dpop_signing_alg_values_supported, undefined);
  });
});
