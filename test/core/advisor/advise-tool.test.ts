// The advisor as an agent tool (qod_advise_profile): read-only (no consent asked), the same advice as every face,
// field messages for bad needs, and never a credential in what the model is given.
import assert from 'node:assert/strict';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { AuthError } from '../../../src/core/auth/auth-error';
import { sandboxAggregatorEnvironment, sandboxEnvironment } from '../../../src/core/environments';
import { createRuntime, toolContext, type Runtime } from '../../../src/core/runtime';
import { runTool } from '../../../src/core/tools/run-tool';
import type { ToolContext } from '../../../src/core/tools/tool-context';
import { findTool } from '../../../src/core/tools/tool-table';
import { startOperatorNetwork } from '../../../src/sandbox/operators/network';
import { withSandbox } from '../../support/sandbox';

const tool = () => {
  const found = findTool('qod_advise_profile');
  assert.ok(found, 'the tool exists');
  return found;
};

describe('qod_advise_profile (agent tool)', () => {
  const { sb } = withSandbox();
  let runtime: Runtime;
  let ctx: ToolContext;
  before(() => {
    runtime = createRuntime(
      sandboxEnvironment(sb.url, 'v1'),
      { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) },
      { signInOnFirstUse: true },
    );
    ctx = toolContext(runtime, { signInHint: 'run QoD: Sign In' });
  });
  after(async () => runtime.transport.close());

  it('is read-only: it asks no consent', () => {
    assert.equal(tool().readOnly, true);
    assert.equal(tool().destructive, false);
    assert.equal(tool().confirmation, undefined);
  });

  it("recommends the provider's profile for the needs, for the device, with the reasons in words and as data", async () => {
    const answer = await runTool(tool(), ctx, { latency: '50ms', jitter: '10ms', up: '500kbps', phoneNumber: '+34666666661' });
    assert.equal(answer.isError, false, answer.text);
    assert.match(
      answer.text,
      /^Needs: latency ≤ 50 ms, jitter ≤ 10 ms, up ≥ 500 kbps\. Local sandbox: Use QOS_E\. latency: packet delay budget 50 ms/,
    );
    const operators = (answer.structured as { operators: Array<{ recommended: string; deviceSent: boolean }> }).operators;
    assert.equal(operators[0]?.recommended, 'QOS_E');
    assert.equal(operators[0]?.deviceSent, true);
    // Never a credential: not the access token the runtime signed in with.
    const token = await runtime.accessToken();
    assert.ok(!JSON.stringify(answer).includes(token));
  });

  it('takes a CAMARA Application Profile instead of the needs, with a duration beside it', async () => {
    const answer = await runTool(tool(), ctx, {
      applicationProfile: {
        networkQualityThresholds: {
          packetDelayBudget: { value: 150, unit: 'Milliseconds' },
          targetMinDownstreamRate: { value: 4, unit: 'Mbps' },
        },
      },
      duration: '2h',
    });
    assert.equal(answer.isError, false, answer.text);
    // QOS_S guarantees only 2 Mbps down, QOS_L's delay budget is 300 ms: QOS_M (4 Mbps, 150 ms, up to 12 h) fits.
    assert.equal((answer.structured as { operators: Array<{ recommended: string }> }).operators[0]?.recommended, 'QOS_M');
  });

  it('answers bad needs with field messages, nothing sent', async () => {
    const never: ToolContext = { ...ctx, run: async () => assert.fail('nothing may be sent') };
    const bad = await runTool(tool(), never, { latency: 'fast', up: '2' });
    assert.equal(bad.isError, true);
    assert.deepEqual(
      (bad.structured as { problems: Array<{ path: string }> }).problems.map((p) => p.path),
      ['latency', 'up'],
    );
    const both = await runTool(tool(), never, { latency: '5ms', applicationProfile: { jitter: { value: 1, unit: 'Milliseconds' } } });
    assert.equal(both.text, 'latency: give the needs or applicationProfile, not both');
    const none = await runTool(tool(), never, {});
    assert.match(none.text, /^needs: must state at least one of latency/);
    for (const hostile of [null, 'latency<=5ms', { latency: { $gt: '' } }, { latency: 'x'.repeat(1000) }, { speed: '1Mbps' }]) {
      assert.equal((await runTool(tool(), never, hostile)).isError, true, JSON.stringify(hostile).slice(0, 40));
    }
  });

  it("says when the provider cannot be read, in words, as the tool's answer (not a throw)", async () => {
    const failing: ToolContext = {
      ...ctx,
      advisorTargets: undefined,
      run: async () => {
        throw new AuthError('not_signed_in', 'sign in first');
      },
    };
    const answer = await runTool(tool(), failing, { latency: '50ms' });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /^Needs: latency ≤ 50 ms\. Local sandbox: no advice: not_signed_in: sign in first$/);
  });

  it('through an aggregator, advises at every operator it reaches (no device needed)', async () => {
    const network = await startOperatorNetwork({ rateLimit: false });
    const aggregator = createRuntime(sandboxAggregatorEnvironment(network.finderUrl), {
      secrets: new MemorySecretStore(),
      credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
    });
    try {
      const answer = await runTool(tool(), toolContext(aggregator, { signInHint: 'run QoD: Sign In' }), {
        latency: '50ms',
        jitter: '10ms',
      });
      assert.equal(answer.isError, false, answer.text);
      const operators = (answer.structured as { operators: Array<{ label: string; recommended: string }> }).operators;
      assert.deepEqual(
        operators.map((o) => [o.label.split(' (')[0], o.recommended]),
        [
          ['Azul Mobile', 'QOS_E'],
          ['Verde Telecom', 'VERDE_REALTIME'],
        ],
      );
    } finally {
      await aggregator.router?.close();
      await aggregator.transport.close();
      await network.close();
    }
  });
});
