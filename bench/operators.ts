// `npm run bench:operators`: what several operators cost. Prints figures; asserts nothing.
//  1. Routing: 100 session reads through the aggregator's runtime (the router picks the operator by id) ÷ the same
//     100 reads on the operator's own runtime (goal ≤ 1.1): after warm-up, rounds back to back in alternating order,
//     the median of each round's ratio. The Telco Finder is asked once per device (cached), so this is the per-request
//     overhead of routing, not of the finder.
//  2. A first route: the Telco Finder's search round trip, median of 200.
//  3. The advisor's matching (adviseProfiles) over a 1,000-profile catalogue with every need stated, median of 50.
//  4. The advisor end to end over both operators (two catalogues read over HTTP in parallel, then matched), median of 50.
import { adviseAcross, advisorTargets } from '../src/core/advisor/advise';
import { adviseProfiles } from '../src/core/advisor/match';
import { parseNeedsText } from '../src/core/advisor/needs';
import { MemorySecretStore } from '../src/core/auth/secret-store';
import type { QosProfile } from '../src/core/camara/fields';
import { sandboxAggregatorEnvironment, sandboxEnvironment } from '../src/core/environments';
import { HttpTransport } from '../src/core/http/transport';
import { findOperator } from '../src/core/routing/telco-finder';
import { createRuntime } from '../src/core/runtime';
import { startOperatorNetwork } from '../src/sandbox/operators/network';

const CALLS = 100;
const ROUNDS = 31;
const WARMUP_ROUNDS = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const credentials = { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) };
const BODY = {
  device: { phoneNumber: '+34666666661' },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
};

async function main(): Promise<void> {
  const network = await startOperatorNetwork({ rateLimit: false, activationDelayMs: 0 });
  const azul = network.operators[0]!;
  const aggregator = createRuntime(sandboxAggregatorEnvironment(network.finderUrl), credentials);
  const direct = createRuntime(
    sandboxEnvironment(azul.sandbox.url),
    { ...credentials, secrets: new MemorySecretStore() },
    { signInOnFirstUse: true },
  );
  const transport = new HttpTransport();
  try {
    const viaAggregator = ((await aggregator.client.run('createSession', { body: BODY })).raw as { sessionId: string }).sessionId;
    const ownId = (
      (await direct.client.run('createSession', { body: { ...BODY, device: { phoneNumber: '+34666666662' } } })).raw as {
        sessionId: string;
      }
    ).sessionId;
    const reads = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < CALLS; i++) await run();
      return performance.now() - started;
    };
    const routed = () => reads(() => aggregator.client.run('getSession', { id: viaAggregator }));
    const own = () => reads(() => direct.client.run('getSession', { id: ownId }));
    for (let round = 0; round < WARMUP_ROUNDS; round++) {
      await routed();
      await own();
    }
    const ratios: number[] = [];
    const routedTimes: number[] = [];
    const ownTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating order: neither side always runs on the warmer (or busier) half of a round.
      let r: number;
      let o: number;
      if (round % 2) {
        r = await routed();
        o = await own();
      } else {
        o = await own();
        r = await routed();
      }
      routedTimes.push(r);
      ownTimes.push(o);
      ratios.push(r / o);
    }
    console.log(
      `routing: ${CALLS} reads through the aggregator ${median(routedTimes).toFixed(1)} ms, on the operator's own runtime ` +
        `${median(ownTimes).toFixed(1)} ms; ratio (median of ${ROUNDS} rounds) ${median(ratios).toFixed(3)} (goal ≤ 1.1)`,
    );

    const searches: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await findOperator(transport, network.finderUrl, { phoneNumber: i % 2 ? '+34666666661' : '+44666666661' });
      searches.push(performance.now() - started);
    }
    console.log(`routing: a Telco Finder search round trip ${median(searches).toFixed(2)} ms (median of 200)`);

    const parsed = parseNeedsText('latency<=50ms jitter<=10ms up>=2Mbps down>=4Mbps loss<=1e-3 duration=10m');
    if (!parsed.ok) throw new Error('the bench needs do not parse');
    const catalogue: QosProfile[] = Array.from({ length: 1000 }, (_, i) => ({
      name: `P_${i}`,
      status: 'ACTIVE',
      targetMinUpstreamRate: { value: 100 + (i % 50) * 100, unit: 'kbps' },
      targetMinDownstreamRate: { value: 1 + (i % 20), unit: 'Mbps' },
      packetDelayBudget: { value: 10 + (i % 30) * 5, unit: 'Milliseconds' },
      jitter: { value: 1 + (i % 15), unit: 'Milliseconds' },
      packetErrorLossRate: 2 + (i % 5),
      minDuration: { value: 1, unit: 'Seconds' },
      maxDuration: { value: 1 + (i % 24), unit: 'Hours' },
    }));
    const matches: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      adviseProfiles(parsed.needs, catalogue);
      matches.push(performance.now() - started);
    }
    console.log(`advisor: matching a 1,000-profile catalogue against 6 needs ${median(matches).toFixed(2)} ms (median of 50)`);

    const targets = await advisorTargets(aggregator);
    const across: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await adviseAcross(parsed.needs, targets);
      across.push(performance.now() - started);
    }
    console.log(`advisor: both operators end to end (two catalogues over HTTP, matched) ${median(across).toFixed(2)} ms (median of 50)`);
  } finally {
    await transport.close();
    await aggregator.router?.close();
    await aggregator.transport.close();
    await direct.transport.close();
    await network.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
