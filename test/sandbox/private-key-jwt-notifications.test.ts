// QoD 1.2's PRIVATE_KEY_JWT notifications end to end on this machine, over real HTTP: the sandbox (the operator)
// asks the app's token endpoint (the local notification sink) for a token with a private_key_jwt assertion signed by
// its notification key, published at its jwksUri; the sink verifies it against that JWKS, and the notification that
// carries the token is delivered. A sink that trusts other keys refuses the assertion: nothing is delivered, and the
// sandbox reports why.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import { createSessionBody, withSink } from '../../src/core/camara/create-body';
import { sandboxEnvironment } from '../../src/core/environments';
import { startNotificationSink, type NotificationSink, type StatusNotification } from '../../src/core/notifications/sink';
import { createRuntime, type Runtime } from '../../src/core/runtime';
import type { DeliveryReport } from '../../src/sandbox/qod/notifier';
import { ALL_V1_SCOPES } from '../support/client';
import { assertSchema } from '../support/conformance';
import { DEMO_CREDENTIALS } from '../support/core';
import { withSandbox } from '../support/sandbox';

const APP_AT_OPERATOR = 'qod-app-at-operator';
const WAIT_MS = 5000;

describe('PRIVATE_KEY_JWT notifications (QoD 1.2) between the sandbox and the local sink', () => {
  const reports: DeliveryReport[] = [];
  const { sb } = withSandbox({ activationDelayMs: 50, notificationAttempts: 1, onNotification: (r) => reports.push(r) });
  let runtime: Runtime;
  let device = 0;

  before(async () => {
    const jwt = DEMO_CREDENTIALS.jwt!;
    runtime = createRuntime(
      { ...sandboxEnvironment(sb.url, 'v1.2'), clientId: jwt.clientId, authMethod: jwt.method },
      { secrets: new MemorySecretStore(), credentials: async () => jwt.credentials },
    );
    await runtime.auth.signIn({ flow: 'client_credentials', scope: ALL_V1_SCOPES });
  });
  after(() => runtime.transport.close());

  const create = (sink: NotificationSink) =>
    runtime.client.createSession(
      withSink(
        'v1.2',
        createSessionBody('v1.2', {
          device: { kind: 'phoneNumber', value: `+3466677700${++device}` },
          applicationServer: '198.51.100.10',
          qosProfile: 'QOS_E',
          duration: 60,
        }),
        { url: sink.url, privateKeyJwt: sink.privateKeyJwt },
      ),
    );

  it('the operator gets a token from the app with its assertion, and the notification carrying it arrives', async () => {
    const sink = await startNotificationSink({ privateKeyJwt: { clientId: APP_AT_OPERATOR, jwks: sb.urls.notificationJwks } });
    try {
      const received = new Promise<StatusNotification>((resolve, reject) => {
        sink.onNotification(resolve);
        setTimeout(() => reject(new Error(`no notification in ${WAIT_MS} ms: ${JSON.stringify(reports)}`)), WAIT_MS).unref();
      });
      const created = await create(sink);
      const notification = await received;
      assert.deepEqual([notification.sessionId, notification.qosStatus], [created.value.id, 'AVAILABLE']);
      assertSchema('v1.2', 'EventQosStatusChanged', notification.event);
      // The body named no token: the operator fetched its own.
      const sent = JSON.parse(created.exchange?.requestBody ?? '{}') as { sinkCredential?: Record<string, unknown> };
      assert.deepEqual(Object.keys(sent.sinkCredential ?? {}).sort(), ['clientId', 'credentialType', 'tokenUri']);
      // The keys are public: the JWKS has no private part.
      const jwks = (await (await fetch(sb.urls.notificationJwks)).json()) as { keys: Array<Record<string, unknown>> };
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0]?.d, undefined);
    } finally {
      await sink.close();
    }
  });

  it('a sink that trusts other keys refuses the assertion: nothing is delivered, and the sandbox says why', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const other = { keys: [{ ...(await exportJWK(publicKey)), kid: 'someone-else', alg: 'ES256' }] };
    const sink = await startNotificationSink({ privateKeyJwt: { clientId: APP_AT_OPERATOR, jwks: other } });
    try {
      const delivered: StatusNotification[] = [];
      sink.onNotification((n) => delivered.push(n));
      const created = await create(sink);
      const report = await until(() => reports.find((r) => r.sessionId === created.value.id));
      assert.equal(report.ok, false);
      assert.match(report.error ?? '', /token endpoint .*\/token answered 401 invalid_client, no access token/);
      assert.deepEqual(delivered, []);
    } finally {
      await sink.close();
    }
  });
});

describe('PRIVATE_KEY_JWT: a kept token the app no longer takes', () => {
  const reports: DeliveryReport[] = [];
  const { sb } = withSandbox({
    activationDelayMs: 50,
    notificationAttempts: 2,
    notificationBackoffMs: 10,
    onNotification: (r) => reports.push(r),
  });

  it('is forgotten on 401 and asked for again: the next attempt delivers', async () => {
    // The app: its token endpoint hands out t1, then t2; after the first notification it takes only the newest.
    let issued = 0;
    let accepted = '';
    const got: string[] = [];
    const app = createServer((req, res) => {
      req.resume();
      if (req.url === '/token') {
        accepted = `t${++issued}`;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ access_token: accepted, token_type: 'Bearer', expires_in: 300 }));
      }
      const ok = req.headers.authorization === `Bearer ${accepted}`;
      got.push(`${req.headers.authorization} ${ok ? 204 : 401}`);
      res.writeHead(ok ? 204 : 401).end();
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const jwt = DEMO_CREDENTIALS.jwt!;
    const runtime = createRuntime(
      { ...sandboxEnvironment(sb.url, 'v1.2'), clientId: jwt.clientId, authMethod: jwt.method },
      { secrets: new MemorySecretStore(), credentials: async () => jwt.credentials },
    );
    try {
      await runtime.auth.signIn({ flow: 'client_credentials', scope: ALL_V1_SCOPES });
      const create = async (phone: string) =>
        (
          await runtime.client.createSession(
            withSink(
              'v1.2',
              createSessionBody('v1.2', {
                device: { kind: 'phoneNumber', value: phone },
                applicationServer: '198.51.100.10',
                qosProfile: 'QOS_E',
                duration: 60,
              }),
              {
                url: `${base}/notifications`,
                privateKeyJwt: { clientId: 'app', tokenUri: `${base}/token` },
              },
            ),
          )
        ).value.id;
      const first = await create('+34666888001');
      await until(() => reports.find((r) => r.sessionId === first));
      // The app "restarts": the kept t1 is refused from now on.
      accepted = 'nothing-yet';
      const second = await create('+34666888002');
      const report = await until(() => reports.find((r) => r.sessionId === second));
      assert.equal(report.ok, true, JSON.stringify(report));
      assert.equal(report.attempts, 2);
      assert.deepEqual(got, ['Bearer t1 204', 'Bearer t1 401', 'Bearer t2 204']);
    } finally {
      await runtime.transport.close();
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });
});

/** Polls `find` until it answers, for at most WAIT_MS (every 20 ms). */
async function until<T>(find: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < WAIT_MS; waited += 20) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within ${WAIT_MS} ms`);
}
