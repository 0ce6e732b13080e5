// The advisor across operators: the real multi-operator sandbox through its aggregator (each operator's own
// catalogue, read in parallel), one operator per QoD version (the device sent where the API takes one; v0.8 has no
// profiles API), and misbehaving operators: each is one row saying what went wrong, never a throw, a stack or a token.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { adviceJson, adviseAcross, advisorTargets, clientTarget, renderAdvice, type AdvisorTarget } from '../../../src/core/advisor/advise';
import { parseNeedsText, type AppNeeds } from '../../../src/core/advisor/needs';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { QodClient } from '../../../src/core/camara/qod-client';
import type { Flavour } from '../../../src/core/camara/flavour';
import { sandboxAggregatorEnvironment, sandboxEnvironment, type Environment } from '../../../src/core/environments';
import { HttpTransport } from '../../../src/core/http/transport';
import { createRuntime, type Runtime } from '../../../src/core/runtime';
import { startOperatorNetwork, type OperatorNetwork } from '../../../src/sandbox/operators/network';
import { withSandbox } from '../../support/sandbox';

function needs(words: string): AppNeeds {
  const r = parseNeedsText(words);
  assert.ok(r.ok);
  return r.needs;
}

const CALL = needs('latency<=50ms jitter<=10ms up>=500kbps');
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.advisor-secret-token.signature';

function runtimeOf(environment: Environment): Runtime {
  return createRuntime(
    environment,
    { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) },
    { signInOnFirstUse: true, retries: { maxRetries: 0 } },
  );
}

async function closeRuntime(r: Runtime): Promise<void> {
  await r.router?.close();
  await r.transport.close();
}

describe('Advisor across operators: the multi-operator sandbox through its aggregator', () => {
  let network: OperatorNetwork;
  before(async () => {
    network = await startOperatorNetwork({ rateLimit: false });
  });
  after(async () => network.close());

  it("recommends each operator's own profile for the same needs, from its own catalogue", async () => {
    const r = runtimeOf(sandboxAggregatorEnvironment(network.finderUrl, 'v1'));
    try {
      const targets = await advisorTargets(r);
      assert.deepEqual(
        targets.map((t) => t.label),
        ['Azul Mobile (via Sandbox operators (aggregator))', 'Verde Telecom (via Sandbox operators (aggregator))'],
      );
      const results = await adviseAcross(CALL, targets);
      const picks = results.map((x) => (x.ok ? x.advice.recommended?.name : x.error));
      assert.deepEqual(picks, ['QOS_E', 'VERDE_REALTIME']);
      // Verde's bulk profile states no latency: said, and ranked below every full fit.
      const verde = adviceJson(CALL, results).operators[1];
      assert.ok(verde?.ok);
      const bulk = verde.profiles.find((p) => p.name === 'VERDE_BULK');
      assert.match(bulk?.needs[0]?.sentence ?? '', /^latency: the operator states no packet delay budget/);
    } finally {
      await closeRuntime(r);
    }
  });

  it('reads a catalogue for the device where the API takes one (a profile only some devices are offered)', async () => {
    const r = runtimeOf(sandboxAggregatorEnvironment(network.finderUrl, 'v1'));
    try {
      const verde = (await advisorTargets(r)).filter((t) => t.label.startsWith('Verde'));
      const upload = needs('up>=10Mbps');
      const [forAll] = await adviseAcross(upload, verde);
      const [forDevice] = await adviseAcross(upload, verde, { device: { kind: 'phoneNumber', value: '+44666666662' } });
      assert.ok(forAll?.ok && forDevice?.ok);
      assert.equal(forAll.advice.recommended, undefined, 'without the device, no profile guarantees 10 Mbps up');
      assert.equal(forDevice.deviceSent, true);
      assert.equal(forDevice.advice.recommended?.name, 'VERDE_UPLINK_PRO');
    } finally {
      await closeRuntime(r);
    }
  });

  it('sends the device only to the operator serving it; the others are advised on their whole catalogue, and say so', async () => {
    const r = runtimeOf(sandboxAggregatorEnvironment(network.finderUrl, 'v1'));
    try {
      const results = await adviseAcross(CALL, await advisorTargets(r), { device: { kind: 'phoneNumber', value: '+34666666661' } });
      const rows = results.map((x) => (x.ok ? [x.advice.recommended?.name, x.deviceSent, x.note ?? ''] : [x.error]));
      assert.deepEqual(rows, [
        ['QOS_E', true, ''],
        ['VERDE_REALTIME', false, 'the device is served by Azul Mobile, not by this operator: the advice is for its whole catalogue'],
      ]);
      // A device no operator serves: every row says so (the Telco Finder's answer), none throws.
      const nobody = await adviseAcross(CALL, await advisorTargets(r), { device: { kind: 'phoneNumber', value: '+19999999999' } });
      assert.deepEqual(
        nobody.map((x) => x.ok),
        [false, false],
      );
    } finally {
      await closeRuntime(r);
    }
  });
});

