import assert from 'node:assert/strict';
import type { DeliveryReport } from '../../src/sandbox/qod/notifier';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { ALL_V1_SCOPES, api, cibaToken, clientCredentials, form } from '../support/client';
import { assertSchema } from '../support/conformance';
import { startReceiver } from '../support/receiver';
import { withSandbox } from '../support/sandbox';

const ALL_V1 = ALL_V1_SCOPES;

const createBody = (phoneNumber: string, extra: Record<string, unknown> = {}) => ({
  device: { phoneNumber },
  applicationServer: { ipv4Address: '198.51.100.0/24' },
  qosProfile: 'QOS_E',
  duration: 600,
  ...extra,
});

describe('QoD v1 on the sandbox (real HTTP, responses checked against quality-on-demand 1.1.0)', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 1000, notificationBackoffMs: 20 }, { perTest: true, manualClock: true });
  let token: string;

  beforeEach(async () => {
    token = await clientCredentials(sb, ALL_V1);
  });

  it('creates a session in REQUESTED, which becomes AVAILABLE with RFC 3339 times, then expires', async () => {
    const created = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666661') });
    assert.equal(created.status, 201);
    assert.equal(created.body.qosStatus, 'REQUESTED');
    assert.equal(created.body.startedAt, undefined, 'no startedAt while REQUESTED');
    assert.deepEqual(created.body.device, { phoneNumber: '+34666666661' });
    const id = created.body.sessionId;

    clock.advance(1000);
    const available = await api(sb, 'v1', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(available.body.qosStatus, 'AVAILABLE');
    assert.equal(Date.parse(available.body.expiresAt) - Date.parse(available.body.startedAt), 600_000);

    clock.advance(600_000);
    const expired = await api(sb, 'v1', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(expired.body.qosStatus, 'UNAVAILABLE');
    assert.equal(expired.body.statusInfo, 'DURATION_EXPIRED');

    clock.advance(360_000);
    const gone = await api(sb, 'v1', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(gone.status, 404);
    assert.equal(gone.body.code, 'NOT_FOUND');
  });

  it('extends an AVAILABLE session, capped at the profile maxDuration, and refuses to extend a REQUESTED one', async () => {
    const created = await api(sb, 'v1', {
      method: 'POST',
      path: '/sessions',
      token,
      body: createBody('+34666666662', { qosProfile: 'QOS_L', duration: 3000 }),
    });
    const id = created.body.sessionId;
    const early = await api(sb, 'v1', { method: 'POST', path: `/sessions/${id}/extend`, token, body: { requestedAdditionalDuration: 60 } });
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED');

    clock.advance(1000);
    const extended = await api(sb, 'v1', {
      method: 'POST',
      path: `/sessions/${id}/extend`,
      token,
      body: { requestedAdditionalDuration: 300 },
    });
    assert.equal(extended.status, 200);
    assert.equal(extended.body.duration, 3300);
    const capped = await api(sb, 'v1', {
      method: 'POST',
      path: `/sessions/${id}/extend`,
      token,
      body: { requestedAdditionalDuration: 5000 },
    });
    assert.equal(capped.status, 200);
    assert.equal(capped.body.duration, 3600, 'QOS_L allows at most one hour in all');
  });

  it('deletes a session: 204, then readable as UNAVAILABLE / DELETE_REQUESTED, and a second delete is 404', async () => {
    const { body } = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666663') });
    clock.advance(1000);
    const deleted = await api(sb, 'v1', { method: 'DELETE', path: `/sessions/${body.sessionId}`, token });
    assert.equal(deleted.status, 204);
    const after = await api(sb, 'v1', { method: 'GET', path: `/sessions/${body.sessionId}`, token });
    assert.equal(after.body.qosStatus, 'UNAVAILABLE');
    assert.equal(after.body.statusInfo, 'DELETE_REQUESTED');
    const again = await api(sb, 'v1', { method: 'DELETE', path: `/sessions/${body.sessionId}`, token });
    assert.equal(again.status, 404);
  });

  it('retrieves sessions by device (2-legged needs the device; 3-legged must not send one)', async () => {
    await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666664') });
    const found = await api(sb, 'v1', {
      method: 'POST',
      path: '/retrieve-sessions',
      token,
      body: { device: { phoneNumber: '+34666666664' } },
    });
    assert.equal(found.status, 200);
    assert.equal(found.body.length, 1);
    const none = await api(sb, 'v1', {
      method: 'POST',
      path: '/retrieve-sessions',
      token,
      body: { device: { phoneNumber: '+34666666660' } },
    });
    assert.deepEqual(none.body, []);
    const missing = await api(sb, 'v1', { method: 'POST', path: '/retrieve-sessions', token, body: {} });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.code, 'MISSING_IDENTIFIER');
  });

  it('applies the 3-legged device rules: the token names the device', async () => {
    const threeLegged = await cibaToken(sb, 'tel:+34666666661', `openid dpv:RequestedServiceProvision ${ALL_V1}`);
    const withDevice = await api(sb, 'v1', { method: 'POST', path: '/sessions', token: threeLegged, body: createBody('+34666666661') });
    assert.equal(withDevice.status, 422);
    assert.equal(withDevice.body.code, 'UNNECESSARY_IDENTIFIER');
    const { device: _device, ...noDevice } = createBody('+34666666661');
    const created = await api(sb, 'v1', { method: 'POST', path: '/sessions', token: threeLegged, body: noDevice });
    assert.equal(created.status, 201);
    assert.equal(created.body.device, undefined, 'device is echoed only when it was sent');
    const mine = await api(sb, 'v1', { method: 'POST', path: '/retrieve-sessions', token: threeLegged, body: {} });
    assert.equal(mine.body[0].sessionId, created.body.sessionId);
    // The same device through a 2-legged token conflicts with the 3-legged session.
    const conflict = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666661') });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.code, 'CONFLICT');
  });

  it('answers each documented error', async () => {
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['unknown device', createBody('+34666666668'), 404, 'IDENTIFIER_NOT_FOUND'],
      ['network cannot serve', createBody('+34666666669'), 422, 'SERVICE_NOT_APPLICABLE'],
      [
        'no device, 2-legged',
        { applicationServer: { ipv4Address: '198.51.100.1' }, qosProfile: 'QOS_E', duration: 60 },
        422,
        'MISSING_IDENTIFIER',
      ],
      [
        'only networkAccessIdentifier',
        { ...createBody('+1'), device: { networkAccessIdentifier: '123@example.com' } },
        422,
        'UNSUPPORTED_IDENTIFIER',
      ],
      [
        'INACTIVE profile',
        createBody('+34666666661', { qosProfile: 'QOS_XL_TRIAL', duration: 120 }),
        422,
        'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
      ],
      [
        'duration over maxDuration',
        createBody('+34666666661', { qosProfile: 'QOS_L', duration: 7200 }),
        400,
        'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      ],
      [
        'duration under minDuration',
        createBody('+34666666661', { qosProfile: 'QOS_L', duration: 30 }),
        400,
        'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      ],
      ['plain http sink', createBody('+34666666661', { sink: 'http://example.com/n' }), 400, 'INVALID_SINK'],
      [
        'PLAIN credential',
        createBody('+34666666661', {
          sink: 'https://example.com/n',
          sinkCredential: { credentialType: 'PLAIN', identifier: 'a', secret: 'b' },
        }),
        400,
        'INVALID_CREDENTIAL',
      ],
      [
        'expired sink token',
        createBody('+34666666661', {
          sink: 'https://example.com/n',
          sinkCredential: {
            credentialType: 'ACCESSTOKEN',
            accessToken: 'x',
            accessTokenExpiresUtc: '2020-01-01T00:00:00Z',
            accessTokenType: 'bearer',
          },
        }),
        400,
        'INVALID_TOKEN',
      ],
    ];
    for (const [name, body, status, code] of cases) {
      const reply = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body });
      assert.equal(reply.status, status, `${name}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, code, name);
    }
    await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666662') });
    const second = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666662') });
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'CONFLICT');
  });

  it('answers 401 UNAUTHENTICATED for a missing, invalid or expired token', async () => {
    const missing = await api(sb, 'v1', { method: 'POST', path: '/sessions', body: createBody('+34666666661') });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.code, 'UNAUTHENTICATED');
    const invalid = await api(sb, 'v1', {
      method: 'POST',
      path: '/sessions',
      token: `${token.slice(0, -4)}AAAA`,
      body: createBody('+34666666661'),
    });
    assert.equal(invalid.status, 401);
    clock.advance(3601_000);
    const expired = await api(sb, 'v1', { method: 'GET', path: `/sessions/${crypto.randomUUID()}`, token });
    assert.equal(expired.status, 401);
    assert.match(expired.body.message, /expired/);
  });

  it("answers 403 PERMISSION_DENIED for a missing scope and for another client's session", async () => {
    const readOnly = await clientCredentials(sb, 'quality-on-demand:sessions:read');
    const denied = await api(sb, 'v1', { method: 'POST', path: '/sessions', token: readOnly, body: createBody('+34666666661') });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'PERMISSION_DENIED');

    const { body } = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: createBody('+34666666661') });
    const other = await form2Token(sb);
    const foreign = await api(sb, 'v1', { method: 'GET', path: `/sessions/${body.sessionId}`, token: other });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 'PERMISSION_DENIED');
  });

  it('serves the QoS profile catalogue (qos-profiles 1.1.0)', async () => {
    const all = await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} });
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.map((p: { name: string }) => p.name),
      ['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L', 'QOS_XL_TRIAL'],
    );
    const inactive = await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: { status: 'INACTIVE' } });
    assert.deepEqual(
      inactive.body.map((p: { name: string }) => p.name),
      ['QOS_XL_TRIAL'],
    );
    const one = await api(sb, 'profiles-v1', { method: 'GET', path: '/qos-profiles/QOS_L', token });
    assert.deepEqual(one.body.maxDuration, { value: 1, unit: 'Hours' });
    const none = await api(sb, 'profiles-v1', { method: 'GET', path: '/qos-profiles/QOS_NOPE', token });
    assert.equal(none.status, 404);
  });

  it('notifies the sink with CloudEvents and the bearer token on every status change', async () => {
    const receiver = await startReceiver('sink-token-123');
    try {
      const body = createBody('+34666666661', {
        sink: receiver.url,
        sinkCredential: {
          credentialType: 'ACCESSTOKEN',
          accessToken: 'sink-token-123',
          accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
          accessTokenType: 'bearer',
        },
      });
      const created = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body });
      assert.equal(created.status, 201);
      assert.equal(created.body.sinkCredential, undefined, 'the sink credential is never echoed');
      clock.advance(1000);
      await api(sb, 'v1', { method: 'DELETE', path: `/sessions/${created.body.sessionId}`, token });
      const [available, deleted] = await receiver.waitFor(2);
      for (const event of [available, deleted]) {
        assert.equal(event?.headers['content-type'], 'application/cloudevents+json');
        assertSchema('v1', 'EventQosStatusChanged', event?.body);
      }
      assert.deepEqual(available?.body.data, { sessionId: created.body.sessionId, qosStatus: 'AVAILABLE' });
      assert.deepEqual(deleted?.body.data, { sessionId: created.body.sessionId, qosStatus: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
    } finally {
      await receiver.close();
    }
  });

  it('retries a failing sink a bounded number of times', async () => {
    const reports: DeliveryReport[] = [];
    const flaky = await startReceiver(undefined, 503);
    const local = await startSandbox({
      clock,
      rateLimit: false,
      activationDelayMs: 0,
      notificationBackoffMs: 10,
      onNotification: (r) => reports.push(r),
    });
    try {
      const t = await clientCredentials(local, ALL_V1);
      await api(local, 'v1', { method: 'POST', path: '/sessions', token: t, body: createBody('+34666666661', { sink: flaky.url }) });
      clock.advance(0);
      await local.notificationsSettled();
      assert.equal(flaky.received.length, 3);
      assert.equal(reports.length, 1);
      assert.deepEqual(
        { ...reports[0], sessionId: undefined },
        { sessionId: undefined, url: flaky.url, attempts: 3, ok: false, status: 503 },
      );
    } finally {
      await local.close();
      await flaky.close();
    }
  });
});

/** A token of a different demo client (client_secret_post). */
async function form2Token(sb: Sandbox): Promise<string> {
  const reply = await form(
    `${sb.url}/token`,
    {
      grant_type: 'client_credentials',
      scope: ALL_V1,
      client_id: 'qod-demo-post',
      client_secret: 'qod-demo-post-secret',
    },
    {},
  );
  return reply.body.access_token;
}
