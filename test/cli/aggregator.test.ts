// `qod … --env aggregator` against `qod sandbox --operators`' network: the banner's own example works (a session
// created at the operator serving the device, with that operator's profile), a device nobody serves is refused with
// words, and the sign-ins that need one operator are refused before anything is sent.
import assert from 'node:assert/strict';
import { main } from '../../src/cli/qod';
import { startOperatorNetwork, type OperatorNetwork } from '../../src/sandbox/operators/network';

describe('qod --env aggregator', () => {
  let network: OperatorNetwork;
  before(async () => {
    network = await startOperatorNetwork({ rateLimit: false });
  });
  after(() => network.close());

  async function qod(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      [...args, '--env', 'aggregator'],
      { QOD_TELCO_FINDER: network.finderUrl },
      {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it("creates a session at the operator serving the device, with that operator's own profile", async () => {
    const args = ['--phone', '+44666666661', '--as', '198.51.100.10', '--profile', 'VERDE_REALTIME', '--duration', '600', '--json'];
    const made = await qod(['session', 'create', ...args]);
    assert.equal(made.code, 0, made.err);
    const session = JSON.parse(made.out) as { id: string; qosProfile: string };
    assert.equal(session.qosProfile, 'VERDE_REALTIME');
    // Only Verde has VERDE_REALTIME: the same create for an Azul device is refused there.
    const atAzul = await qod(['session', 'create', ...args.map((a) => (a === '+44666666661' ? '+34666666661' : a))]);
    assert.equal(atAzul.code, 1, 'Azul has no VERDE_REALTIME');
    assert.match(atAzul.err, /VERDE_REALTIME/);
  });

  it('says which device no operator serves (exit 1), and refuses login, --ciba and --code (exit 2)', async () => {
    const nobody = await qod([
      'session',
      'create',
      '--phone',
      '+15555550101',
      '--as',
      '198.51.100.10',
      '--profile',
      'QOS_E',
      '--duration',
      '600',
    ]);
    assert.equal(nobody.code, 1);
    assert.match(nobody.err, /routing: no operator serves \+15555550101/);
    for (const args of [['login'], ['session', 'list', '--ciba', '--hint', 'tel:+34666666661']]) {
      const refused = await qod(args);
      assert.equal(refused.code, 2, refused.err);
      assert.match(refused.err, /--env aggregator: each operator signs in by itself/);
    }
  });

  it('needs the Telco Finder (exit 2, nothing sent)', async () => {
    const out: string[] = [];
    const code = await main(['profiles', '--env', 'aggregator'], {}, { out: (l) => out.push(l), err: (l) => out.push(l) });
    assert.equal(code, 2);
    assert.match(out.join('\n'), /needs --telco-finder or QOD_TELCO_FINDER/);
  });
});
