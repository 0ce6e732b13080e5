// QoD 1.2.0-rc.3 (the flavour v1.2) and QoS Profiles 1.2.0-rc.3 on the sandbox, over real HTTP: what 1.2 changed,
// answered as strictly as its definition says. Every reply through `api(sb, 'v1.2' | 'profiles-v1.2', …)` is checked
// against the official 1.2 YAML (skipped, with one printed line, without ../shared).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEFAULT_PROFILES } from '../../src/sandbox/qod/profiles';
import { ALL_V1_SCOPES, api, clientCredentials, jwtClientToken } from '../support/client';
import { assertConforms, camaraAvailable } from '../support/conformance';
import { sandboxClient } from '../support/core';
import { withSandbox } from '../support/sandbox';

const createBody = (phoneNumber: string, extra: Record<string, unknown> = {}) => ({
  device: { phoneNumber },
  applicationServer: { ipAddresses: ['198.51.100.10', '2001:db8::1'] },
  qosProfile: 'QOS_E',
  duration: 600,
  ...extra,
});

const accessTokenCredential = (over: Record<string, unknown> = {}) => ({
  sink: 'https://app.example/notify',
  sinkCredential: {
    credentialType: 'ACCESSTOKEN',
    accessToken: 'sink-token-123456',
    accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
    accessTokenType: 'bearer',
    ...over,
  },
});

