// QoS Provisioning's status-changed events, delivered by the sandbox to real loopback sinks: on every create outcome
// (synchronous ones too: "The event will be sent also for synchronous operations"), and on revoking an AVAILABLE
// assignment, none when it was already UNAVAILABLE. Each event is checked against its version's EventStatusChanged
// (skipped without ../shared). 0.3.0's schema requires data.qosStatus while naming the property status: both are sent.
import assert from 'node:assert/strict';
import { startNotificationSink, type AssignmentNotification } from '../../src/core/notifications/sink';
import type { DeliveryReport } from '../../src/sandbox/qod/notifier';
import { ALL_V1_SCOPES, api, clientCredentials, jwtClientToken } from '../support/client';
import { assertSchema, type Spec } from '../support/conformance';
import { startReceiver, type Receiver } from '../support/receiver';
import { withSandbox } from '../support/sandbox';

const SINK_TOKEN = 'sink-token-provisioning-1';
const credential = {
  credentialType: 'ACCESSTOKEN',
  accessToken: SINK_TOKEN,
  accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
  accessTokenType: 'bearer',
};

for (const spec of ['provisioning-v0.3', 'provisioning-v0.4'] as const satisfies readonly Spec[]) {
  describe(`QoS Provisioning ${spec === 'provisioning-v0.3' ? '0.3.0' : '0.4.0-rc.1'} events to a loopback sink`, () => {
    const reports: DeliveryReport[] = [];
    const { sb } = withSandbox({ activationDelayMs: 50, notificationBackoffMs: 20, onNotification: (r) => reports.push(r) });
    let token: string;
    let receiver: Receiver;
    let phone = 0;
    const fresh = (lastDigit = 1) => `+3464${spec.endsWith('3') ? 3 : 4}${String(phone++).padStart(5, '0')}${lastDigit}`;
    const call = (method: string, path: string, body?: unknown) => api(sb, spec, { method, path, token, body });
    const create = (device: string) =>
      call('POST', '/qos-assignments', {
        device: { phoneNumber: device },
        qosProfile: 'QOS_E',
        sink: receiver.url,
        sinkCredential: credential,
      });

    before(async () => {
      token = await clientCredentials(sb, ALL_V1_SCOPES);
    });
    beforeEach(async () => {
      receiver = await startReceiver(SINK_TOKEN);
    });
    afterEach(() => receiver.close());

    /** Checks one delivered event and answers its data. */
    const event = (index: number) => {
      const got = receiver.received[index];
      assert.ok(got, `event ${index} arrived`);
      assert.equal(got.headers['content-type'], 'application/cloudevents+json');
      assert.equal(got.headers.authorization, `Bearer ${SINK_TOKEN}`);
      assert.equal(got.body.type, 'org.camaraproject.qos-provisioning.v0.status-changed');
      assert.equal(got.body.specversion, '1.0');
      assertSchema(spec, 'EventStatusChanged', got.body);
      if (spec === 'provisioning-v0.3') assert.equal(got.body.data.qosStatus, got.body.data.status, '0.3.0: both names');
      else assert.equal(got.body.data.qosStatus, undefined, '0.4: status only');
      return got.body.data as { assignmentId: string; status: string; statusInfo?: string };
    };

    it('a synchronous assignment: AVAILABLE at once, then UNAVAILABLE/DELETE_REQUESTED on revoke (204)', async () => {
      const created = await create(fresh(1));
      assert.equal(created.body.status, 'AVAILABLE');
      assert.equal(created.body.sink, receiver.url, 'the sink is echoed, never its credential');
      assert.equal(created.body.sinkCredential, undefined);
      await receiver.waitFor(1);
      assert.deepEqual(event(0), {
        assignmentId: created.body.assignmentId,
        status: 'AVAILABLE',
        ...(spec.endsWith('3') ? { qosStatus: 'AVAILABLE' } : {}),
      });
      assert.equal((await call('DELETE', `/qos-assignments/${created.body.assignmentId}`)).status, 204);
      await receiver.waitFor(2);
      const ended = event(1);
      assert.deepEqual(
        [ended.assignmentId, ended.status, ended.statusInfo],
        [created.body.assignmentId, 'UNAVAILABLE', 'DELETE_REQUESTED'],
      );
      assert.notEqual(receiver.received[0]?.body.id, receiver.received[1]?.body.id, 'each event has its own id');
    });

    it('an asynchronous one (digit 5): AVAILABLE after the delay; revoke answers 202 and the end is notified after', async () => {
      const created = await create(fresh(5));
      assert.equal(created.body.status, 'REQUESTED');
      await receiver.waitFor(1);
      assert.equal(event(0).status, 'AVAILABLE');
      const accepted = await call('DELETE', `/qos-assignments/${created.body.assignmentId}`);
      assert.equal(accepted.status, 202);
      await receiver.waitFor(2);
      assert.deepEqual([event(1).status, event(1).statusInfo], ['UNAVAILABLE', 'DELETE_REQUESTED']);
    });

    it('no event for revoking what was never AVAILABLE (a REQUESTED one; 0.4: one the network refused at once)', async () => {
      const requested = await create(fresh(5));
      assert.equal((await call('DELETE', `/qos-assignments/${requested.body.assignmentId}`)).status, 204);
      await sb.notificationsSettled();
      assert.equal(receiver.received.length, 0, 'revoked while REQUESTED: nothing to tell');
      if (spec === 'provisioning-v0.3') return;
      const refused = await create(fresh(7));
      assert.equal(refused.body.status, 'UNAVAILABLE');
      await receiver.waitFor(1);
      assert.deepEqual([event(0).status, event(0).statusInfo], ['UNAVAILABLE', 'NETWORK_TERMINATED'], 'the outcome of the create');
      assert.equal((await call('DELETE', `/qos-assignments/${refused.body.assignmentId}`)).status, 204);
      await sb.notificationsSettled();
      assert.equal(receiver.received.length, 1, '"no notification event if the status was already UNAVAILABLE"');
    });

    if (spec === 'provisioning-v0.4') {
      it('PRIVATE_KEY_JWT (qod-demo-jwt): the sandbox gets the token from the app with its assertion, and the event arrives', async () => {
        const sink = await startNotificationSink({ privateKeyJwt: { clientId: 'qod-app-at-operator', jwks: sb.urls.notificationJwks } });
        try {
          const received = new Promise<AssignmentNotification>((resolve, reject) => {
            sink.onAssignmentNotification(resolve);
            setTimeout(() => reject(new Error(`no event in 5 s: ${JSON.stringify(reports)}`)), 5000).unref();
          });
          const jwt = await jwtClientToken(sb.url);
          const created = await api(sb, spec, {
            method: 'POST',
            path: '/qos-assignments',
            token: jwt,
            body: {
              device: { phoneNumber: fresh(1) },
              qosProfile: 'QOS_E',
              sink: sink.url,
              sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', ...sink.privateKeyJwt },
            },
          });
          assert.equal(created.status, 201, JSON.stringify(created.body));
          const notification = await received;
          assert.deepEqual([notification.assignmentId, notification.status], [created.body.assignmentId, 'AVAILABLE']);
          assertSchema(spec, 'EventStatusChanged', notification.event);
        } finally {
          await sink.close();
        }
      });
    }
  });
}