describe('Advisor across operators: one operator per QoD version', () => {
  const { sb } = withSandbox();

  const adviseOn = async (flavour: Flavour, device?: { kind: 'phoneNumber'; value: string }) => {
    const r = runtimeOf(sandboxEnvironment(sb.url, flavour));
    try {
      const targets = await advisorTargets(r);
      assert.equal(targets.length, 1);
      return (await adviseAcross(CALL, targets, { device }))[0]!;
    } finally {
      await closeRuntime(r);
    }
  };

  it('v1 and v1.2 read retrieve-qos-profiles with the device; v0.10 lists without one, and says so', async () => {
    for (const flavour of ['v1', 'v1.2'] as const) {
      const result = await adviseOn(flavour, { kind: 'phoneNumber', value: '+34666666661' });
      assert.ok(result.ok, flavour);
      assert.equal(result.advice.recommended?.name, 'QOS_E');
      assert.equal(result.deviceSent, true);
    }
    const v010 = await adviseOn('v0.10', { kind: 'phoneNumber', value: '+34666666661' });
    assert.ok(v010.ok);
    assert.equal(v010.advice.recommended?.name, 'QOS_E');
    assert.equal(v010.deviceSent, false);
    assert.match(v010.note ?? '', /lists profiles without a device/);
  });

  it('v0.8 has no profiles API: said for that operator, not thrown', async () => {
    const result = await adviseOn('v0.8');
    assert.deepEqual(result.ok ? undefined : [result.code, result.error], [
      'NO_PROFILES_API',
      'QoD v0.8 has no QoS profiles API: its four fixed profiles (QOS_E, QOS_S, QOS_M, QOS_L) publish no parameters',
    ]);
  });
});

describe('Advisor across operators: misbehaving operators', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/unauthorised'))
        return void res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 401, code: 'UNAUTHENTICATED', message: `bad token ${req.headers.authorization ?? ''}` }));
      if (path.startsWith('/malformed')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('[{"name":1}]');
      if (path.startsWith('/not-json')) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>');
      if (path.startsWith('/hang')) return; // never answers
      if (path.startsWith('/good'))
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify([{ name: 'FAST', status: 'ACTIVE', packetDelayBudget: { value: 20, unit: 'Milliseconds' } }]));
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function target(name: string, apiBase = `${base}/${name}`): AdvisorTarget {
    const environment: Environment = {
      id: name,
      label: name,
      preset: 'custom',
      apiBase,
      paths: { sessions: '', profiles: '/p' },
      flavour: 'v1',
      issuer: undefined,
      endpoints: { token: `${base}/token` },
      clientId: 'c',
      authMethod: 'client_secret_basic',
      scope: 'x',
    };
    const transport = new HttpTransport({ timeouts: { headersMs: 2000, bodyMs: 2000 } });
    transport.redactor.addSecret(TOKEN);
    return clientTarget(name, name, 'v1', new QodClient({ environment, transport, accessToken: async () => TOKEN, maxRetries: 0 }));
  }

  it('answers every operator: the good one advised, each bad one with its reason, in the targets order', async () => {
    const targets = [
      target('good'),
      target('unauthorised'),
      target('malformed'),
      target('not-json'),
      target('hang'),
      target('refused', 'http://127.0.0.1:9'),
      { id: 'thrower', label: 'thrower', readProfiles: () => Promise.reject(new Error('boom')) },
      { id: 'liar', label: 'liar', readProfiles: async () => ({ profiles: 'nope' as never, deviceSent: false }) },
    ];
    const results = await adviseAcross(needs('latency<=50ms'), targets, { timeoutMs: 1000 });
    const rows = results.map((r) => [r.id, r.ok ? r.advice.recommended?.name : r.code]);
    assert.deepEqual(rows, [
      ['good', 'FAST'],
      ['unauthorised', 'UNAUTHENTICATED'],
      ['malformed', 'UNEXPECTED_RESPONSE'],
      ['not-json', 'UNEXPECTED_RESPONSE'],
      ['hang', 'TIMEOUT'],
      ['refused', 'NETWORK_REFUSED'],
      ['thrower', 'UNEXPECTED'],
      ['liar', 'UNEXPECTED'],
    ]);
    const text = renderAdvice(needs('latency<=50ms'), results);
    const json = JSON.stringify(adviceJson(needs('latency<=50ms'), results));
    for (const shown of [text, json]) {
      assert.ok(!shown.includes('advisor-secret-token'), 'no token in any answer');
      assert.ok(!/\n\s+at /.test(shown), 'no stack trace');
    }
    assert.match(text, /^unauthorised\n {2}no advice: 401 UNAUTHENTICATED: /m);
    assert.match(text, /^hang\n {2}no advice: no answer within 1 s: the operator did not list its profiles in time$/m);
    assert.match(
      text,
      /^good\n {2}Use FAST\.\n {2}FAST meets every stated need\n {6}✓ latency: packet delay budget 20 ms, 50 ms needed \(margin 30 ms\)$/m,
    );
  });

  it('stops when the caller cancels, and says so', async () => {
    const abort = new AbortController();
    const pending = adviseAcross(needs('latency<=50ms'), [target('hang')], { signal: abort.signal, timeoutMs: 10_000 });
    setTimeout(() => abort.abort(), 50);
    const [result] = await pending;
    assert.deepEqual(result && !result.ok ? result.code : result, 'CANCELLED');
  });
});
