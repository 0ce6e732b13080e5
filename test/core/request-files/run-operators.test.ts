// The promise, end to end over real HTTP: one request file runs the same create against two operators of the
// sandbox's operator network through the aggregator's routing step, and each gets the profile the advisor recommends
// at that operator for the same needs; a route no operator serves is an error at its line, and nothing is sent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseAcross, advisorTargets } from '../../../src/core/advisor/advise';
import { parseNeedsText } from '../../../src/core/advisor/needs';
import { SIGN_IN_FLOWS, type SignInUi } from '../../../src/core/auth/flows';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { sandboxAggregatorEnvironment } from '../../../src/core/environments';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { runRequestFile } from '../../../src/core/request-files/run';
import { createRuntime, type Runtime } from '../../../src/core/runtime';
import { startOperatorNetwork, type OperatorNetwork } from '../../../src/sandbox/operators/network';

const ROOT = join(__dirname, '..', '..', '..');
const ui: SignInUi = { openBrowser: async () => false, redirect: () => Promise.reject(new Error('no browser here')), report: () => {} };

describe('request files through the sandbox aggregator: two operators, one file', () => {
  let network: OperatorNetwork;
  before(async () => {
    network = await startOperatorNetwork({ rateLimit: false });
  });
  after(() => network.close());

  const aggregator = (): Runtime =>
    createRuntime(sandboxAggregatorEnvironment(network.finderUrl), {
      secrets: new MemorySecretStore(),
      credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
    });

  async function run(text: string, runtime: Runtime) {
    const file = parseRequestFile(text);
    assert.deepEqual(file.problems, []);
    return runRequestFile(file, 'two-operators.http', {
      runtime,
      signIn: (line, signal, target) =>
        SIGN_IN_FLOWS[line?.flow ?? 'client_credentials']
          .run(target.auth, {}, ui, signal ?? new AbortController().signal)
          .then(() => undefined),
    });
  }

  it("examples/operators/two-operators.http: each create goes to its device's operator, with the profile the advisor recommends there", async () => {
    const text = readFileSync(join(ROOT, 'examples', 'operators', 'two-operators.http'), 'utf8');
    const runtime = aggregator();
    try {
      const result = await run(text, runtime);
      assert.ok(result.ok, JSON.stringify(result.requests.map((r) => [r.label, r.error, r.assertions.map((a) => a.message)])));
      const [azul, verde] = network.operators;
      const sent = result.requests.slice(0, 2).map((r) => ({
        at: r.exchange?.url ?? '',
        profile: (JSON.parse(r.exchange?.requestBody ?? '{}') as { qosProfile?: string }).qosProfile,
      }));
      assert.ok(sent[0]!.at.startsWith(azul!.sandbox.url), `the Azul create went to ${sent[0]!.at}`);
      assert.ok(sent[1]!.at.startsWith(verde!.sandbox.url), `the Verde create went to ${sent[1]!.at}`);
      assert.ok(result.requests[2]!.exchange?.url.startsWith(azul!.sandbox.url), 'the Azul delete went to Azul');
      assert.ok(result.requests[3]!.exchange?.url.startsWith(verde!.sandbox.url), 'the Verde delete went to Verde');

      // The advisor asked on its own, for the same needs: what it recommends at each operator is what was sent.
      const needs = parseNeedsText(/# @qod needs (.*)/.exec(text)![1]!);
      assert.ok(needs.ok);
      const advice = await adviseAcross(needs.needs, await advisorTargets(runtime));
      const recommended = Object.fromEntries(advice.map((a) => [a.id.split('@')[1], a.ok ? a.advice.recommended?.name : a.error]));
      assert.deepEqual(recommended, { azul: 'QOS_E', verde: 'VERDE_REALTIME' });
      assert.deepEqual(
        sent.map((s) => s.profile),
        [recommended.azul, recommended.verde],
      );
    } finally {
      await runtime.router?.close();
      await runtime.transport.close();
    }
  });

  it('routes by IP address too; a device no operator serves, or a body device of another operator, is an error at the route line with nothing sent', async () => {
    const runtime = aggregator();
    try {
      const result = await run(
        [
          '# @qod sign-in client_credentials',
          '### by IPv4, Verde range',
          '# @qod route 203.0.113.200',
          'POST {{$qod.profiles}}/retrieve-qos-profiles',
          'Authorization: Bearer {{$qod.accessToken}}',
          'Content-Type: application/json',
          '',
          '{"device": {"ipv4Address": {"publicAddress": "203.0.113.200", "publicPort": 80}}}',
          '',
          '?? body [0].name startsWith VERDE_',
          '### nobody serves +1',
          '# @qod route +15555550101',
          'POST {{$qod.sessions}}/retrieve-sessions',
          'Authorization: Bearer {{$qod.accessToken}}',
          'Content-Type: application/json',
          '',
          '{"device": {"phoneNumber": "+15555550101"}}',
          '### routed to Azul, but the body names a Verde device',
          '# @qod route +34666666661',
          'POST {{$qod.sessions}}/retrieve-sessions',
          'Authorization: Bearer {{$qod.accessToken}}',
          'Content-Type: application/json',
          '',
          '{"device": {"phoneNumber": "+44666666661"}}',
          '### no route line through an aggregator',
          'POST {{$qod.sessions}}/retrieve-sessions',
          'Authorization: Bearer {{$qod.accessToken}}',
          'Content-Type: application/json',
          '',
          '{"device": {"phoneNumber": "+34666666661"}}',
        ].join('\n'),
        runtime,
      );
      const [byIp, nobody, mismatched, unrouted] = result.requests;
      assert.ok(byIp?.ok, JSON.stringify(byIp?.assertions));
      assert.ok(byIp?.exchange?.url.startsWith(network.operators[1]!.sandbox.url));
      assert.equal(nobody?.error?.line, 12);
      assert.match(nobody?.error?.message ?? '', /no operator serves \+15555550101/);
      assert.equal(nobody?.exchange, undefined);
      assert.equal(mismatched?.error?.line, 19);
      assert.match(
        mismatched?.error?.message ?? '',
        /sends this request to Azul Mobile, but the body's device \+44666666661 is Verde Telecom's/,
      );
      assert.equal(mismatched?.exchange, undefined, 'nothing was sent');
      assert.match(unrouted?.error?.message ?? '', /is an aggregator: say which operator gets this request with # @qod route/);
    } finally {
      await runtime.router?.close();
      await runtime.transport.close();
    }
  });
});