describe('QoD 1.2.0-rc.3 on the sandbox (real HTTP, responses checked against quality-on-demand 1.2.0-rc.3)', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 1000, notificationBackoffMs: 20 }, { perTest: true, manualClock: true });
  let token: string;
  let phone = 0;
  /** A phone number no other test here uses, ending in `lastDigit`. */
  const fresh = (lastDigit = 1) => `+3462${String(phone++).padStart(6, '0')}${lastDigit}`;

  beforeEach(async () => {
    token = await clientCredentials(sb, ALL_V1_SCOPES);
  });

  it('runs the lifecycle through the core client: create with an ipAddresses list, get, extend, retrieve, delete', async () => {
    const { client, transport } = await sandboxClient(sb, 'v1.2');
    const device = { phoneNumber: fresh() };
    const conforms = (method: string, path: string, status: number, body: unknown) => {
      if (camaraAvailable) assertConforms('v1.2', method, path, status, body);
    };
    const created = await client.createSession(createBody(device.phoneNumber, { qosProfile: 'QOS_L', duration: 3000 }));
    assert.equal(created.status, 201);
    assert.equal(created.value.status, 'REQUESTED');
    const raw = created.raw as Record<string, unknown>;
    assert.deepEqual(raw.applicationServer, { ipAddresses: ['198.51.100.10', '2001:db8::1'] }, 'the list comes back as sent');
    conforms('POST', '/sessions', 201, raw);
    const id = created.value.id;
    const exchange = transport.recorder.list().at(-1);
    assert.match(String(exchange?.url), /\/quality-on-demand\/v1rc3\/sessions$/, 'the 1.2 base path, from its servers entry');

    clock.advance(1000);
    const read = await client.getSession(id);
    assert.equal(read.value.status, 'AVAILABLE');
    conforms('GET', `/sessions/${id}`, 200, read.raw);

    const extended = await client.extendSession(id, 300);
    assert.equal(extended.value.durationSeconds, 3300);
    conforms('POST', `/sessions/${id}/extend`, 200, extended.raw);

    const listed = await client.retrieveSessions(device);
    assert.deepEqual(
      listed.value.map((s) => s.id),
      [id],
    );
    conforms('POST', '/retrieve-sessions', 200, listed.raw);
    // Each flavour lists and reads its own sessions: 1.1 does not see a 1.2 session.
    const throughV1 = await api(sb, 'v1', { method: 'POST', path: '/retrieve-sessions', token, body: { device } });
    assert.deepEqual(throughV1.body, []);
    const getV1 = await api(sb, 'v1', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(getV1.status, 404);

    const deleted = await client.deleteSession(id);
    assert.equal(deleted.status, 204);
    const after = await api(sb, 'v1.2', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(after.body.qosStatus, 'UNAVAILABLE');
    assert.equal(after.body.statusInfo, 'DELETE_REQUESTED');
  });

  it('refuses what 1.2 changed with 400 INVALID_ARGUMENT (or OUT_OF_RANGE for a port), where 1.1 answered otherwise', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['PLAIN credential (r4.1 400.6)', accessTokenCredential({ credentialType: 'PLAIN' }), 'INVALID_ARGUMENT'],
      ['REFRESHTOKEN credential (r4.1 400.6)', accessTokenCredential({ credentialType: 'REFRESHTOKEN' }), 'INVALID_ARGUMENT'],
      [
        'both kinds of applicationServer (r4.1 400.11)',
        { applicationServer: { ipAddresses: ['198.51.100.10'], ipv4Address: '198.51.100.0/24' } },
        'INVALID_ARGUMENT',
      ],
      [
        '17 addresses',
        { applicationServer: { ipAddresses: Array.from({ length: 17 }, (_, i) => `198.51.100.${i + 1}`) } },
        'INVALID_ARGUMENT',
      ],
      ['a repeated address', { applicationServer: { ipAddresses: ['198.51.100.10', '198.51.100.10'] } }, 'INVALID_ARGUMENT'],
      ['an empty list', { applicationServer: { ipAddresses: [] } }, 'INVALID_ARGUMENT'],
      ['a subnet in the list', { applicationServer: { ipAddresses: ['198.51.100.0/24'] } }, 'INVALID_ARGUMENT'],
      ['an unknown field in applicationServer', { applicationServer: { ipv4Address: '198.51.100.10', port: 80 } }, 'INVALID_ARGUMENT'],
      ['port 0', { devicePorts: { ports: [0] } }, 'OUT_OF_RANGE'],
      ['range from 0', { applicationServerPorts: { ranges: [{ from: 0, to: 10 }] } }, 'OUT_OF_RANGE'],
    ];
    for (const [name, extra, code] of cases) {
      const reply = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token, body: createBody(fresh(), extra) });
      assert.equal(reply.status, 400, `${name}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, code, `${name}: ${JSON.stringify(reply.body)}`);
    }
    // The same PLAIN credential and port 0 in 1.1: its own answers (its enum declares PLAIN; its ports start at 0).
    const plainV1 = await api(sb, 'v1', {
      method: 'POST',
      path: '/sessions',
      token,
      body: {
        ...createBody(fresh(), accessTokenCredential({ credentialType: 'PLAIN' })),
        applicationServer: { ipv4Address: '198.51.100.10' },
      },
    });
    assert.equal(plainV1.body.code, 'INVALID_CREDENTIAL');
    const port0V1 = await api(sb, 'v1', {
      method: 'POST',
      path: '/sessions',
      token,
      body: { ...createBody(fresh(), { devicePorts: { ports: [0] } }), applicationServer: { ipv4Address: '198.51.100.10' } },
    });
    assert.equal(port0V1.status, 201, JSON.stringify(port0V1.body));
  });

  it('answers GET and DELETE with 400 INVALID_ARGUMENT only, and keeps error messages within 512 characters', async () => {
    for (const method of ['GET', 'DELETE']) {
      for (const id of ['not-a-uuid', `${randomUUID()}0`, '%E0%A4%A']) {
        const reply = await api(sb, 'v1.2', { method, path: `/sessions/${id}`, token });
        assert.equal(reply.status, 400, `${method} ${id}`);
        assert.equal(reply.body.code, 'INVALID_ARGUMENT', `${method} ${id}`);
      }
    }
    const many = await api(sb, 'v1.2', {
      method: 'POST',
      path: '/sessions',
      token,
      body: createBody(fresh(), { applicationServer: { ipAddresses: Array.from({ length: 16 }, (_, i) => `not-an-address-${i}`) } }),
    });
    assert.equal(many.status, 400);
    assert.ok(many.body.message.length <= 512, `ErrorInfo.message has maxLength 512 (got ${many.body.message.length})`);
  });

  it('answers 201 UNAVAILABLE/NETWORK_TERMINATED for a device ending in 7, which holds the device until deleted', async () => {
    const device = fresh(7);
    const created = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token, body: createBody(device) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.qosStatus, 'UNAVAILABLE');
    assert.equal(created.body.statusInfo, 'NETWORK_TERMINATED');
    assert.equal(created.body.startedAt, undefined, 'it never became AVAILABLE');
    assert.ok(created.body.expiresAt, 'expiresAt: when it was terminated');
    const id = created.body.sessionId;
    const read = await api(sb, 'v1.2', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(read.body.statusInfo, 'NETWORK_TERMINATED');
    const extend = await api(sb, 'v1.2', {
      method: 'POST',
      path: `/sessions/${id}/extend`,
      token,
      body: { requestedAdditionalDuration: 60 },
    });
    assert.equal(extend.body.code, 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED');
    // "they must release the session resources with an explicit delete operation if not yet automatically deleted"
    const again = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token, body: createBody(device) });
    assert.equal(again.status, 409);
    assert.match(again.body.message, /terminated/);
    const deleted = await api(sb, 'v1.2', { method: 'DELETE', path: `/sessions/${id}`, token });
    assert.equal(deleted.status, 204);
    const gone = await api(sb, 'v1.2', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(gone.status, 404);
    const released = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token, body: createBody(device) });
    assert.equal(released.status, 201);
    // Not deleted, it is forgotten after the retention (360 s) and the device is free again.
    clock.advance(360_000);
    const forgotten = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token, body: createBody(device) });
    assert.equal(forgotten.status, 201);
    // 1.1 has no such answer: the same kind of device works normally there.
    const v1 = await api(sb, 'v1', {
      method: 'POST',
      path: '/sessions',
      token,
      body: { ...createBody(fresh(7)), applicationServer: { ipv4Address: '198.51.100.10' } },
    });
    assert.equal(v1.body.qosStatus, 'REQUESTED');
  });

  it('answers 422 PRIVATE_KEY_JWT_NOT_CONFIGURED without a pre-shared configuration, and accepts it for qod-demo-jwt', async () => {
    // Loopback only: the operator's token request (test/sandbox/private-key-jwt-notifications.test.ts follows it
    // through) must never leave the machine; port 9 refuses the connection.
    const credential = {
      sink: 'http://127.0.0.1:9/notifications',
      sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', clientId: 'app-client', tokenUri: 'http://127.0.0.1:9/token' },
    };
    const refused = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token, body: createBody(fresh(), credential) });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'PRIVATE_KEY_JWT_NOT_CONFIGURED');

    const jwtToken = await jwtClientToken(sb.url);
    const created = await api(sb, 'v1.2', { method: 'POST', path: '/sessions', token: jwtToken, body: createBody(fresh(), credential) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.sinkCredential, undefined, 'its fields are writeOnly: never echoed');
    const { clientId: _, ...withoutClientId } = credential.sinkCredential;
    const incomplete = await api(sb, 'v1.2', {
      method: 'POST',
      path: '/sessions',
      token: jwtToken,
      body: createBody(fresh(), { ...credential, sinkCredential: withoutClientId }),
    });
    assert.deepEqual([incomplete.status, incomplete.body.code], [400, 'INVALID_CREDENTIAL'], 'the sandbox needs clientId and tokenUri');
  });

  it('answers QoS Profiles 1.2 under /qos-profiles/v1rc3', async () => {
    const listed = await api(sb, 'profiles-v1.2', { method: 'POST', path: '/retrieve-qos-profiles', token, body: { status: 'ACTIVE' } });
    assert.equal(listed.status, 200);
    assert.ok(listed.body.length > 0 && listed.body.every((p: { status: string }) => p.status === 'ACTIVE'));
    const one = await api(sb, 'profiles-v1.2', { method: 'GET', path: '/qos-profiles/QOS_E', token });
    assert.equal(one.body.name, 'QOS_E');
    const port0 = await api(sb, 'profiles-v1.2', {
      method: 'POST',
      path: '/retrieve-qos-profiles',
      token,
      body: { device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 0 } } },
    });
    assert.equal(port0.status, 400, 'ports start at 1 in 1.2');
  });
});

describe('QoS Profiles 1.2 answers at most 100 profiles (maxItems: 100)', () => {
  const many = Array.from({ length: 150 }, (_, i) => ({ ...DEFAULT_PROFILES[0]!, name: `QOS_MANY_${i}` }));
  const { sb } = withSandbox({ profiles: many });

  it('cuts the list at 100 in 1.2 and not in 1.1, which declares no bound', async () => {
    const token = await clientCredentials(sb, 'qos-profiles:read');
    const v1_2 = await api(sb, 'profiles-v1.2', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} });
    assert.equal(v1_2.status, 200);
    assert.equal(v1_2.body.length, 100);
    const v1 = await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} });
    assert.equal(v1.body.length, 150);
  });
});
