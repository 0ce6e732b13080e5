// The QoD tools for agents in the real host: registered as language-model tools from the manifest, consent
// words that name what matters, the session lifecycle against the embedded sandbox (the sessions view sees it),
// field messages for bad input, no secret in any result; and the MCP server VS Code would start answers.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import * as vscode from 'vscode';
import { api, services, until } from './support';

const TOOLS = [
  'qod_status',
  'qod_list_qos_profiles',
  'qod_advise_profile',
  'qod_create_session',
  'qod_get_session',
  'qod_extend_session',
  'qod_delete_session',
  'qod_list_device_sessions',
  'qod_explain_error',
  // QoS Provisioning: one tool per operation of the table, generated (src/core/tools/tool-table.ts operationTool).
  'qod_create_assignment',
  'qod_get_assignment',
  'qod_revoke_assignment',
  'qod_retrieve_assignment',
];

describe('QoD tools for agents (language-model tools and the MCP server)', () => {
  before(async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    await vscode.commands.executeCommand('qod.signIn', { flow: 'client_credentials' });
  });

  it('registers every tool of the manifest, with its input schema', async () => {
    await api();
    const manifest = vscode.extensions.getExtension('qod-playground.qod-playground')?.packageJSON as {
      contributes: { languageModelTools: Array<{ name: string; inputSchema: unknown }> };
    };
    assert.deepEqual(
      manifest.contributes.languageModelTools.map((t) => t.name),
      TOOLS,
    );
    const registered = vscode.lm.tools.filter((t) => t.name.startsWith('qod_'));
    assert.deepEqual(registered.map((t) => t.name).sort(), [...TOOLS].sort());
    for (const tool of registered)
      assert.deepEqual(tool.inputSchema, manifest.contributes.languageModelTools.find((t) => t.name === tool.name)?.inputSchema, tool.name);
  });

  it('asks consent for side effects in words naming the environment, device, profile and duration; reads only say what they do', async () => {
    const tools = (await api()).tools();
    const create = await tools.prepare('qod_create_session', {
      phoneNumber: '+34666666661',
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      durationSeconds: 600,
    });
    assert.equal(create.confirmationMessages?.title, 'Create a QoD session?');
    assert.equal(
      (create.confirmationMessages?.message as vscode.MarkdownString).value,
      'On Local sandbox: give +34666666661 the QOS_E profile for 600 s, towards 198.51.100.10.',
    );
    const del = await tools.prepare('qod_delete_session', { sessionId: 'abc' });
    assert.match((del.confirmationMessages?.message as vscode.MarkdownString).value, /On Local sandbox: delete session abc/);
    const read = await tools.prepare('qod_list_qos_profiles', {});
    assert.equal(read.confirmationMessages, undefined);
    assert.equal(read.invocationMessage, 'Listing the QoS profiles');
  });

  it('runs profiles → create → get → extend → delete on the embedded sandbox; the sessions view sees the session; bad input gets field messages; no secret in any result', async () => {
    const tools = (await api()).tools();
    const s = await services();
    const results: unknown[] = [];
    const run = async (name: string, input: unknown) => {
      const r = await tools.run(name, input);
      results.push(r);
      return r;
    };
    const profiles = await run('qod_list_qos_profiles', {});
    assert.equal(profiles.isError, false, profiles.text);
    const created = await run('qod_create_session', {
      phoneNumber: '+34666666664',
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      durationSeconds: 600,
    });
    assert.equal(created.isError, false, created.text);
    const id = (created.structured?.session as { id: string }).id;
    assert.ok(s.registry.find('sandbox', id), 'the sessions view lists the session a tool created');
    // As an agent would: read it until the network has set it up (extend needs AVAILABLE), bounded.
    await until(
      'the session to be AVAILABLE',
      async () =>
        ((await run('qod_get_session', { sessionId: id })).structured?.session as { status?: string } | undefined)?.status === 'AVAILABLE',
      15_000,
    );
    const extended = await run('qod_extend_session', { sessionId: id, additionalSeconds: 60 });
    assert.equal((extended.structured?.session as { durationSeconds: number }).durationSeconds, 660, extended.text);
    assert.equal((await run('qod_delete_session', { sessionId: id })).isError, false);
    assert.equal(s.registry.find('sandbox', id)?.status, 'UNAVAILABLE');
    const bad = await run('qod_create_session', {
      phoneNumber: '12',
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      durationSeconds: 600,
    });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /device\.phoneNumber: must be an E\.164 number/);
    // Through VS Code's own tool API too (a read-only tool: no confirmation to answer).
    const viaLm = await vscode.lm.invokeTool('qod_status', { input: {}, toolInvocationToken: undefined });
    const text = viaLm.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('\n');
    results.push(text);
    assert.match(text, /Environment Local sandbox \(QoD v1, the local sandbox\), signed in with client_credentials/);
    const token = await (await s.runtime('sandbox')).auth.accessToken();
    const all = JSON.stringify(results);
    for (const secret of [token, 'qod-demo-secret']) assert.ok(!all.includes(secret), `a tool result carries ${secret.slice(0, 8)}…`);
  });

  it('offers the MCP server: the definition VS Code starts runs qod mcp with a short-lived token, no secret, and answers tools/list', async () => {
    const definition = await (await api()).mcpServer();
    assert.deepEqual(definition.args.slice(1, 4), ['mcp', '--env', 'sandbox']);
    const env = definition.env as Record<string, string>;
    assert.ok(env.QOD_ACCESS_TOKEN, "the current sign-in's access token");
    assert.equal(env.QOD_CLIENT_SECRET, undefined, 'never the client secret');
    assert.ok(!JSON.stringify(definition.args).includes('qod-demo-secret'));
    const transport = new StdioClientTransport({
      command: definition.command,
      args: definition.args,
      env: { PATH: process.env.PATH ?? '', ...env },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'qod-host-test', version: '0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        TOOLS,
      );
      const status = (await client.callTool({ name: 'qod_status', arguments: {} })) as { content: Array<{ text?: string }> };
      assert.match(status.content[0]?.text ?? '', /signed in with ciba|signed in/);
    } finally {
      await client.close();
    }
  });
});
