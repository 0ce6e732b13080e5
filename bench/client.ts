// `npm run bench:client`: what the core client costs on top of the wire, against the sandbox on loopback.
// Prints figures; asserts nothing.
//  1. median create-session time through QodClient vs a bare undici POST of the same body (target ≤ 1.10)
//  2. auth round trips during 100 session operations after one sign-in (target: 0)
// Each path is measured in a fresh process (same warm-up for all), in rotating order, because timing the
// paths in one process lets each disturb the others' JIT state and caches.
import { execFileSync } from 'node:child_process';
import { Agent, request } from 'undici';
import { createRuntime } from '../src/core/runtime';
import { MemorySecretStore } from '../src/core/auth/secret-store';
import type { QodClient } from '../src/core/camara/qod-client';
import { sandboxEnvironment } from '../src/core/environments';
import type { HttpTransport } from '../src/core/http/transport';
import { startSandbox } from '../src/sandbox/server';
import { startSandboxProcess } from './server-process';

const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const WARMUP = 1000;
const ROUNDS = 3;
const SCOPE = 'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const µs = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

type Path = 'client' | 'bare' | 'bare-single-connection';

interface Rig {
  client: QodClient;
  transport: HttpTransport;
  bareCreate(dispatcher?: Agent): Promise<void>;
  single: Agent;
  body(): Record<string, unknown>;
  close(): Promise<void>;
}

async function rig(url: string): Promise<Rig> {
  const environment = sandboxEnvironment(url, 'v1');
  const { transport, auth, client } = createRuntime(environment, { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) });
  const tokens = await auth.signIn({ flow: 'client_credentials', scope: SCOPE });
  const sessionsUrl = `${url}/quality-on-demand/v1/sessions`;
  const headers = { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json', accept: 'application/json' };
  // Unique devices (a device has one active session); ending in 1, a subscriber the sandbox serves normally.
  let n = Math.floor(Math.random() * 1e6) * 1000;
  const body = () => ({ device: { phoneNumber: `+346${String(n++).padStart(10, '0')}1` }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 60 });
  const single = new Agent({ connections: 1 });
  return {
    client,
    transport,
    body,
    single,
    async bareCreate(dispatcher) {
      // undici's plain request(): on its default global dispatcher, or on a tuned one-connection agent.
      const res = await request(sessionsUrl, { dispatcher, method: 'POST', headers: { ...headers, 'x-correlator': crypto.randomUUID() }, body: JSON.stringify(body()) });
      const created = (await res.body.json()) as { sessionId: string };
      if (res.statusCode !== 201) throw new Error(`bare create: ${res.statusCode} ${JSON.stringify(created)}`);
    },
    async close() {
      await single.close();
      await transport.close();
    },
  };
}

/** Child process: warm both paths up the same way, then time one of them. */
async function phase(path: Path, url: string | undefined): Promise<void> {
  const embedded = url ? undefined : await startSandbox({ rateLimit: false, maxSessions: 1_000_000 });
  const r = await rig(url ?? (embedded as { url: string }).url);
  for (let i = 0; i < WARMUP; i++) {
    await r.client.createSession(r.body());
    await r.bareCreate();
    await r.bareCreate(r.single);
  }
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    if (path === 'client') await r.client.createSession(r.body());
    else await r.bareCreate(path === 'bare' ? undefined : r.single);
    times.push(performance.now() - t0);
  }
  await r.close();
  await embedded?.close();
  process.stdout.write(JSON.stringify({ median: median(times) }));
}

function runPhase(path: Path, url?: string): number {
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, '--phase', path, ...(url ? ['--url', url] : [])], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000,
  });
  return (JSON.parse(out) as { median: number }).median;
}

function compare(label: string, url?: string): void {
  const paths: Path[] = ['bare', 'bare-single-connection', 'client'];
  const results = Object.fromEntries(paths.map((p) => [p, [] as number[]])) as Record<Path, number[]>;
  // Three rounds, the order rotated, so each path runs once first, once second and once last: a sandbox that
  // fills up with sessions over the rounds then weighs on every path alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < paths.length; i++) {
      const path = paths[(i + round) % paths.length] as Path;
      results[path].push(runPhase(path, url));
    }
  }
  const best = (p: Path) => Math.min(...results[p]);
  const line = (name: string, p: Path) => console.log(`  ${name.padEnd(62)} median ${µs(best(p)).padStart(7)}  (runs: ${results[p].map(µs).join(', ')})`);
  console.log(`${label}: ${CALLS} creates per run after ${WARMUP} warm-up rounds; best of ${ROUNDS} runs each, in rotating order`);
  line('QodClient (validation, x-correlator, recording, redaction)', 'client');
  line('bare undici request(), default dispatcher', 'bare');
  line('bare undici request(), one-connection Agent', 'bare-single-connection');
  console.log(`  ratio vs default dispatcher ${(best('client') / best('bare')).toFixed(3)}, vs one-connection Agent ${(best('client') / best('bare-single-connection')).toFixed(3)} (target ≤ 1.10)\n`);
}

async function authRoundTrips(url: string): Promise<void> {
  const r = await rig(url);
  const counts = { api: 0, auth: 0 };
  const stop = r.transport.recorder.onExchange((e) => { counts[e.kind === 'api' ? 'api' : 'auth'] += 1; });
  for (let i = 0; i < 34; i++) {
    const created = await r.client.createSession(r.body());
    await r.client.getSession(created.value.id);
    if (i < 32) await r.client.deleteSession(created.value.id);
  }
  stop();
  console.log(`${counts.api} session operations after one sign-in: ${counts.auth} auth round trip(s) (target 0)`);
  await r.close();
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--phase');
  if (at >= 0) {
    const urlAt = process.argv.indexOf('--url');
    return phase(process.argv[at + 1] as Path, urlAt >= 0 ? process.argv[urlAt + 1] : undefined);
  }
  const separate = await startSandboxProcess();
  try {
    compare('sandbox in its own process', separate.url);
    await authRoundTrips(separate.url);
  } finally {
    separate.stop();
  }
  console.log('');
  compare('sandbox in the same process (as the extension embeds it)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
