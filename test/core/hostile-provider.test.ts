// A hostile provider against every face: the CLI (plain, --json, --verbose) and `qod mcp` as child processes, the
// agent tools (the core of both the MCP server and VS Code's language-model tools) and what the playground host
// forwards (the error and the recorded exchanges). Each behaviour of the catalogue echoes the token or the client
// secret in another shape, is huge or slow, or writes terminal escapes. All output is scanned for both secrets in
// every encoding, for raw escape sequences, for stack traces and `undefined`; every run is bounded.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { Authenticator } from '../../src/core/auth/authenticator';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import { TokenCache } from '../../src/core/auth/token-cache';
import { QodClient } from '../../src/core/camara/qod-client';
import type { Environment } from '../../src/core/environments';
import { HttpTransport } from '../../src/core/http/transport';
import { runTool } from '../../src/core/tools/run-tool';
import { findTool } from '../../src/core/tools/tool-table';
import type { ToolContext } from '../../src/core/tools/tool-context';
import {
  API_BEHAVIOURS,
  BEHAVIOURS,
  HOSTILE_CLIENT_ID,
  HOSTILE_SECRET,
  HOSTILE_SESSION_ID,
  HOSTILE_TOKEN,
  startHostileProvider,
  type HostileProvider,
} from '../support/hostile-provider';
import { leakedSecrets } from '../support/leak-scan';

const ROOT = join(__dirname, '..', '..');
const QOD = join(ROOT, 'dist', 'qod.js');
const SECRETS = [HOSTILE_TOKEN, HOSTILE_SECRET];
/** Short limits, so the slow and the huge behaviours end quickly. */
const LIMITS = { QOD_HTTP_TIMEOUT_SECONDS: '3', QOD_HTTP_MAX_RESPONSE_BYTES: String(1 << 20) };
/** Longer than any bounded run can take: past it, the run counts as a hang. */
const HANG_MS = 20_000;
/** Escape sequences a terminal would act on: ESC, and the C1 CSI and OSC introducers. */
// eslint-disable-next-line no-control-regex -- matching escape characters is the point
const RAW_ESCAPE = /[\u001b\u009b\u009d]/;

interface Output {
  face: string;
  behaviour: string;
  text: string;
  hung: boolean;
}

/** What is wrong with one face's output: leaks, escapes a terminal would run, stack traces, `undefined`, floods. */
function problems(output: Output, { terminal }: { terminal: boolean }): string[] {
  const found: string[] = [];
  const where = `${output.face} × ${output.behaviour}`;
  if (output.hung) found.push(`${where}: hung`);
  for (const secret of leakedSecrets(output.text, SECRETS))
    found.push(`${where}: leaks the ${secret === HOSTILE_TOKEN ? 'access token' : 'client secret'}`);
  if (terminal && RAW_ESCAPE.test(output.text)) found.push(`${where}: a raw escape sequence reaches the terminal`);
  if (/\n\s+at .+:\d+:\d+/.test(output.text)) found.push(`${where}: a stack trace`);
  if (/\bundefined\b/.test(output.text)) found.push(`${where}: "undefined" on screen`);
  // A field is at most CAMARA's 512 characters; a --verbose log shows at most 4 KiB of a body.
  const longest = output.face.includes('verbose') ? 4200 : 600;
  if (new RegExp(`A{${longest}}|d{${longest}}`).test(output.text)) found.push(`${where}: an unbounded provider field`);
  return found;
}

/** The promise's outcome, or `hung` once HANG_MS has passed (then the run counts as a hang, and the test goes on). */
async function bounded<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; hung: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<{ hung: true }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), HANG_MS);
  });
  const done = work.then(
    (value) => ({ value, hung: false }),
    (error: unknown) => ({ error, hung: false }),
  );
  try {
    return await Promise.race([done, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The command that reaches each behaviour: profiles for the profile catalogue, reading a session otherwise. */
const commandFor = (behaviour: string) => (behaviour === 'profiles-echo' ? ['profiles'] : ['session', 'get', HOSTILE_SESSION_ID]);

function runCli(args: string[]): Promise<{ text: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [QOD, ...args], {
      env: { PATH: process.env.PATH ?? '', QOD_CLIENT_SECRET: HOSTILE_SECRET, ...LIMITS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ text, hung: signal === 'SIGKILL' });
    });
  });
}

