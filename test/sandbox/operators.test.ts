// Several operators in the embedded sandbox (`qod sandbox --operators`), over real HTTP on loopback: each operator
// knows only the devices in its ranges (any other is unknown, as digit 8 is: 404 IDENTIFIER_NOT_FOUND, CIBA
// unknown_user_id), offers its own QoS profile catalogue (Verde's with a device-restricted profile and one that states
// no latency), and signs its own tokens. Every answer is checked against the CAMARA YAMLs by the `api` helper.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { runSandbox } from '../../src/cli/sandbox-command';
import { AZUL, DEFAULT_OPERATORS, VERDE } from '../../src/sandbox/operators/catalogues';
import { startOperatorNetwork, type OperatorNetwork } from '../../src/sandbox/operators/network';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { ALL_V1_SCOPES, api, clientCredentials, form } from '../support/client';
import { assertSchema } from '../support/conformance';
import { SignInJar } from '../support/sign-in-jar';

const session = (device: Record<string, unknown>, qosProfile: string) => ({
  device,
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile,
  duration: 60,
});
const names = (body: Array<{ name: string }>) => body.map((p) => p.name);

describe('operators: each knows its own devices and offers its own catalogue', () => {
  let net: OperatorNetwork;
  let azul: Sandbox;
  let verde: Sandbox;
  let azulToken: string;
  let verdeToken: string;
  before(async () => {
    net = await startOperatorNetwork({ rateLimit: false, activationDelayMs: 0 });
    azul = net.operators.find((o) => o.id === 'azul')!.sandbox;
    verde = net.operators.find((o) => o.id === 'verde')!.sandbox;
    azulToken = await clientCredentials(azul, ALL_V1_SCOPES);
    verdeToken = await clientCredentials(verde, ALL_V1_SCOPES);
  });
  after(async () => {
    await net?.close();
  });

  it('every profile of every catalogue is a valid QosProfile of QoS Profiles 1.1.0 and 1.2.0-rc.3, and a valid create name', () => {
    for (const operator of DEFAULT_OPERATORS) {
      for (const profile of operator.profiles) {
        assertSchema('profiles-v1', 'QosProfile', profile);
        assertSchema('profiles-v1.2', 'QosProfile', profile);
        assert.match(profile.name, /^[a-zA-Z0-9_.-]{3,256}$/);
      }
      for (const name of Object.keys(operator.restrictedProfiles)) {
        assert.ok(
          operator.profiles.some((p) => p.name === name),
          `${operator.id}: restricts a profile it has (${name})`,
        );
      }
    }
    const azulNames = new Set(AZUL.profiles.map((p) => p.name));
    assert.ok(
      VERDE.profiles.every((p) => !azulNames.has(p.name)),
      'Verde names its profiles its own way',
    );
  });

  for (const spec of ['profiles-v1', 'profiles-v1.2'] as const) {
    it(`${spec}: each operator lists its own catalogue; Verde's VERDE_UPLINK_PRO only for a device ending in 2`, async () => {
      const list = (sb: Sandbox, token: string, body: unknown) =>
        api(sb, spec, { method: 'POST', path: '/retrieve-qos-profiles', token, body });
      const atAzul = await list(azul, azulToken, { device: { phoneNumber: '+34666666661' } });
      assert.equal(atAzul.status, 200);
      assert.deepEqual(names(atAzul.body), ['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L', 'QOS_XL_TRIAL']);
      const atVerde = await list(verde, verdeToken, { device: { phoneNumber: '+44666666661' } });
      assert.deepEqual(names(atVerde.body), ['VERDE_REALTIME', 'VERDE_VIDEO_HD', 'VERDE_BULK']);
      const suitable = await list(verde, verdeToken, { device: { phoneNumber: '+44666666662' } });
      assert.deepEqual(names(suitable.body), ['VERDE_REALTIME', 'VERDE_VIDEO_HD', 'VERDE_UPLINK_PRO', 'VERDE_BULK']);
      const byAddress = await list(verde, verdeToken, { device: { ipv4Address: { publicAddress: '203.0.113.202', publicPort: 59765 } } });
      assert.ok(names(byAddress.body).includes('VERDE_UPLINK_PRO'), 'an address ending in 2 too');
      assert.ok(!names((await list(verde, verdeToken, {})).body).includes('VERDE_UPLINK_PRO'), 'never without a device');
      const bulk = (await list(verde, verdeToken, { name: 'VERDE_BULK' })).body[0];
      assert.equal(bulk.packetDelayBudget, undefined, 'VERDE_BULK states no latency');
      assert.equal(bulk.jitter, undefined);
      const realtime = (await api(verde, spec, { method: 'GET', path: '/qos-profiles/VERDE_REALTIME', token: verdeToken })).body;
      assert.deepEqual(realtime.packetDelayBudget, { value: 30, unit: 'Milliseconds' });
      const other = await list(azul, azulToken, { device: { phoneNumber: '+44666666661' } });
      assert.deepEqual([other.status, other.body.code], [404, 'IDENTIFIER_NOT_FOUND'], "Verde's device is unknown at Azul");
      assert.equal((await api(azul, spec, { method: 'GET', path: '/qos-profiles/VERDE_REALTIME', token: azulToken })).status, 404);
    });
  }

  it("a Verde device is 404 IDENTIFIER_NOT_FOUND at Azul, and gets a session at Verde with Verde's own token", async () => {
    for (const device of [
      { phoneNumber: '+44666666661' },
      { ipv4Address: { publicAddress: '203.0.113.201', publicPort: 59765 } },
      { ipv6Address: '2001:db8:b::1' },
    ]) {
      for (const spec of ['v1', 'v1.2'] as const) {
        const refused = await api(azul, spec, { method: 'POST', path: '/sessions', token: azulToken, body: session(device, 'QOS_E') });
        assert.deepEqual([refused.status, refused.body.code], [404, 'IDENTIFIER_NOT_FOUND'], `${spec} ${JSON.stringify(device)}`);
        const byDevice = await api(azul, spec, { method: 'POST', path: '/retrieve-sessions', token: azulToken, body: { device } });
        assert.deepEqual([byDevice.status, byDevice.body.code], [404, 'IDENTIFIER_NOT_FOUND']);
      }
      const assign = await api(azul, 'provisioning-v0.4', {
        method: 'POST',
        path: '/qos-assignments',
        token: azulToken,
        body: { device, qosProfile: 'QOS_E' },
      });
      assert.deepEqual([assign.status, assign.body.code], [404, 'IDENTIFIER_NOT_FOUND']);
    }
    const created = await api(verde, 'v1', {
      method: 'POST',
      path: '/sessions',
      token: verdeToken,
      body: session({ phoneNumber: '+44666666661' }, 'VERDE_REALTIME'),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const read = await api(verde, 'v1', { method: 'GET', path: `/sessions/${created.body.sessionId}`, token: verdeToken });
    assert.deepEqual([read.status, read.body.qosProfile], [200, 'VERDE_REALTIME']);
    const foreign = await api(verde, 'v1', { method: 'GET', path: `/sessions/${created.body.sessionId}`, token: azulToken });
    assert.equal(foreign.status, 401, "Azul's token is not Verde's: each operator its own issuer");
    const azulSession = await api(azul, 'v1.2', {
      method: 'POST',
      path: '/sessions',
      token: azulToken,
      body: session({ ipv6Address: '2001:db8:a::1' }, 'QOS_E'),
    });
    assert.equal(azulSession.status, 201, 'an Azul device works at Azul');
  });

  it('inside its ranges the last digit still decides; the restricted profile is refused (422) to other devices', async () => {
    const create = (phoneNumber: string, profile: string) =>
      api(verde, 'v1', { method: 'POST', path: '/sessions', token: verdeToken, body: session({ phoneNumber }, profile) });
    assert.deepEqual(((r) => [r.status, r.body.code])(await create('+44666666668', 'VERDE_REALTIME')), [404, 'IDENTIFIER_NOT_FOUND']);
    assert.deepEqual(((r) => [r.status, r.body.code])(await create('+44666666669', 'VERDE_REALTIME')), [422, 'SERVICE_NOT_APPLICABLE']);
    const notOffered = await create('+44666666661', 'VERDE_UPLINK_PRO');
    assert.deepEqual([notOffered.status, notOffered.body.code], [422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE']);
    assert.match(notOffered.body.message, /only identifiers ending in 2/);
    assert.equal((await create('+44666666672', 'VERDE_UPLINK_PRO')).status, 201);
    assert.equal((await create('+44666666663', 'QOS_RESTRICTED')).status, 400, "Azul's profiles are not Verde's");
  });

  it('CIBA: a login hint outside the operator is unknown_user_id; inside, it signs in', async () => {
    for (const hint of ['tel:+44666666661', 'tel:+15555550101', 'ipport:192.0.2.1', 'ipport:203.0.113.201', 'ipport:[2001:db8:b::1]']) {
      const start = await form(`${azul.url}/bc-authorize`, { login_hint: hint, scope: `openid ${ALL_V1_SCOPES}` });
      assert.deepEqual([start.status, start.body.error], [400, 'unknown_user_id'], hint);
    }
    for (const hint of ['tel:+34666666661', 'ipport:203.0.113.5:8080', 'ipport:[2001:db8:a::1]']) {
      const start = await form(`${azul.url}/bc-authorize`, { login_hint: hint, scope: `openid ${ALL_V1_SCOPES}` });
      assert.equal(start.status, 200, `${hint}: ${JSON.stringify(start.body)}`);
    }
    const verdeStart = await form(`${verde.url}/bc-authorize`, { login_hint: 'tel:+44666666661', scope: `openid ${ALL_V1_SCOPES}` });
    assert.equal(verdeStart.status, 200);
  });

  it('the sign-in page (authorization code): a device outside the operator is access_denied, one inside signs in', async () => {
    const redirect = 'http://127.0.0.1:53682/flow-a';
    const signIn = async (device: string) => {
      const jar = new SignInJar(azul.url);
      const flow = await jar.start('qod-demo-public', redirect, `state-${device}`);
      const page = await jar.open(flow);
      assert.equal(page.status, 200, page.html);
      const answer = await jar.decide(flow, { device, csrf: page.csrf });
      return jar.follow(jar.pageUrl(flow), answer, [redirect]);
    };
    const outside = await signIn('+44666666662');
    assert.equal(outside?.searchParams.get('error'), 'access_denied', outside?.href);
    assert.match(outside?.searchParams.get('error_description') ?? '', /does not know this subscriber/);
    const inside = await signIn('+34666666662');
    assert.ok(inside?.searchParams.get('code'), inside?.href);
  });

  it('an operator with a malformed identity or range is refused before anything listens, every field named', async () => {
    await assert.rejects(
      startSandbox({
        operator: { id: 'Bad Id', name: '', phonePrefixes: ['34'], ipv4Ranges: ['2001:db8::/32'], ipv6Ranges: ['203.0.113.0/24'] },
      }),
      (error: Error) => {
        assert.equal(error.name, 'SandboxConfigError');
        for (const field of [
          'operator.id',
          'operator.name',
          'operator.phonePrefixes[0]',
          'operator.ipv4Ranges[0]',
          'operator.ipv6Ranges[0]',
        ]) {
          assert.ok(error.message.includes(`${field}:`), `${field} in ${error.message}`);
        }
        return true;
      },
    );
  });
});

describe('qod sandbox --operators', () => {
  it('starts the operators and the Telco Finder and prints each with its issuer, ranges, catalogue and an example number', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const running = runSandbox(
      ['--operators', '--rate-limit', 'off'],
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      abort.signal,
    );
    try {
      for (let i = 0; i < 100 && !lines.some((l) => /Telco Finder at/.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
      const banner = lines.join('\n');
      const finder = /Telco Finder at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      assert.ok(finder, banner);
      assert.match(banner, /Azul Mobile \(azul\)\n {2}issuer and API root {2}http:\/\/127\.0\.0\.1:\d+/);
      assert.match(banner, /Verde Telecom \(verde\)/);
      assert.match(banner, /serves {15}\+34…, 203\.0\.113\.0\/25, 2001:db8:a::\/48/);
      assert.match(banner, /QoS profiles {9}QOS_E, QOS_S, QOS_M, QOS_L, QOS_XL_TRIAL, QOS_RESTRICTED/);
      assert.match(banner, /QoS profiles {9}VERDE_REALTIME, VERDE_VIDEO_HD, VERDE_UPLINK_PRO, VERDE_BULK/);
      assert.match(banner, /example device {7}\+34666666661 → azul/);
      assert.match(banner, /example device {7}\+44666666661 → verde/);
      const verdeIssuer = /Verde Telecom \(verde\)\n {2}issuer and API root {2}(\S+)/.exec(banner)?.[1];
      const res = await request(`${finder}/telco-finder/v1/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: { phoneNumber: '+44666666661' } }),
      });
      assert.equal(((await res.body.json()) as { apiRoot: string }).apiRoot, verdeIssuer, 'the finder routes to the operator printed');
    } finally {
      abort.abort();
      assert.equal(await running, 0);
    }
  });

  it('refuses --operators off loopback', async () => {
    await assert.rejects(
      runSandbox(['--operators', '--public-url', 'https://qod.example'], { out: () => {}, err: () => {} }),
      /--operators runs on loopback only/,
    );
  });
});
