// `qod mcp` stays bounded and keeps serving, whatever comes at it: a tool call against a provider that
// trickles its answer ends at the deadline, one against a 100 MB answer stops at the size cap (both as
// isError results in words), and a JSON-RPC line over 10 MiB is answered with a JSON-RPC error while the
// lines after it are served (it used to close the server, exit 0, and leave the request unanswered).
// The SDK's own client, and a raw child process, against `qod mcp` run from source.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { LineGuard, requestId, type OversizeLine } from '../../src/cli/mcp-line-guard';
import { SESSION_ID, startHostileServer, type HostileServer } from '../support/hostile-server';

const ROOT = join(__dirname, '..', '..');
const QOD = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'qod.ts'), 'mcp'];
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.mcp-limits-access-token.signature';
const OVER_10_MIB = 10 * 1024 * 1024 + 4096;

type ToolAnswer = { isError?: boolean; content: Array<{ type: string; text?: string }> };

describe('qod mcp: bounded requests, and a message over 10 MiB answered, not fatal', function () {
  this.timeout(60_000);
  let hostile: HostileServer;
  const clients: Client[] = [];
  let stderr = '';

  async function connect(args: string[], env: Record<string, string> = {}): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...QOD, ...args],
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', QOD_ACCESS_TOKEN: TOKEN, ...env },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'qod-limits-test', version: '0' });
    await client.connect(transport, { timeout: 20_000 });
    clients.push(client);
    return client;
  }
  const custom = (path: string) => [
    '--env',
    'custom',
    '--api-base',
    `${hostile.url}${path}`,
    '--client-id',
    'c',
    '--token-endpoint',
    `${hostile.url}/token`,
  ];
  /** A tool call with a bounded wait: the SDK rejects after `timeout` (its default would be 60 s). */
  const call = async (client: Client, name: string, args: Record<string, unknown>, timeout = 15_000) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout })) as ToolAnswer;

  before(async () => {
    hostile = await startHostileServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  });
  after(() => hostile.close());

  it('a tool call against a trickling provider ends at the deadline (QOD_HTTP_TIMEOUT_SECONDS) as an isError result', async () => {
    const client = await connect(custom('/trickle/qod'), { QOD_HTTP_TIMEOUT_SECONDS: '1' });
    const started = Date.now();
    const got = await call(client, 'qod_get_session', { sessionId: SESSION_ID });
    assert.equal(got.isError, true);
    assert.match(got.content[0]?.text ?? '', /did not finish answering within 1 s/);
    assert.ok(Date.now() - started < 8000, `${Date.now() - started} ms`);
  });

  it('a tool call against a 100 MB answer stops at the cap (--max-response-bytes, and 4 MiB by default), in a short result', async () => {
    for (const [args, limit] of [
      [['--max-response-bytes', '65536'], '64 KiB'],
      [[], '4 MiB'],
    ] as const) {
      const client = await connect([...custom('/huge/qod'), ...args]);
      const got = await call(client, 'qod_get_session', { sessionId: SESSION_ID });
      assert.equal(got.isError, true);
      const text = got.content[0]?.text ?? '';
      assert.match(text, new RegExp(`larger than ${limit}; stopped reading`));
      assert.ok(text.length < 2000, `${text.length} characters of tool output`);
    }
  });

  it('a call over 10 MiB from the SDK client gets a JSON-RPC error (Invalid Request), and the server serves on', async () => {
    stderr = '';
    const client = await connect(custom('/none/qod'));
    const error = await call(client, 'qod_explain_error', { code: 'X'.repeat(OVER_10_MIB) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof McpError, String(error));
    assert.equal(error.code, -32600);
    assert.match(error.message, /larger than 10 MiB .*it was not read/);
    const { tools } = await client.listTools(undefined, { timeout: 10_000 });
    assert.ok(tools.length > 0, 'still serving after it');
    const explained = await call(client, 'qod_explain_error', { code: 'CONFLICT' });
    assert.equal(explained.isError, false);
    assert.match(stderr, /skipped a message of \d+ bytes \(more than 10 MiB\)/);
  });

  it('raw lines: the error carries the id when it is cheap to find (first or last member), else null; nothing else is lost', async () => {
    const env = { PATH: process.env.PATH ?? '', QOD_ACCESS_TOKEN: TOKEN };
    const child = spawn(process.execPath, [...QOD, ...custom('/none/qod')], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr.resume();
    // Old servers closed on the long line; a write after that is an assertion's business, not an uncaught EPIPE.
    child.stdin.on('error', () => undefined);
    const answers = new Map<string, { result?: unknown; error?: { code: number; message: string } }>();
    let waiting: (() => void) | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id: string | number | null; result?: unknown; error?: { code: number; message: string } };
      answers.set(String(message.id), message);
      waiting?.();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pad = 'x'.repeat(OVER_10_MIB);
    try {
      const send = (text: string) => child.stdin.write(`${text}\n`);
      const initialize = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } };
      send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initialize }));
      send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      const explain = '"params":{"name":"qod_explain_error","arguments":{"code"';
      send(`{"jsonrpc":"2.0","id":"at-the-head","method":"tools/call",${explain}:"${pad}"}}}`);
      // A nested "id" near the end is not the request's: no id is better than a wrong one.
      send(`{"jsonrpc":"2.0","method":"tools/call","params":{"name":"qod_explain_error","arguments":{"code":"${pad}","id":7}}}`);
      send(`{"method":"tools/call","params":{"name":"qod_explain_error","arguments":{"code":"${pad}"}},"jsonrpc":"2.0","id":42}`);
      send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
      const expected = ['1', 'at-the-head', 'null', '42', '2'];
      const deadline = Date.now() + 20_000;
      while (!expected.every((id) => answers.has(id))) {
        assert.ok(Date.now() < deadline, `answers after 20 s: ${[...answers.keys()].join(', ')} (exit: ${child.exitCode})`);
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 200);
        });
      }
      for (const id of ['at-the-head', 'null', '42']) {
        assert.equal(answers.get(id)?.error?.code, -32600, id);
        assert.match(answers.get(id)?.error?.message ?? '', /larger than 10 MiB/);
      }
      assert.ok(!answers.has('7'), "the nested id was not taken for the request's");
      assert.ok(Array.isArray((answers.get('2')?.result as { tools?: unknown[] })?.tools), 'the line after them was served');
      assert.equal(child.exitCode, null, 'still running');
      child.stdin.end();
      const stillRunning = new Promise<string>((r) => setTimeout(() => r('still running 10 s after stdin ended'), 10_000));
      const code = await Promise.race([exited, stillRunning]);
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
});

