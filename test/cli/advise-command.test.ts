// `qod profiles advise`: the advisor on the command line against the real sandbox (one operator) and the real
// multi-operator sandbox through its aggregator, with needs from flags or a CAMARA Application Profile file; bad
// input is refused per flag before anything is sent.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/qod';
import { startOperatorNetwork, type OperatorNetwork } from '../../src/sandbox/operators/network';
import { withSandbox } from '../support/sandbox';

async function qod(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('qod profiles advise', () => {
  const { sb } = withSandbox();
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'qod-advise-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("recommends the sandbox's profile for the needs, with its reasons and the others ranked", async () => {
    const r = await qod(['profiles', 'advise', '--latency', '50ms', '--jitter', '10ms', '--up', '500kbps', '--device', '+34666666661'], {
      QOD_SANDBOX_URL: sb.url,
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Needs: latency ≤ 50 ms, jitter ≤ 10 ms, up ≥ 500 kbps$/m);
    assert.match(
      r.out,
      /^Local sandbox\n {2}Use QOS_E\.\n {2}QOS_E meets every stated need\n {6}✓ latency: packet delay budget 50 ms, exactly/m,
    );
    assert.match(r.out, /^ {4}QOS_M misses 1 need: would fit if latency ≤ 150 ms$/m);
    assert.match(r.out, /QOS_XL_TRIAL is INACTIVE/);
  });

  it('--json gives the same advice as data; --profile-file reads a CAMARA Application Profile', async () => {
    const file = join(dir, 'app-profile.json');
    writeFileSync(
      file,
      JSON.stringify({
        networkQualityThresholds: {
          packetDelayBudget: { value: 150, unit: 'Milliseconds' },
          targetMinDownstreamRate: { value: 4, unit: 'Mbps' },
          packetLossErrorRate: 6,
        },
      }),
    );
    const r = await qod(['profiles', 'advise', '--profile-file', file, '--duration', '10m', '--json'], { QOD_SANDBOX_URL: sb.url });
    assert.equal(r.code, 0, r.err);
    const answer = JSON.parse(r.out);
    assert.equal(answer.needs.words, 'latency ≤ 150 ms, down ≥ 4 Mbps, loss ≤ 1e-6, duration 10 min');
    assert.equal(answer.operators[0].recommended, 'QOS_M');
    assert.equal(answer.operators[0].profiles[0].needs.length, 4);
  });

  it('refuses bad input per flag before anything is sent (exit 2)', async () => {
    const env = { QOD_SANDBOX_URL: 'http://127.0.0.1:9' }; // nothing listens: nothing may be sent
    const bad = await qod(['profiles', 'advise', '--latency', 'fast', '--up', '2', '--loss=-1'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--latency: must be a time like 50ms/);
    assert.match(bad.err, /--up: must be a rate like 2Mbps/);
    assert.match(bad.err, /--loss: must not be negative/);
    const none = await qod(['profiles', 'advise'], env);
    assert.equal(none.code, 2);
    assert.match(none.err, /state what the app needs: --latency/);
    const both = await qod(['profiles', 'advise', '--profile-file', 'x.json', '--latency', '5ms'], env);
    assert.match(both.err, /--profile-file states the network needs: give only --duration beside it \(not --latency\)/);
    const device = await qod(['profiles', 'advise', '--latency', '5ms', '--device', 'my-phone'], env);
    assert.match(device.err, /--device must be a phone number like \+34666666661 or an IP address/);
    const help = await qod(['profiles', 'advise', '--help'], env);
    assert.match(help.out, /qod profiles advise --latency 50ms/);
  });

  it('says when the operator cannot be read (exit 1), without a stack trace', async () => {
    const r = await qod(['profiles', 'advise', '--latency', '50ms', '--timeout', '2'], { QOD_SANDBOX_URL: 'http://127.0.0.1:9' });
    assert.equal(r.code, 1);
    assert.match(r.out, /^Local sandbox\n {2}no advice: /m);
    assert.ok(!/\n\s+at /.test(r.out + r.err));
  });
});

describe('qod profiles advise --env aggregator', () => {
  let network: OperatorNetwork;
  before(async () => {
    network = await startOperatorNetwork({ rateLimit: false });
  });
  after(async () => network.close());

  it('advises per operator of the aggregator, each from its own catalogue', async () => {
    const r = await qod(
      ['profiles', 'advise', '--env', 'aggregator', '--latency', '50ms', '--jitter', '10ms', '--up', '500kbps', '--json'],
      {
        QOD_TELCO_FINDER: network.finderUrl,
      },
    );
    assert.equal(r.code, 0, r.err);
    const answer = JSON.parse(r.out);
    assert.deepEqual(
      answer.operators.map((o: { label: string; recommended: string }) => [o.label.split(' (')[0], o.recommended]),
      [
        ['Azul Mobile', 'QOS_E'],
        ['Verde Telecom', 'VERDE_REALTIME'],
      ],
    );
  });
});
