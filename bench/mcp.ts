// `npm run bench:mcp`: what an agent host pays for QoD's tools. Prints figures; asserts nothing.
//  1. cold start of `qod mcp` to an answered tools/list, median of 15 starts (goal < 300 ms)
//  2. a create-session tool call ÷ the same create through QodClient in one process (goal ≤ 1.2)
//  3. start-up of other `qod` commands (help) ÷ a bare `node -e 0` (goal: under 100 ms)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createRuntime } from '../src/core/runtime';
import { MemorySecretStore } from '../src/core/auth/secret-store';
import { sandboxEnvironment } from '../src/core/environments';
import { startSandboxProcess } from './server-process';

const QOD = join(__dirname, '..', 'dist', 'qod.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const CREATE = { applicationServer: '198.51.100.10', qosProfile: 'QOS_E', durationSeconds: 600 };

async function mcpClient(url: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [QOD, 'mcp'], env: { PATH: process.env.PATH ?? '', QOD_SANDBOX_URL: url }, stderr: 'ignore' }));
  return client;
}

async function main(): Promise<void> {
  // The sandbox in a process of its own, like an operator: neither path shares its event loop.
  const sb = await startSandboxProcess();
  try {
    // 1. Cold start.
    const starts: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const client = await mcpClient(sb.url);
      await client.listTools();
      starts.push(performance.now() - t0);
      await client.close();
    }
    console.log(`qod mcp cold start to tools/list: median ${median(starts).toFixed(0)} ms over 15 starts (goal < 300 ms)`);

    // 2. Per-call cost, each create followed by an unmeasured delete (one session per device at a time).
    const ROUNDS = 200;
    const client = await mcpClient(sb.url);
    const viaMcp: number[] = [];
    for (let i = 0; i < ROUNDS + 50; i++) {
      const t0 = performance.now();
      const created = await client.callTool({ name: 'qod_create_session', arguments: { ...CREATE, phoneNumber: '+34666666661' } }) as { structuredContent?: { session?: { id: string } } };
      if (i >= 50) viaMcp.push(performance.now() - t0);
      await client.callTool({ name: 'qod_delete_session', arguments: { sessionId: created.structuredContent?.session?.id ?? '' } });
    }
    await client.close();
    const environment = sandboxEnvironment(sb.url, 'v1');
    const { transport, auth, client: core } = createRuntime(environment, { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) });
    await auth.signIn({ flow: 'client_credentials' });
    const direct: number[] = [];
    for (let i = 0; i < ROUNDS + 50; i++) {
      const t0 = performance.now();
      const { value } = await core.createSession({ device: { phoneNumber: '+34666666662' }, applicationServer: { ipv4Address: CREATE.applicationServer }, qosProfile: CREATE.qosProfile, duration: CREATE.durationSeconds });
      if (i >= 50) direct.push(performance.now() - t0);
      await core.deleteSession(value.id);
    }
    await transport.close();
    console.log(`create-session: MCP tool call median ${median(viaMcp).toFixed(2)} ms, QodClient median ${median(direct).toFixed(2)} ms: ×${(median(viaMcp) / median(direct)).toFixed(2)} (goal ≤ 1.2; the tool call crosses a process boundary twice)`);
  } finally {
    sb.stop();
  }

  // 3. Start-up of the command line.
  const time = (args: string[]) => {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      execFileSync(process.execPath, args, { stdio: 'ignore' });
      runs.push(performance.now() - t0);
    }
    return median(runs);
  };
  const bare = time(['-e', '0']);
  const help = time([QOD, '--help']);
  const sessionHelp = time([QOD, 'session', '--help']);
  console.log(`qod --help ${help.toFixed(0)} ms, qod session --help ${sessionHelp.toFixed(0)} ms, bare node -e 0 ${bare.toFixed(0)} ms: ×${(help / bare).toFixed(2)} (goal < 100 ms)`);
}

void main();
