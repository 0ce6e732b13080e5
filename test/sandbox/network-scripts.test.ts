// Devices whose network does things, end to end: each script set on the sandbox (option or control endpoint), a
// session created with the REAL notification sink (src/core/notifications/sink.ts), the sandbox clock moved, and the
// sink's events read in order; every API answer checked against the flavour's YAML (test/support/client.ts `api`),
// every event against its schema.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startNotificationSink, type NotificationSink, type StatusNotification } from '../../src/core/notifications/sink';
import type { Sandbox } from '../../src/sandbox/server';
import { ALL_V1_SCOPES, api, clientCredentials, form } from '../support/client';
import { assertSchema, type Spec } from '../support/conformance';
import { withSandbox } from '../support/sandbox';

const V0_SCOPES = 'qod-sessions-read qod-sessions-write qod-sessions-delete qod-profiles-read';

/** The sink and the events it has received, in order. */
async function sinkWithEvents(): Promise<{ sink: NotificationSink; events: StatusNotification[]; waitFor(n: number): Promise<void> }> {
  const sink = await startNotificationSink();
  const events: StatusNotification[] = [];
  sink.onNotification((n) => events.push(n));
  return {
    sink,
    events,
    async waitFor(n) {
      const deadline = Date.now() + 5000;
      while (events.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${events.length} of ${n} events arrived: ${JSON.stringify(events.map(shown))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

const shown = (n: StatusNotification) => [n.qosStatus, n.statusInfo].filter(Boolean).join('/');

/** The create body of each flavour, its sink the real one. */
function createBody(spec: Spec, device: string, sink: NotificationSink, over: Record<string, unknown> = {}): Record<string, unknown> {
  const credential = {
    credentialType: 'ACCESSTOKEN',
    accessToken: sink.token,
    accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
    accessTokenType: 'bearer',
  };
  if (spec === 'v1.2') {
    return {
      device: { phoneNumber: device },
      applicationServer: { ipAddresses: ['198.51.100.10'] },
      qosProfile: 'QOS_E',
      duration: 600,
      sink: sink.url,
      sinkCredential: credential,
      ...over,
    };
  }
  if (spec === 'v1') {
    return {
      device: { phoneNumber: device },
      applicationServer: { ipv4Address: '198.51.100.0/24' },
      qosProfile: 'QOS_E',
      duration: 600,
      sink: sink.url,
      sinkCredential: credential,
      ...over,
    };
  }
  if (spec === 'v0.10') {
    return {
      device: { phoneNumber: device },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 600,
      webhook: { notificationUrl: sink.url, notificationAuthToken: sink.token },
      ...over,
    };
  }
  return {
    ueId: { ipv4addr: device },
    asId: { ipv4addr: '198.51.100.10' },
    qos: 'QOS_E',
    duration: 600,
    notificationUrl: sink.url,
    notificationAuthToken: sink.token,
    ...over,
  };
}

/** The control endpoint, as any client calls it. */
async function control(sb: Sandbox, method: string, device: string, options: { token?: string; body?: string; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  const res = await request(`${sb.urls.networkControl}/${encodeURIComponent(device)}`, {
    method: method as 'GET',
    headers,
    body: options.body,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const SCHEMA: Record<Spec, string> = {
  v1: 'EventQosStatusChanged',
  'v1.2': 'EventQosStatusChanged',
  'v0.10': 'EventQosStatusChanged',
  'v0.8': 'Notification',
} as Record<Spec, string>;

describe('Network scripts: what the network does to a device, through the real notification sink', () => {
  const { sb, clock } = withSandbox(
    {
      activationDelayMs: 1000,
      notificationBackoffMs: 20,
      networkScripts: {
        '+34600000101': 'available-after:10s',
        '+34600000102': 'unavailable-on-create',
        '+34600000103': 'network-ends:30s',
        '+34600000105': 'available-after:5s, network-ends:30s',
        '203.0.113.102': 'unavailable-on-create',
        '203.0.113.103': 'network-ends:30s',
      },
    },
    { perTest: true, manualClock: true },
  );
  let v1Token: string;
  let v0Token: string;
  let sinks: Array<{ sink: NotificationSink }> = [];

  beforeEach(async () => {
    v1Token = await clientCredentials(sb, ALL_V1_SCOPES);
    v0Token = await clientCredentials(sb, V0_SCOPES);
  });
  afterEach(async () => {
    await Promise.all(sinks.map((s) => s.sink.close()));
    sinks = [];
  });

  const newSink = async () => {
    const s = await sinkWithEvents();
    sinks.push(s);
    return s;
  };
  const tokenFor = (spec: Spec) => (spec === 'v1' || spec === 'v1.2' ? v1Token : v0Token);
  const call = (spec: Spec, method: string, path: string, body?: unknown) => api(sb, spec, { method, path, token: tokenFor(spec), body });
  const idOf = (spec: Spec, body: Record<string, unknown>) => String(spec === 'v0.8' ? body.id : body.sessionId);
  /** Every event so far has arrived, and each conforms to the flavour's schema. */
  const settledEvents = async (spec: Spec, events: StatusNotification[]) => {
    await sb.notificationsSettled();
    for (const e of events) assertSchema(spec, SCHEMA[spec], e.event);
    return events.map(shown);
  };

  for (const spec of ['v1', 'v1.2', 'v0.10'] as const) {
    it(`${spec}: available-after:10s stays REQUESTED 10 s, then AVAILABLE (one event, after the delay)`, async () => {
      const { sink, events, waitFor } = await newSink();
      const createdAt = clock.now();
      const created = await call(spec, 'POST', '/sessions', createBody(spec, '+34600000101', sink));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.qosStatus, 'REQUESTED');
      const id = idOf(spec, created.body);
      clock.advance(9999);
      assert.equal((await call(spec, 'GET', `/sessions/${id}`)).body.qosStatus, 'REQUESTED', 'the usual 1 s delay is not what decides');
      assert.deepEqual(await settledEvents(spec, events), []);
      clock.advance(1);
      await waitFor(1);
      const read = await call(spec, 'GET', `/sessions/${id}`);
      assert.equal(read.body.qosStatus, 'AVAILABLE');
      const startedMs = spec === 'v0.10' ? read.body.startedAt * 1000 : Date.parse(read.body.startedAt);
      assert.ok(Math.abs(startedMs - (createdAt + 10_000)) < 1000, 'started 10 s after the create');
      assert.deepEqual(await settledEvents(spec, events), ['AVAILABLE']);
      assert.equal(events[0]?.sessionId, id);
      assert.equal(events[0]?.flavour, spec === 'v0.10' ? 'v0.10' : 'v1');
    });

    it(`${spec}: network-ends:30s is AVAILABLE as usual, then the network ends it at 30 s: UNAVAILABLE/NETWORK_TERMINATED`, async () => {
      const { sink, events, waitFor } = await newSink();
      const created = await call(spec, 'POST', '/sessions', createBody(spec, '+34600000103', sink));
      const id = idOf(spec, created.body);
      clock.advance(1000);
      await waitFor(1);
      clock.advance(28_999);
      assert.deepEqual(await settledEvents(spec, events), ['AVAILABLE'], 'nothing before 30 s');
      clock.advance(1);
      await waitFor(2);
      assert.deepEqual(await settledEvents(spec, events), ['AVAILABLE', 'UNAVAILABLE/NETWORK_TERMINATED']);
      const read = await call(spec, 'GET', `/sessions/${id}`);
      assert.deepEqual([read.body.qosStatus, read.body.statusInfo], ['UNAVAILABLE', 'NETWORK_TERMINATED']);
      // "The resources of the QoS session are not directly released": the device is held until the client deletes it.
      const again = await call(spec, 'POST', '/sessions', createBody(spec, '+34600000103', sink));
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal((await call(spec, 'DELETE', `/sessions/${id}`)).status, 204);
      assert.deepEqual(
        await settledEvents(spec, events),
        ['AVAILABLE', 'UNAVAILABLE/NETWORK_TERMINATED'],
        'no event for deleting an ended session',
      );
      assert.equal((await call(spec, 'POST', '/sessions', createBody(spec, '+34600000103', sink))).status, 201, 'released by the delete');
    });
  }

  for (const spec of ['v1', 'v0.10'] as const) {
    it(`${spec}: unavailable-on-create answers 201 REQUESTED, then at once UNAVAILABLE/NETWORK_TERMINATED (no such 201 in ${spec})`, async () => {
      const { sink, events, waitFor } = await newSink();
      const created = await call(spec, 'POST', '/sessions', createBody(spec, '+34600000102', sink));
      assert.equal(created.status, 201);
      assert.equal(created.body.qosStatus, 'REQUESTED');
      clock.advance(0);
      await waitFor(1);
      assert.deepEqual(await settledEvents(spec, events), ['UNAVAILABLE/NETWORK_TERMINATED']);
      clock.advance(5000);
      const read = await call(spec, 'GET', `/sessions/${idOf(spec, created.body)}`);
      assert.deepEqual([read.body.qosStatus, read.body.statusInfo], ['UNAVAILABLE', 'NETWORK_TERMINATED'], 'never became AVAILABLE');
      assert.deepEqual(await settledEvents(spec, events), ['UNAVAILABLE/NETWORK_TERMINATED']);
    });
  }

  it('v1.2: unavailable-on-create answers 201 UNAVAILABLE/NETWORK_TERMINATED, with no event (as digit 7 does)', async () => {
    const { sink, events } = await newSink();
    const created = await call('v1.2', 'POST', '/sessions', createBody('v1.2', '+34600000102', sink));
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.qosStatus, created.body.statusInfo], ['UNAVAILABLE', 'NETWORK_TERMINATED']);
    clock.advance(5000);
    assert.deepEqual(await settledEvents('v1.2', events), []);
  });

  it('v0.8 (an IP address device): unavailable-on-create notifies SESSION_TERMINATED at once; network-ends:30s at 30 s', async () => {
    const { sink, events, waitFor } = await newSink();
    const refused = await call('v0.8', 'POST', '/sessions', createBody('v0.8', '203.0.113.102', sink));
    assert.equal(refused.status, 201);
    clock.advance(0);
    await waitFor(1);
    assert.equal(events[0]?.sessionId, refused.body.id);
    assert.equal((await call('v0.8', 'GET', `/sessions/${refused.body.id}`)).status, 404, 'v0.8 shows no ended session');
    const ending = await call('v0.8', 'POST', '/sessions', createBody('v0.8', '203.0.113.103', sink));
    clock.advance(29_999);
    assert.deepEqual(await settledEvents('v0.8', events), ['UNAVAILABLE'], 'v0.8 has no AVAILABLE event');
    clock.advance(1);
    await waitFor(2);
    assert.deepEqual(
      events.map((e) => [e.sessionId, (e.event as { event: string }).event]),
      [
        [refused.body.id, 'SESSION_TERMINATED'],
        [ending.body.id, 'SESSION_TERMINATED'],
      ],
    );
    assert.deepEqual(await settledEvents('v0.8', events), ['UNAVAILABLE', 'UNAVAILABLE']);
    assert.equal(
      (await call('v0.8', 'POST', '/sessions', createBody('v0.8', '203.0.113.103', sink))).status,
      201,
      'v0.8 lets the device go',
    );
  });

  for (const [spec, profiles] of [
    ['v1', 'profiles-v1'],
    ['v1.2', 'profiles-v1.2'],
  ] as const) {
    it(`${spec}: profile-withdrawn:20s ends the session at 20 s, and the profile is not offered to the device until cleared`, async () => {
      const device = '+34600000104';
      // This client's own script (set over the control endpoint), which it can clear again.
      const set = await control(sb, 'PUT', device, { token: v1Token, body: JSON.stringify({ script: 'profile-withdrawn:20s' }) });
      assert.equal(set.status, 200);
      const { sink, events, waitFor } = await newSink();
      const offered = async () =>
        ((await call(profiles, 'POST', '/retrieve-qos-profiles', { device: { phoneNumber: device } })).body as Array<{ name: string }>).map(
          (p) => p.name,
        );
      assert.ok((await offered()).includes('QOS_E'));
      const created = await call(spec, 'POST', '/sessions', createBody(spec, device, sink));
      const id = created.body.sessionId;
      clock.advance(1000);
      await waitFor(1);
      clock.advance(19_000);
      await waitFor(2);
      assert.deepEqual(await settledEvents(spec, events), ['AVAILABLE', 'UNAVAILABLE/NETWORK_TERMINATED']);
      assert.deepEqual(
        events.map((e) => e.sessionId),
        [id, id],
      );
      const now = await offered();
      assert.ok(!now.includes('QOS_E'), `QOS_E withdrawn for the device: ${now.join(', ')}`);
      assert.ok(now.includes('QOS_S'), 'the other profiles stay');
      const elsewhere = (await call(profiles, 'POST', '/retrieve-qos-profiles', { device: { phoneNumber: '+34600000201' } })).body;
      assert.ok(
        elsewhere.some((p: { name: string }) => p.name === 'QOS_E'),
        'only for this device',
      );
      assert.equal((await call(spec, 'DELETE', `/sessions/${id}`)).status, 204);
      const refused = await call(spec, 'POST', '/sessions', createBody(spec, device, sink));
      assert.deepEqual([refused.status, refused.body.code], [422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE']);
      const other = await call(spec, 'POST', '/sessions', createBody(spec, device, sink, { qosProfile: 'QOS_S' }));
      assert.equal(other.status, 201, 'another profile is still offered');
      assert.equal((await call(spec, 'DELETE', `/sessions/${other.body.sessionId}`)).status, 204);
      const cleared = await control(sb, 'DELETE', device, { token: v1Token });
      assert.deepEqual([cleared.status, cleared.body.script, cleared.body.withdrawnProfiles], [200, null, []]);
      assert.ok((await offered()).includes('QOS_E'), 'offered again once the script is cleared');
      assert.equal((await call(spec, 'POST', '/sessions', createBody(spec, device, sink))).status, 201);
    });
  }

  it('v1: available-after:5s,network-ends:30s — AVAILABLE at 5 s, NETWORK_TERMINATED at 30 s (times count from the create)', async () => {
    const { sink, events, waitFor } = await newSink();
    const created = await call('v1', 'POST', '/sessions', createBody('v1', '+34600000105', sink));
    clock.advance(4999);
    assert.deepEqual(await settledEvents('v1', events), []);
    clock.advance(1);
    await waitFor(1);
    clock.advance(25_000);
    await waitFor(2);
    assert.deepEqual(await settledEvents('v1', events), ['AVAILABLE', 'UNAVAILABLE/NETWORK_TERMINATED']);
    const read = await call('v1', 'GET', `/sessions/${created.body.sessionId}`);
    assert.equal(Date.parse(read.body.expiresAt) - Date.parse(read.body.startedAt), 25_000, 'ended 25 s after it started');
    assert.equal(read.body.duration, 25, 'duration: "the overall effective duration since startedAt until the session was terminated"');
  });

  it('a script set at run time on the control endpoint drives the next create; a duration that ends first wins', async () => {
    const device = '+34600000301';
    const put = await control(sb, 'PUT', device, { token: v1Token, body: JSON.stringify({ script: 'network-ends:30s' }) });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual([put.body.device, put.body.script], ['tel:+34600000301', 'network-ends:30s']);
    assert.match(put.body.description, /30 s after the create the network ends the session: UNAVAILABLE, NETWORK_TERMINATED/);
    assert.equal(put.headers['access-control-allow-origin'], undefined, 'no CORS');
    const { sink, events, waitFor } = await newSink();
    await call('v1.2', 'POST', '/sessions', createBody('v1.2', device, sink, { duration: 10 }));
    clock.advance(1000);
    clock.advance(10_000);
    await waitFor(2);
    clock.advance(30_000);
    assert.deepEqual(await settledEvents('v1.2', events), ['AVAILABLE', 'UNAVAILABLE/DURATION_EXPIRED'], 'the script step was cancelled');
  });

  it('without a script the last digit still decides (v1.2, digit 7: 201 UNAVAILABLE); a script replaces that convention', async () => {
    const { sink } = await newSink();
    const seven = await call('v1.2', 'POST', '/sessions', createBody('v1.2', '+34600000407', sink));
    assert.equal(seven.body.qosStatus, 'UNAVAILABLE');
    await control(sb, 'PUT', '+34600000417', { token: v1Token, body: JSON.stringify({ script: 'available-after:2s' }) });
    const scripted = await call('v1.2', 'POST', '/sessions', createBody('v1.2', '+34600000417', sink));
    assert.equal(scripted.body.qosStatus, 'REQUESTED');
  });

  it("keeps each API client's scripts apart: another client's script neither ends this client's sessions nor shows to it", async () => {
    const device = '+34600000302';
    const other = (
      await form(
        `${sb.url}/token`,
        { grant_type: 'client_credentials', scope: ALL_V1_SCOPES, client_id: 'qod-demo-post', client_secret: 'qod-demo-post-secret' },
        {},
      )
    ).body.access_token as string;
    const put = await control(sb, 'PUT', device, { token: other, body: JSON.stringify({ script: 'network-ends:1s' }) });
    assert.equal(put.status, 200);
    const mine = await control(sb, 'GET', device, { token: v1Token });
    assert.deepEqual([mine.status, mine.body.script], [200, null], "the other client's script does not show");
    const listed = await control(sb, 'GET', '', { token: v1Token });
    assert.ok(!JSON.stringify(listed.body).includes('+34600000302'), JSON.stringify(listed.body));
    const { sink, events, waitFor } = await newSink();
    const created = await call('v1', 'POST', '/sessions', createBody('v1', device, sink));
    assert.equal(created.status, 201);
    clock.advance(1000);
    await waitFor(1);
    clock.advance(5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await settledEvents('v1', events), ['AVAILABLE'], "not ended by the other client's script");
  });
});
