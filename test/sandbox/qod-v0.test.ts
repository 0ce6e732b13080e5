import assert from 'node:assert/strict';
import { startSandbox } from '../../src/sandbox/server';
import { api, clientCredentials } from '../support/client';
import { assertSchema } from '../support/conformance';
import { startReceiver } from '../support/receiver';
import { withSandbox } from '../support/sandbox';

describe('QoD v0.10 and v0.8 on the sandbox (real HTTP)', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 1000, notificationBackoffMs: 20 }, { perTest: true, manualClock: true });
  let token: string;

  beforeEach(async () => {
    token = await clientCredentials(sb, 'qod-sessions-read qod-sessions-write qod-sessions-delete qod-profiles-read');
  });

  const v010 = (phoneNumber: string, extra: Record<string, unknown> = {}) => ({
    device: { phoneNumber, ipv4Address: { publicAddress: '203.0.113.20', publicPort: 5000 } },
    applicationServer: { ipv4Address: '198.51.100.10' },
    devicePorts: { ranges: [{ from: 5000, to: 5010 }], ports: [6000] },
    qosProfile: 'QOS_M',
    duration: 3600,
    ...extra,
  });

  it('v0.10: create (Unix-seconds times, sessionId), get, extend, delete, with schema conformance', async () => {
    const created = await api(sb, 'v0.10', { method: 'POST', path: '/sessions', token, body: v010('+34666666661') });
    assert.equal(created.status, 201);
    assert.equal(typeof created.body.sessionId, 'string');
    assert.equal(created.body.expiresAt - created.body.startedAt, 3600);
    clock.advance(1000);
    const got = await api(sb, 'v0.10', { method: 'GET', path: `/sessions/${created.body.sessionId}`, token });
    assert.equal(got.body.qosStatus, 'AVAILABLE');
    const extended = await api(sb, 'v0.10', {
      method: 'POST',
      path: `/sessions/${created.body.sessionId}/extend`,
      token,
      body: { requestedAdditionalDuration: 600 },
    });
    assert.equal(extended.status, 200);
    assert.equal(extended.body.duration, 4200);
    const deleted = await api(sb, 'v0.10', { method: 'DELETE', path: `/sessions/${created.body.sessionId}`, token });
    assert.equal(deleted.status, 204);
    const unknown = await api(sb, 'v0.10', { method: 'GET', path: `/sessions/${crypto.randomUUID()}`, token });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'NOT_FOUND');
  });

  it('v0.10: QoS profiles list and lookup', async () => {
    const list = await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles', token });
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 5);
    const one = await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles/QOS_E', token });
    assert.equal(one.body.name, 'QOS_E');
    assert.equal((await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles/NOPE_X', token })).status, 404);
    const inactive = await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles?status=INACTIVE', token });
    assert.deepEqual(
      inactive.body.map((p: { name: string }) => p.name),
      ['QOS_XL_TRIAL'],
    );
    assert.equal((await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles?name=QOS_NONE', token })).status, 404);
  });

  it('v0.10: errors use the v0.10 codes (OUT_OF_RANGE, CONFLICT, 401, 403)', async () => {
    const tooLong = await api(sb, 'v0.10', {
      method: 'POST',
      path: '/sessions',
      token,
      body: v010('+34666666661', { qosProfile: 'QOS_L', duration: 7200 }),
    });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.code, 'OUT_OF_RANGE');
    await api(sb, 'v0.10', { method: 'POST', path: '/sessions', token, body: v010('+34666666662') });
    const conflict = await api(sb, 'v0.10', { method: 'POST', path: '/sessions', token, body: v010('+34666666662') });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.code, 'CONFLICT');
    assert.equal((await api(sb, 'v0.10', { method: 'GET', path: '/qos-profiles', token: 'nope' })).status, 401);
    const readOnly = await clientCredentials(sb, 'qod-sessions-read');
    const denied = await api(sb, 'v0.10', { method: 'POST', path: '/sessions', token: readOnly, body: v010('+34666666663') });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'PERMISSION_DENIED');
  });

  it('v0.10: webhook notifications are CloudEvents of type org.camaraproject.qod.v0.qos-status-changed with the auth token', async () => {
    const secret = 'webhook-token-0123456789';
    const receiver = await startReceiver(secret);
    try {
      const created = await api(sb, 'v0.10', {
        method: 'POST',
        path: '/sessions',
        token,
        body: v010('+34666666664', { webhook: { notificationUrl: receiver.url, notificationAuthToken: secret } }),
      });
      assert.equal(created.body.webhook.notificationAuthToken, undefined, 'the webhook token is never echoed');
      clock.advance(1000);
      clock.advance(3600_000);
      const [available, expired] = await receiver.waitFor(2);
      assertSchema('v0.10', 'EventQosStatusChanged', available?.body);
      assertSchema('v0.10', 'EventQosStatusChanged', expired?.body);
      assert.equal(available?.body.type, 'org.camaraproject.qod.v0.qos-status-changed');
      assert.deepEqual(expired?.body.data, { sessionId: created.body.sessionId, qosStatus: 'UNAVAILABLE', statusInfo: 'DURATION_EXPIRED' });
    } finally {
      await receiver.close();
    }
  });

  it('v0.8: ueId/asId/qos, `id` and Unix seconds; errors are {code, message}', async () => {
    const body = { ueId: { msisdn: '34666666661' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_S', duration: 120 };
    const created = await api(sb, 'v0.8', { method: 'POST', path: '/sessions', token, body });
    assert.equal(created.status, 201);
    assert.equal(typeof created.body.id, 'string');
    assert.equal(created.body.expiresAt - created.body.startedAt, 120);
    const got = await api(sb, 'v0.8', { method: 'GET', path: `/sessions/${created.body.id}`, token });
    assert.equal(got.body.qos, 'QOS_S');
    const conflict = await api(sb, 'v0.8', { method: 'POST', path: '/sessions', token, body });
    assert.equal(conflict.status, 409);
    assert.deepEqual(Object.keys(conflict.body).sort(), ['code', 'message']);
    assert.equal(conflict.body.code, 'CONFLICT');
    const invalid = await api(sb, 'v0.8', { method: 'POST', path: '/sessions', token, body: { ...body, qos: 'QOS_X' } });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'INVALID_INPUT');
    assert.match(invalid.body.message, /^qos: must be one of QOS_E, QOS_S, QOS_M, QOS_L \(got "QOS_X"\)$/);
    const unauth = await api(sb, 'v0.8', { method: 'GET', path: `/sessions/${created.body.id}` });
    assert.equal(unauth.body.code, 'UNAUTHORIZED');
    assert.equal((await api(sb, 'v0.8', { method: 'DELETE', path: `/sessions/${created.body.id}`, token })).status, 204);
  });

  it('v0.8: the termination notification is {sessionId, event: SESSION_TERMINATED}', async () => {
    const receiver = await startReceiver('v08-token');
    try {
      const body = {
        ueId: { ipv4addr: '203.0.113.31' },
        asId: { ipv4addr: '198.51.100.10' },
        qos: 'QOS_E',
        duration: 60,
        notificationUrl: receiver.url,
        notificationAuthToken: 'v08-token',
      };
      const created = await api(sb, 'v0.8', { method: 'POST', path: '/sessions', token, body });
      clock.advance(1000);
      clock.advance(60_000);
      const [event] = await receiver.waitFor(1);
      assertSchema('v0.8', 'Notification', event?.body);
      assert.deepEqual(event?.body, { sessionId: created.body.id, event: 'SESSION_TERMINATED' });
    } finally {
      await receiver.close();
    }
  });

  it('/qod/v0 serves the flavour chosen by v0Flavour', async () => {
    const local = await startSandbox({ clock, rateLimit: false, v0Flavour: 'v0.8' });
    try {
      const t = await clientCredentials(local, 'qod-sessions-write');
      const res = await fetch(`${local.urls.qodV0}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ueId: { msisdn: '+34666666661' }, asId: { ipv4addr: '198.51.100.1' }, qos: 'QOS_E' }),
      });
      assert.equal(res.status, 201);
      const body = (await res.json()) as { id: string; duration: number };
      assert.equal(body.duration, 86400, 'v0.8 defaults the duration to 24 hours');
    } finally {
      await local.close();
    }
  });
});
