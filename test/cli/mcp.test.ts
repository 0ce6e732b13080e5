// `qod mcp` as an MCP host runs it: a child process on stdio, driven by the SDK's own Client, against a real
// sandbox. Every tool is listed with the core's schema; the session lifecycle works; bad input and the
// operator's refusals come back as isError results in words; no token or secret crosses, in any message.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { inputJsonSchema } from '../../src/core/tools/run-tool';
import { TOOL_TABLE } from '../../src/core/tools/tool-table';
import { cibaToken } from '../support/client';
import { withSandbox } from '../support/sandbox';

const ROOT = join(__dirname, '..', '..');
const QOD = join(ROOT, 'dist', 'qod.js');

type ToolAnswer = { isError?: boolean; content: Array<{ type: string; text?: string }>; structuredContent?: Record<string, unknown> };

describe('qod mcp over stdio (the SDK client, a real sandbox)', function () {
  const { sb } = withSandbox({ activationDelayMs: 0 });
  let client: Client;
  let traffic: string[];

  async function connect(env: Record<string, string>): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [QOD, 'mcp'],
      env: { PATH: process.env.PATH ?? '', ...env },
      stderr: 'pipe',
    });
    const c = new Client({ name: 'qod-test', version: '0' });
    // Every message both ways, for the secret scan.
    const send = transport.send.bind(transport);
    transport.send = async (m) => {
      traffic.push(JSON.stringify(m));
      return send(m);
    };
    await c.connect(transport);
    const onmessage = transport.onmessage;
    transport.onmessage = (m) => {
      traffic.push(JSON.stringify(m));
      onmessage?.(m);
    };
    return c;
  }
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolAnswer;

  before(async function () {
    if (!existsSync(QOD)) {
      console.log('      skipped: needs dist/qod.js (npm test builds it first)');
      this.skip();
    }
    traffic = [];
  });
  afterEach(async () => client?.close());

  it("lists every tool of the core's table, with its schema and annotations", async () => {
    client = await connect({ QOD_SANDBOX_URL: sb.url });
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      TOOL_TABLE.map((t) => t.name),
    );
    for (const tool of tools) {
      const core = TOOL_TABLE.find((t) => t.name === tool.name);
      assert.ok(core);
      assert.deepEqual(tool.inputSchema, inputJsonSchema(core as never), `${tool.name}: the schema the core derives`);
      assert.equal(tool.inputSchema.type, 'object');
      assert.deepEqual(
        [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint],
        [core.readOnly, core.destructive, core.idempotent],
        tool.name,
      );
      assert.ok(tool.description && tool.description.length > 80, `${tool.name} is described for a model`);
    }
  });

  it('runs profiles → create → get → extend → delete 2-legged, and answers bad input and refusals as isError results in words', async () => {
    client = await connect({ QOD_SANDBOX_URL: sb.url });
    const profiles = await call('qod_list_qos_profiles', { status: 'ACTIVE' });
    assert.equal(profiles.isError, false);
    const qosE = (profiles.structuredContent?.profiles as Array<{ name: string; maxDurationSeconds?: number }>).find(
      (p) => p.name === 'QOS_E',
    );
    assert.equal(qosE?.maxDurationSeconds, 86400, 'a model gets the durations it needs');
    const created = await call('qod_create_session', {
      phoneNumber: '+34666666663',
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      durationSeconds: 600,
    });
    assert.equal(created.isError, false, created.content[0]?.text);
    const session = created.structuredContent?.session as { id: string; status: string; device: string };
    assert.match(session.id, /^[0-9a-f-]{36}$/);
    assert.equal(session.device, 'phoneNumber +34666666663');
    const again = await call('qod_create_session', {
      phoneNumber: '+34666666663',
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      durationSeconds: 600,
    });
    assert.equal(again.isError, true);
    assert.match(again.content[0]?.text ?? '', /409 CONFLICT\. The provider said \(its words, not an instruction\): ".*"\. .*Fix: /);
    const got = await call('qod_get_session', { sessionId: session.id });
    assert.equal((got.structuredContent?.session as { status: string }).status, 'AVAILABLE');
    const extended = await call('qod_extend_session', { sessionId: session.id, additionalSeconds: 60 });
    assert.equal((extended.structuredContent?.session as { durationSeconds: number }).durationSeconds, 660);
    const deleted = await call('qod_delete_session', { sessionId: session.id });
    assert.deepEqual(deleted.structuredContent, { deleted: session.id });
    // Bad input: the field and the rule, nothing sent.
    const bad = await call('qod_create_session', {
      phoneNumber: '12',
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      durationSeconds: 600,
    });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0]?.text ?? '', /device\.phoneNumber: must be an E\.164 number/);
    const wrongType = await call('qod_extend_session', { sessionId: session.id, additionalSeconds: 'a lot' });
    assert.equal(wrongType.isError, true);
    assert.match(wrongType.content[0]?.text ?? '', /additionalSeconds/);
    const hostile = await call('qod_get_session', { sessionId: 'x'.repeat(100_000) });
    assert.equal(hostile.isError, true);
    const unknown = await call('qod_launch_missiles', {});
    assert.equal(unknown.isError, true);
    const explained = await call('qod_explain_error', { code: 'CONFLICT' });
    assert.match(explained.content[0]?.text ?? '', /^CONFLICT \(HTTP 409\): /);
  });

  it('3-legged with a handed-over access token: the token names the device; a tool never signs in by itself', async () => {
    const token = await cibaToken(
      sb,
      'tel:+34666666662',
      'openid quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete quality-on-demand:sessions:retrieve-by-device',
    );
    client = await connect({ QOD_SANDBOX_URL: sb.url, QOD_ACCESS_TOKEN: token });
    const status = await call('qod_status', {});
    // The handed-over token says its device and expiry (decoded), as qod_status's description promises.
    assert.match(status.content[0]?.text ?? '', /signed in with ciba as tel:\+34666666662, token valid until \d{4}-\d\d-\d\dT/);
    const wrong = await call('create_session', {});
    assert.equal(wrong.isError, true);
    assert.match(
      wrong.content[0]?.text ?? '',
      /^name: no QoD tool is called "create_session"; did you mean qod_create_session\? The tools: qod_status, /,
    );
    const created = await call('qod_create_session', { applicationServer: '198.51.100.10', qosProfile: 'QOS_E', durationSeconds: 60 });
    assert.equal(created.isError, false, created.content[0]?.text);
    const mine = await call('qod_list_device_sessions', {});
    assert.equal((mine.structuredContent?.sessions as unknown[]).length, 1);
    await call('qod_delete_session', { sessionId: (created.structuredContent?.session as { id: string }).id });
    assert.ok(!traffic.join('\n').includes(token.slice(-20)), 'the handed-over token never appears in any message');
  });

  it('never lets a secret or a token into any message', () => {
    const all = traffic.join('\n');
    assert.ok(all.length > 1000, 'traffic was recorded');
    assert.doesNotMatch(all, /qod-demo-secret|eyJ[\w-]{10,}\.[\w-]{10,}|Bearer |client_secret|auth_req_id/);
  });
});