describe('LineGuard (the framing in front of the SDK)', () => {
  it('passes every line up to the limit whole and reports every longer one, however stdin is chunked', async () => {
    const lines = [
      '{"id":1}',
      '',
      'y'.repeat(50),
      `{"id":"long","p":"${'z'.repeat(80)}"}`,
      'a',
      `{"p":"${'q'.repeat(60)}","id":9}`,
      'b'.repeat(51),
      'last',
    ];
    const input = Buffer.from(`${lines.join('\n')}\n`);
    for (let seed = 1; seed <= 200; seed++) {
      const oversize: OversizeLine[] = [];
      const guard = new LineGuard(50, (line) => oversize.push(line));
      const out: Buffer[] = [];
      guard.on('data', (chunk: Buffer) => out.push(chunk));
      // Pseudo-random chunk sizes from 1 to 17 bytes, so newlines fall at every position of a chunk.
      for (let at = 0, n = seed; at < input.length; n = (n * 1103515245 + 12345) % 2147483648) {
        const size = 1 + (n % 17);
        guard.write(input.subarray(at, at + size));
        at += size;
      }
      guard.end();
      await new Promise((resolve) => guard.once('finish', resolve));
      const passed = ['{"id":1}', '', 'y'.repeat(50), 'a', 'last'];
      assert.deepEqual(Buffer.concat(out).toString(), passed.map((l) => `${l}\n`).join(''), `seed ${seed}`);
      const reported = [
        { bytes: lines[3]?.length, id: 'long' },
        { bytes: lines[5]?.length, id: 9 },
        { bytes: 51, id: null },
      ];
      assert.deepEqual(oversize, reported, `seed ${seed}`);
    }
  });

  it('finds only a top-level id', () => {
    assert.equal(requestId('{"jsonrpc":"2.0","id":3,"method":"x","params":{"a":"', ''), 3);
    assert.equal(requestId('{ "method" : "tools/call" , "id" : "a\\"b" ,', ''), 'a"b');
    assert.equal(requestId('{"params":{"id":4,', '"x"}}'), null);
    assert.equal(requestId('{"params":{', '"id":4}}'), null);
    assert.equal(requestId('{"params":{', '"x"},"jsonrpc":"2.0","id":-12}\r'), -12);
    assert.equal(requestId('{"id":1e400', ''), null);
  });
});
