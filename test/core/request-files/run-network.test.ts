// `# @qod network <device> <script>` in a request file: the sandbox's network script is set before the request is
// sent, and what follows reaches the REAL notification sink (src/core/notifications/sink.ts); a file that scripts a
// network elsewhere than the sandbox, or writes a bad script, gets an error at the line and sends nothing.
import assert from 'node:assert/strict';
import { SIGN_IN_FLOWS, type SignInUi } from '../../../src/core/auth/flows';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { sandboxEnvironment } from '../../../src/core/environments';
import { startNotificationSink, type NotificationSink, type StatusNotification } from '../../../src/core/notifications/sink';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { runRequestFile } from '../../../src/core/request-files/run';
import { createRuntime } from '../../../src/core/runtime';
import { withSandbox } from '../../support/sandbox';

const ui: SignInUi = { openBrowser: async () => false, redirect: () => Promise.reject(new Error('no browser here')), report: () => {} };

const file = (sink: NotificationSink, device: string, script: string) => `# @qod sign-in client_credentials
### create on a network that ends it
# @qod network ${device} ${script}
# @name create
POST {{$qod.sessions}}/sessions
Authorization: Bearer {{$qod.accessToken}}
Content-Type: application/json

{"device": {"phoneNumber": "${device}"}, "applicationServer": {"ipv4Address": "198.51.100.10"}, "qosProfile": "QOS_E",
 "duration": 600, "sink": "${sink.url}", "sinkCredential": {"credentialType": "ACCESSTOKEN", "accessToken": "${sink.token}",
 "accessTokenExpiresUtc": "2099-01-01T00:00:00Z", "accessTokenType": "bearer"}}

?? status == 201
`;

describe('request files: # @qod network', () => {
  const { sb, clock } = withSandbox({}, { manualClock: true });
  let sink: NotificationSink;
  const events: StatusNotification[] = [];
  before(async () => {
    sink = await startNotificationSink();
    sink.onNotification((n) => events.push(n));
  });
  after(() => sink.close());

  async function run(text: string, environment = sandboxEnvironment(sb.url)) {
    const runtime = createRuntime(environment, {
      secrets: new MemorySecretStore(),
      credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
    });
    try {
      const parsed = parseRequestFile(text);
      assert.deepEqual(parsed.problems, []);
      return await runRequestFile(parsed, 'network.http', {
        runtime,
        signIn: (line, signal, target) =>
          SIGN_IN_FLOWS.client_credentials.run(target.auth, {}, ui, signal ?? new AbortController().signal).then(() => undefined),
      });
    } finally {
      await runtime.transport.close();
    }
  }

  async function eventsFor(sessionId: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 5000;
    const mine = () => events.filter((e) => e.sessionId === sessionId);
    while (mine().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return mine().map((e) => [e.qosStatus, e.statusInfo].filter(Boolean).join('/'));
  }

  it('sets the script before the create: AVAILABLE, then the network ends the session, through the real sink', async () => {
    const result = await run(file(sink, '+34600000701', 'network-ends:30s'));
    assert.ok(result.ok, JSON.stringify(result.requests.map((r) => r.error ?? r.assertions)));
    const sessionId = (JSON.parse(result.requests[0]?.exchange?.responseBody ?? '{}') as { sessionId: string }).sessionId;
    clock.advance(1000);
    assert.deepEqual(await eventsFor(sessionId, 1), ['AVAILABLE']);
    clock.advance(30_000);
    assert.deepEqual(await eventsFor(sessionId, 2), ['AVAILABLE', 'UNAVAILABLE/NETWORK_TERMINATED']);
  });

  it('a bad script is an error at its line, and the create is not sent', async () => {
    const result = await run(file(sink, '+34600000702', 'network-ends:forever'));
    assert.equal(result.ok, false);
    assert.equal(result.requests[0]?.error?.line, 3);
    assert.match(result.requests[0]?.error?.message ?? '', /^# @qod network: .*script/);
    assert.equal(result.requests[0]?.exchange, undefined, 'nothing was sent');
  });

  it('a provider that is not the sandbox is told network scripts are the sandbox’s', async () => {
    const elsewhere = { ...sandboxEnvironment(sb.url), preset: 'custom' as const, label: 'Acme' };
    const result = await run(file(sink, '+34600000703', 'network-ends:30s'), elsewhere);
    assert.equal(result.requests[0]?.error?.line, 3);
    assert.match(result.requests[0]?.error?.message ?? '', /Network scripts are the embedded sandbox's: Acme is not a sandbox/);
  });
});