describe('A hostile provider, every face: 0 leaks, 0 escapes, 0 hangs', function () {
  this.timeout(300_000);
  let provider: HostileProvider;
  const counts = { runs: 0, outputs: 0 };

  before(async function () {
    if (!existsSync(QOD)) {
      console.log('      skipped: needs dist/qod.js (npm test builds it first)');
      this.skip();
    }
    provider = await startHostileProvider();
  });
  after(async () => {
    await provider?.close();
    console.log(`      hostile provider: ${BEHAVIOURS.length} behaviours, ${counts.runs} runs, ${counts.outputs} outputs scanned`);
  });

  it(`the CLI, plain, --json and --verbose, as a process (${BEHAVIOURS.length} behaviours × 3)`, async () => {
    const found: string[] = [];
    for (const behaviour of BEHAVIOURS) {
      const runs = await Promise.all(
        ['', '--json', '--verbose'].map(async (mode) => {
          const result = await runCli([
            ...commandFor(behaviour),
            ...provider.cliArgs(behaviour),
            '--client-credentials',
            ...(mode ? [mode] : []),
          ]);
          return { face: `qod ${mode || 'plain'}`, behaviour, ...result };
        }),
      );
      for (const run of runs) found.push(...problems(run, { terminal: true }));
      counts.runs += runs.length;
      counts.outputs += runs.length;
    }
    assert.deepEqual(found, []);
  });

  it(`qod mcp over stdio, the SDK client, every message scanned (${BEHAVIOURS.length} behaviours)`, async () => {
    const found: string[] = [];
    for (const behaviour of BEHAVIOURS) {
      const traffic: string[] = [];
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [QOD, 'mcp', ...provider.cliArgs(behaviour)],
        env: { PATH: process.env.PATH ?? '', QOD_CLIENT_SECRET: HOSTILE_SECRET, ...LIMITS },
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (c: Buffer) => traffic.push(c.toString()));
      const client = new Client({ name: 'hostile-test', version: '0' });
      await client.connect(transport);
      const onmessage = transport.onmessage;
      transport.onmessage = (m) => {
        traffic.push(JSON.stringify(m));
        onmessage?.(m);
      };
      let hung = false;
      try {
        const [name, args] =
          behaviour === 'profiles-echo' ? ['qod_list_qos_profiles', {}] : ['qod_get_session', { sessionId: HOSTILE_SESSION_ID }];
        await client.callTool({ name, arguments: args }, undefined, { timeout: HANG_MS });
      } catch (error) {
        hung = /timed out/i.test(String(error));
        traffic.push(String(error));
      } finally {
        await client.close();
      }
      // JSON-RPC text is not a terminal: escapes inside it are quoted by JSON; the tool text itself must hold none.
      const text = traffic.join('\n');
      found.push(...problems({ face: 'qod mcp', behaviour, text, hung }, { terminal: false }));
      const toolTexts = traffic.flatMap((m) =>
        [...m.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1]}"`) as string),
      );
      if (toolTexts.some((t) => RAW_ESCAPE.test(t))) found.push(`qod mcp × ${behaviour}: an escape sequence in a tool result`);
      counts.runs++;
      counts.outputs += traffic.length;
    }
    assert.deepEqual(found, []);
  });

  it("the agent tools (the language-model tools' core) and what the playground host forwards: the error and the recorded exchanges", async () => {
    const found: string[] = [];
    for (const behaviour of BEHAVIOURS) {
      const transport = new HttpTransport({ timeouts: { totalMs: 3000 }, maxResponseBytes: 1 << 20 });
      const environment: Environment = {
        id: 'hostile',
        label: 'Hostile',
        preset: 'custom',
        flavour: 'v1',
        apiBase: `${provider.url}/${behaviour}/qod/v1`,
        endpoints: { token: `${provider.url}/${behaviour}/token` },
        clientId: HOSTILE_CLIENT_ID,
        authMethod: 'client_secret_basic',
        scope: 'dpv:RequestedServiceProvision#qod',
      };
      const auth = new Authenticator(
        environment,
        async () => ({ clientSecret: HOSTILE_SECRET }),
        transport,
        new TokenCache(new MemorySecretStore()),
      );
      const client = new QodClient({
        environment,
        transport,
        accessToken: async (signal) => {
          if (!auth.signedIn) await auth.signIn({ flow: 'client_credentials', signal });
          return auth.accessToken(signal);
        },
      });
      const ctx: ToolContext = {
        environment: { id: environment.id, label: environment.label, flavour: 'v1', sandbox: false },
        signedIn: () => undefined,
        signInHint: 'sign in',
        run: (ref, input, signal) => client.run(ref, input, signal),
      };
      const tool = findTool(behaviour === 'profiles-echo' ? 'qod_list_qos_profiles' : 'qod_get_session');
      assert.ok(tool);
      const run = await bounded(runTool(tool, ctx, behaviour === 'profiles-echo' ? {} : { sessionId: HOSTILE_SESSION_ID }));
      const toolText = run.value ? `${run.value.text}\n${JSON.stringify(run.value.structured)}` : String(run.error ?? '');
      found.push(...problems({ face: 'agent tool', behaviour, text: toolText, hung: run.hung }, { terminal: false }));
      if (RAW_ESCAPE.test(toolText)) found.push(`agent tool × ${behaviour}: an escape sequence in a tool result`);
      // The playground host shows the same operation's error (its words and fields) and forwards the recorded
      // exchanges, whose bodies are the provider's answer as received (redacted): for a person inspecting HTTP, so
      // only the secret scan applies to them.
      const { error, hung } = await bounded(client.getSession(HOSTILE_SESSION_ID));
      if (hung) found.push(`playground host × ${behaviour}: hung`);
      if (error instanceof Error) {
        const fields = JSON.stringify(
          error,
          Object.getOwnPropertyNames(error).filter((k) => k !== 'stack' && k !== 'exchange'),
        );
        found.push(
          ...problems(
            { face: 'playground host (error)', behaviour, text: `${error.message}\n${fields}`, hung: false },
            { terminal: false },
          ),
        );
      }
      const exchanges = JSON.stringify(transport.recorder.list());
      for (const secret of leakedSecrets(exchanges, SECRETS))
        found.push(
          `playground host (exchanges) × ${behaviour}: leaks ${secret === HOSTILE_TOKEN ? 'the access token' : 'the client secret'}`,
        );
      if ((await bounded(transport.close())).hung) found.push(`transport × ${behaviour}: closing hung (a request still under way)`);
      counts.runs += 2;
      counts.outputs += 2;
    }
    assert.deepEqual(found, []);
  });

  it('the catalogue covers what the audit found: echoes in codes, messages, success fields, encodings; size; time; escapes', () => {
    for (const name of [
      'code-echo',
      'message-split',
      'message-base64',
      'long-code',
      'success-fields-echo',
      'huge',
      'slow',
      'escapes',
      'reset',
    ]) {
      assert.ok(Object.hasOwn(API_BEHAVIOURS, name), name);
    }
    assert.ok(BEHAVIOURS.includes('token-basic-echo') && BEHAVIOURS.includes('token-body-echo'));
  });
});
