import assert from 'node:assert/strict';
import { QodError, QodValidationError } from '../../../src/core/camara/qod-client';
import { startNotificationSink, type StatusNotification } from '../../../src/core/notifications/sink';
import { startSandbox } from '../../../src/sandbox/server';
import { sandboxClient } from '../../support/core';
import { withSandbox } from '../../support/sandbox';

/** Every test here talks to the sandbox through a client of one flavour. */
const harness = sandboxClient;

describe('QoD client against the sandbox', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 1000 }, { perTest: true, manualClock: true });

  it('v1: create, get, extend, retrieve by device, delete, and QoS profiles; a normalised view each time', async () => {
    const { client } = await harness(sb, 'v1');
    const device = { phoneNumber: '+34666666661' };
    const created = await client.createSession({
      device,
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_M',
      duration: 600,
    });
    assert.equal(created.status, 201);
    assert.equal(created.value.status, 'REQUESTED');
    assert.equal(created.value.device, 'phoneNumber +34666666661');
    assert.equal(created.exchange?.correlatorEchoed, true);
    clock.advance(1000);
    const got = await client.getSession(created.value.id);
    assert.equal(got.value.status, 'AVAILABLE');
    const extended = await client.extendSession(created.value.id, 60);
    assert.equal(extended.value.durationSeconds, 660);
    const mine = await client.retrieveSessions(device);
    assert.deepEqual(
      mine.value.map((s) => s.id),
      [created.value.id],
    );
    const profiles = await client.listProfiles({ status: 'ACTIVE' });
    assert.deepEqual(
      profiles.value.map((p) => p.name),
      ['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L'],
    );
    assert.equal((await client.getProfile('QOS_L')).value.maxDuration?.value, 1);
    assert.equal((await client.deleteSession(created.value.id)).status, 204);
  });

  it('v0.10 and v0.8: the same operations in their shapes, one normalised view', async () => {
    const v010 = (await harness(sb, 'v0.10')).client;
    const a = await v010.createSession({
      device: { phoneNumber: '+34666666662' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 120,
    });
    assert.equal(a.value.flavour, 'v0.10');
    assert.equal(Date.parse(a.value.expiresAt as string) - Date.parse(a.value.startedAt as string), 120_000);
    clock.advance(1000);
    assert.equal((await v010.extendSession(a.value.id, 30)).value.durationSeconds, 150);
    assert.equal((await v010.listProfiles({ status: 'INACTIVE' })).value[0]?.name, 'QOS_XL_TRIAL');
    await v010.deleteSession(a.value.id);

    const v08 = (await harness(sb, 'v0.8')).client;
    const b = await v08.createSession({
      ueId: { msisdn: '+34666666663' },
      asId: { ipv4addr: '198.51.100.10' },
      qos: 'QOS_S',
      duration: 90,
    });
    assert.equal(b.value.flavour, 'v0.8');
    assert.equal(b.value.qosProfile, 'QOS_S');
    assert.equal((await v08.getSession(b.value.id)).value.id, b.value.id);
    await assert.rejects(v08.extendSession(b.value.id, 10), QodValidationError);
    await assert.rejects(v08.listProfiles(), QodValidationError);
  });

  it('never sends an invalid body, and names the field', async () => {
    const { client, transport } = await harness(sb, 'v1');
    const before = transport.recorder.list().length;
    await assert.rejects(
      client.createSession({
        device: { phoneNumber: '+34666666661', qosProfile: 'QOS_E' },
        applicationServer: { ipv4Address: '198.51.100.10' },
        duration: 60,
      }),
      (e: QodValidationError) =>
        e instanceof QodValidationError && e.issues.some((i) => i.path === 'device.qosProfile' && /top level/.test(i.rule)),
    );
    assert.equal(transport.recorder.list().length, before, 'nothing left the machine');
  });

  it("turns error answers into QodError with the catalogue's explanation and fix", async () => {
    const { client } = await harness(sb, 'v1');
    const body = {
      device: { phoneNumber: '+34666666664' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 60,
    };
    await client.createSession(body);
    await assert.rejects(
      client.createSession(body),
      (e: QodError) =>
        e instanceof QodError &&
        e.status === 409 &&
        e.code === 'CONFLICT' &&
        /active QoD session/.test(e.explanation ?? '') &&
        !!e.fix &&
        !!e.correlator,
    );
    await assert.rejects(client.getSession(crypto.randomUUID()), (e: QodError) => e.code === 'NOT_FOUND');
  });

  it('retries an idempotent call after 429, honouring Retry-After; never retries a create', async () => {
    const limited = await startSandbox({ rateLimit: { perSecond: 1, burst: 2 } });
    try {
      const { client, transport } = await harness(limited, 'v1');
      // The token request does not count; two reads empty the bucket, the third waits Retry-After (1 s).
      await client.getProfile('QOS_E');
      await client.getProfile('QOS_E');
      const started = Date.now();
      await client.getProfile('QOS_E');
      assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
      assert.deepEqual(
        transport.recorder
          .list()
          .filter((e) => e.kind === 'api')
          .map((e) => e.status),
        [200, 200, 429, 200],
      );
      await assert.rejects(
        client.createSession({
          device: { phoneNumber: '+34666666661' },
          applicationServer: { ipv4Address: '198.51.100.10' },
          qosProfile: 'QOS_E',
          duration: 60,
        }),
        (e: QodError) => e.status === 429,
      );
    } finally {
      await limited.close();
    }
  });

  it('uses one token for many operations: no auth round trip after the sign-in', async () => {
    const { client, transport } = await harness(sb, 'v1');
    const authBefore = transport.recorder.list().filter((e) => e.kind !== 'api').length;
    for (let i = 0; i < 10; i++) await client.getProfile('QOS_E');
    assert.equal(transport.recorder.list().filter((e) => e.kind !== 'api').length, authBefore);
  });

  it("receives the sandbox's notifications in the notification sink, with the token checked", async () => {
    const sink = await startNotificationSink();
    const received: StatusNotification[] = [];
    sink.onNotification((n) => received.push(n));
    try {
      const { client } = await harness(sb, 'v1');
      const created = await client.createSession({
        device: { phoneNumber: '+34666666665' },
        applicationServer: { ipv4Address: '198.51.100.10' },
        qosProfile: 'QOS_E',
        duration: 60,
        sink: sink.url,
        sinkCredential: {
          credentialType: 'ACCESSTOKEN',
          accessToken: sink.token,
          accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
          accessTokenType: 'bearer',
        },
      });
      clock.advance(1000);
      clock.advance(60_000);
      await sb.notificationsSettled();
      assert.deepEqual(
        received.map((n) => [n.flavour, n.sessionId, n.qosStatus, n.statusInfo]),
        [
          ['v1', created.value.id, 'AVAILABLE', undefined],
          ['v1', created.value.id, 'UNAVAILABLE', 'DURATION_EXPIRED'],
        ],
      );
    } finally {
      await sink.close();
    }
  });

  it('the sink answers 401 without the right token and 400 for a body that is not a notification', async () => {
    const sink = await startNotificationSink({ token: 'sink-token-abcdef' });
    try {
      const post = (auth: string | undefined, body: string) =>
        fetch(sink.url, {
          method: 'POST',
          headers: { 'content-type': 'application/cloudevents+json', ...(auth ? { authorization: auth } : {}) },
          body,
        });
      assert.equal((await post(undefined, '{}')).status, 401);
      assert.equal((await post('Bearer wrong', '{}')).status, 401);
      assert.equal((await post('Bearer sink-token-abcdef', '{"hello":1}')).status, 400);
      assert.equal((await post('Bearer sink-token-abcdef', 'not json')).status, 400);
      assert.equal(
        (await post('Bearer sink-token-abcdef', JSON.stringify({ sessionId: crypto.randomUUID(), event: 'SESSION_TERMINATED' }))).status,
        204,
      );
    } finally {
      await sink.close();
    }
  });
});
