// `npm run bench:sandbox`: authenticated create / get / delete throughput and latency against the sandbox
// running in its own process, at 1 and 50 concurrent clients; then creates refused at the live-session cap
// (429 with Retry-After), at the default cap and three times it. Prints figures; asserts nothing.
import { cpus } from 'node:os';
import { Agent, request } from 'undici';
import { startSandboxProcess } from './server-process';

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5000);
const CONCURRENCY = [1, 50];
/** Live-session caps to measure refusals at: the sandbox's default, and three times it. */
const CAPS = [10_000, 30_000];
const CAP_CLIENTS = 50;

type Op = 'create' | 'get' | 'delete';

async function main(): Promise<void> {
  const server = await startSandboxProcess();
  const { url } = server;
  try {
    const token = await clientCredentials(url);
    console.log(`sandbox ${url} in its own process; ${cpus().length} cores; Node ${process.version}; ${PHASE_MS / 1000} s per run\n`);
    console.log('clients  op      ops/s     p50 ms   p99 ms');
    let device = 0;
    for (const concurrency of CONCURRENCY) {
      const agent = new Agent({ connections: concurrency, pipelining: 1 });
      const latencies: Record<Op, number[]> = { create: [], get: [], delete: [] };
      const until = performance.now() + PHASE_MS;
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          // Ends in 1: a subscriber the sandbox serves normally (8 and 9 are its error cases).
          const phone = `+3460${String(device++).padStart(8, '0')}1`;
          const created = await timed(latencies.create, () => call(agent, url, token, 'POST', '/quality-on-demand/v1/sessions', {
            device: { phoneNumber: phone }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 60,
          }, 201));
          const id = (created as { sessionId: string }).sessionId;
          await timed(latencies.get, () => call(agent, url, token, 'GET', `/quality-on-demand/v1/sessions/${id}`, undefined, 200));
          await timed(latencies.delete, () => call(agent, url, token, 'DELETE', `/quality-on-demand/v1/sessions/${id}`, undefined, 204));
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      for (const op of ['create', 'get', 'delete'] as Op[]) {
        const l = latencies[op].sort((a, b) => a - b);
        console.log(`${String(concurrency).padStart(7)}  ${op.padEnd(6)} ${(l.length / seconds).toFixed(0).padStart(7)}  ${pct(l, 50).padStart(8)} ${pct(l, 99).padStart(8)}`);
      }
      const cycles = latencies.delete.length / seconds;
      console.log(`${String(concurrency).padStart(7)}  cycle  ${cycles.toFixed(0).padStart(7)}  (create + get + delete per second)\n`);
      await agent.close();
    }
  } finally {
    server.stop();
  }
  console.log('at the cap   clients  refused/s  p50 ms   p99 ms   (every create answered 429 with Retry-After)');
  for (const cap of CAPS) await refusalsAtCap(cap);
}

/** Fills a sandbox to its live-session cap with hour-long sessions, then measures creates it refuses. */
async function refusalsAtCap(cap: number): Promise<void> {
  const server = await startSandboxProcess(['--max-sessions', String(cap)]);
  const agent = new Agent({ connections: CAP_CLIENTS, pipelining: 1 });
  try {
    const token = await clientCredentials(server.url);
    let device = 0;
    const create = (): Promise<Awaited<ReturnType<typeof request>>> => request(`${server.url}/quality-on-demand/v1/sessions`, {
      dispatcher: agent,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ device: { phoneNumber: `+3461${String(device++).padStart(8, '0')}1` }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 3600 }),
    });
    let filled = 0;
    await Promise.all(Array.from({ length: CAP_CLIENTS }, async () => {
      while (filled < cap) {
        filled++;
        const res = await create();
        const text = await res.body.text();
        if (res.statusCode !== 201) throw new Error(`filling to the cap: ${res.statusCode} ${text}`);
      }
    }));
    const latencies: number[] = [];
    const until = performance.now() + PHASE_MS;
    const started = performance.now();
    await Promise.all(Array.from({ length: CAP_CLIENTS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await create();
        const text = await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 429 || !(Number(res.headers['retry-after']) >= 1)) throw new Error(`at the cap: ${res.statusCode} retry-after ${String(res.headers['retry-after'])} ${text}`);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    const l = latencies.sort((a, b) => a - b);
    console.log(`${String(cap).padStart(10)}  ${String(CAP_CLIENTS).padStart(7)}  ${(l.length / seconds).toFixed(0).padStart(9)}  ${pct(l, 50).padStart(7)} ${pct(l, 99).padStart(8)}`);
  } finally {
    await agent.close();
    server.stop();
  }
}

async function clientCredentials(url: string): Promise<string> {
  const res = await request(`${url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('qod-demo:qod-demo-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete' }).toString(),
  });
  return ((await res.body.json()) as { access_token: string }).access_token;
}

async function call(agent: Agent, url: string, token: string, method: string, path: string, body: unknown, expect: number): Promise<unknown> {
  const res = await request(`${url}${path}`, {
    dispatcher: agent,
    method: method as 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.body.text();
  if (res.statusCode !== expect) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function timed<T>(into: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  into.push(performance.now() - t0);
  return result;
}

function pct(sorted: number[], p: number): string {
  if (sorted.length === 0) return '-';
  return (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number).toFixed(2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
