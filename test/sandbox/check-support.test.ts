// What "Check this provider" needs of the sandbox for scenarios a normal client never meets on purpose, over real
// HTTP: qod-demo-brief's tokens expire after 1 second (401.2_expired_access_token), qod-demo-limited is limited to
// 2 requests a second with a burst of 2 even when the sandbox's own limit is off (429.1_too_many_requests), and
// QOS_RESTRICTED is offered only to devices ending in 3 (retrieveQoSProfiles 04/05).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ALL_V1_SCOPES, api, cibaToken, clientCredentials, form } from '../support/client';
import { withSandbox } from '../support/sandbox';

const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });

async function tokenOf(url: string, id: string, secret: string): Promise<{ token: string; expiresIn: number }> {
  const reply = await form(`${url}/token`, { grant_type: 'client_credentials', scope: ALL_V1_SCOPES }, basic(id, secret));
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return { token: reply.body.access_token, expiresIn: reply.body.expires_in };
}

describe('The sandbox offers what the provider check needs (demo clients qod-demo-brief and qod-demo-limited)', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 0 }, { manualClock: true });
  const someId = randomUUID();

  it('qod-demo-brief: its access tokens live 1 second, then every API answers 401 UNAUTHENTICATED (expired)', async () => {
    const brief = await tokenOf(sb.url, 'qod-demo-brief', 'qod-demo-brief-secret');
    assert.equal(brief.expiresIn, 1);
    const normal = await clientCredentials(sb, ALL_V1_SCOPES);
    const fresh = await api(sb, 'provisioning-v0.4', { method: 'GET', path: `/qos-assignments/${someId}`, token: brief.token });
    assert.equal(fresh.status, 404, 'valid while it lasts');
    clock.advance(2000);
    for (const [spec, path] of [
      ['provisioning-v0.4', `/qos-assignments/${someId}`],
      ['provisioning-v0.3', `/qos-assignments/${someId}`],
      ['v1.2', `/sessions/${someId}`],
      ['profiles-v1', '/qos-profiles/QOS_E'],
    ] as const) {
      const expired = await api(sb, spec, { method: 'GET', path, token: brief.token });
      assert.deepEqual([expired.status, expired.body.code], [401, 'UNAUTHENTICATED'], `${spec} ${path}`);
      assert.match(expired.body.message, /expired/);
    }
    const stillValid = await api(sb, 'provisioning-v0.4', { method: 'GET', path: `/qos-assignments/${someId}`, token: normal });
    assert.equal(stillValid.status, 404, "other clients' tokens keep the sandbox's lifetime");
  });

  it('qod-demo-limited: the third request within a second is 429 TOO_MANY_REQUESTS with Retry-After; others are not slowed', async () => {
    const limited = (await tokenOf(sb.url, 'qod-demo-limited', 'qod-demo-limited-secret')).token;
    const normal = await clientCredentials(sb, ALL_V1_SCOPES);
    const get = (token: string) => api(sb, 'provisioning-v0.3', { method: 'GET', path: `/qos-assignments/${someId}`, token });
    assert.equal((await get(limited)).status, 404);
    assert.equal(
      (await api(sb, 'v1', { method: 'GET', path: `/sessions/${someId}`, token: limited })).status,
      404,
      'one bucket for every API',
    );
    const refused = await get(limited);
    assert.deepEqual([refused.status, refused.body.code], [429, 'TOO_MANY_REQUESTS']);
    assert.equal(refused.headers['retry-after'], '1');
    for (let i = 0; i < 10; i++) assert.equal((await get(normal)).status, 404, 'qod-demo is not limited (the sandbox limit is off here)');
    clock.advance(1000);
    assert.equal((await get(limited)).status, 404, 'refilled after a second');
  });
});

describe('QOS_RESTRICTED: a QoS profile offered only to devices ending in 3 (retrieveQoSProfiles 04/05)', () => {
  const { sb } = withSandbox({ activationDelayMs: 0 });
  let token: string;
  before(async () => {
    token = await clientCredentials(sb, `${ALL_V1_SCOPES} qod-profiles-read`);
  });
  const names = (body: Array<{ name: string }>) => body.map((p) => p.name);

  for (const spec of ['profiles-v1', 'profiles-v1.2'] as const) {
    it(`${spec}: listed for a device ending in 3 (body or 3-legged token), never without a device or for another device`, async () => {
      const list = (body: unknown, as = token) => api(sb, spec, { method: 'POST', path: '/retrieve-qos-profiles', token: as, body });
      assert.ok(!names((await list({})).body).includes('QOS_RESTRICTED'), '05: no device, no restricted profile');
      assert.ok(!names((await list({ name: 'QOS_RESTRICTED' })).body).includes('QOS_RESTRICTED'));
      const suitable = await list({ device: { phoneNumber: '+34666000003' } });
      assert.ok(names(suitable.body).includes('QOS_RESTRICTED'), '04: the suitable device sees it');
      assert.ok(names(suitable.body).includes('QOS_E'), 'with the others');
      assert.ok(!names((await list({ device: { phoneNumber: '+34666000001' } })).body).includes('QOS_RESTRICTED'));
      const threeLegged = await cibaToken(sb, 'tel:+34666000013', ALL_V1_SCOPES);
      assert.ok(names((await list({}, threeLegged)).body).includes('QOS_RESTRICTED'), 'the token names the device');
      const byName = await api(sb, spec, { method: 'GET', path: '/qos-profiles/QOS_RESTRICTED', token });
      assert.equal(byName.body.status, 'ACTIVE', 'looked up by name it is found');
    });
  }

  it('is refused (422 QOS_PROFILE_NOT_APPLICABLE) to other devices in QoD and QoS Provisioning, granted to devices ending in 3', async () => {
    const session = (phoneNumber: string) =>
      api(sb, 'v1', {
        method: 'POST',
        path: '/sessions',
        token,
        body: { device: { phoneNumber }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_RESTRICTED', duration: 60 },
      });
    const refused = await session('+34666000021');
    assert.deepEqual([refused.status, refused.body.code], [422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE']);
    assert.equal((await session('+34666000023')).status, 201);
    const assign = (phoneNumber: string) =>
      api(sb, 'provisioning-v0.4', {
        method: 'POST',
        path: '/qos-assignments',
        token,
        body: { device: { phoneNumber }, qosProfile: 'QOS_RESTRICTED' },
      });
    const notOffered = await assign('+34666000031');
    assert.deepEqual([notOffered.status, notOffered.body.code], [422, 'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE']);
    assert.equal((await assign('+34666000033')).status, 201);
  });

  it('v0.10 lists no device, so never the restricted profile: the catalogue stays as it was', async () => {
    const list = await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles', token });
    assert.deepEqual(names(list.body), ['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L', 'QOS_XL_TRIAL']);
  });
});
