// `npm run bench:run`: what the request-file runner costs on top of the core client, and what parsing costs.
// Prints figures; asserts nothing.
//  1. 100 requests from a file through runRequestFile ÷ the same 100 calls through QodClient (goal ≤ 1.1), against
//     the sandbox in its own process (as an operator is: its work does not share this event loop), bundled like the
//     shipped code: rounds of both, back to back in alternating order after warm-up rounds; the ratio
//     is the median of each round's own ratio (a pair shares the machine's load of its moment, which drifts on a busy
//     machine), and the medians of each side are printed too.
//  2. parse time of a generated 1,000-request file (goal < 50 ms), median of 20 parses.
import { MemorySecretStore } from '../src/core/auth/secret-store';
import { sandboxEnvironment } from '../src/core/environments';
import { OPERATION_TABLE } from '../src/core/operations';
import { parseRequestFile } from '../src/core/request-files/parse';
import { runRequestFile } from '../src/core/request-files/run';
import { starterFile } from '../src/core/request-files/starter';
import { createRuntime } from '../src/core/runtime';
import { startSandboxProcess } from './server-process';

const CALLS = 100;
const ROUNDS = 61;
const WARMUP_ROUNDS = 30;
const SCOPE = 'quality-on-demand:sessions:create quality-on-demand:sessions:read';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const sb = await startSandboxProcess(['--activation-delay-ms', '0']);
  const runtime = createRuntime(sandboxEnvironment(sb.url, 'v1'), {
    secrets: new MemorySecretStore(),
    credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
  });
  try {
    await runtime.auth.signIn({ flow: 'client_credentials', scope: SCOPE });
    const created = await runtime.client.run('createSession', {
      body: {
        device: { phoneNumber: '+34666666661' },
        applicationServer: { ipv4Address: '198.51.100.10' },
        qosProfile: 'QOS_E',
        duration: 600,
      },
    });
    const sessionId = (created.raw as { sessionId: string }).sessionId;

    // 100 reads of one session, the id from a variable, each with two assertions: what a lifecycle file does most.
    const block = `###\nGET {{$qod.sessions}}/sessions/{{id}}\nAuthorization: Bearer {{$qod.accessToken}}\n\n?? status == 200\n?? body qosStatus == AVAILABLE\n`;
    const file = parseRequestFile(`@id = ${sessionId}\n\n${block.repeat(CALLS)}`);
    if (file.problems.length || file.requests.length !== CALLS) throw new Error('the bench file does not parse');
    const viaRunner = async () => {
      const started = performance.now();
      const result = await runRequestFile(file, 'bench.http', { runtime, signIn: async () => {} });
      if (!result.ok) throw new Error(`the runner failed: ${JSON.stringify(result.requests[0]?.assertions.map((a) => a.message))}`);
      return performance.now() - started;
    };
    const viaClient = async () => {
      const started = performance.now();
      for (let i = 0; i < CALLS; i++) await runtime.client.run('getSession', { id: sessionId });
      return performance.now() - started;
    };
    for (let round = 0; round < WARMUP_ROUNDS; round++) {
      await viaRunner();
      await viaClient();
    }
    const runner: number[] = [];
    const client: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so neither always runs on a warmer process.
      if (round % 2) {
        client.push(await viaClient());
        runner.push(await viaRunner());
      } else {
        runner.push(await viaRunner());
        client.push(await viaClient());
      }
    }
    const r = median(runner);
    const c = median(client);
    const paired = median(runner.map((x, i) => x / (client[i] as number)));
    console.log(`runner: ${CALLS} requests from a file   median ${r.toFixed(1)} ms (${((r / CALLS) * 1000).toFixed(0)} µs each)`);
    console.log(`client: the same ${CALLS} calls          median ${c.toFixed(1)} ms (${((c / CALLS) * 1000).toFixed(0)} µs each)`);
    console.log(
      `runner ÷ client: ${paired.toFixed(3)} (goal ≤ 1.1; median of ${ROUNDS} paired rounds; of the medians ${(r / c).toFixed(3)})`,
    );
  } finally {
    await runtime.transport.close();
    sb.stop();
  }

  // A 1,000-request file: the starter file's requests (bodies, assertions, eventually lines), repeated.
  const starter = starterFile(OPERATION_TABLE, 'v1');
  const perStarter = parseRequestFile(starter).requests.length;
  const big = Array.from({ length: Math.ceil(1000 / perStarter) }, () => starter.replace(/# @name create\n/, '')).join('\n');
  const requests = parseRequestFile(big).requests.length;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    parseRequestFile(big);
    times.push(performance.now() - started);
  }
  console.log(`parse: ${requests} requests, ${(big.length / 1024).toFixed(0)} KiB   median ${median(times).toFixed(2)} ms (goal < 50 ms)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
