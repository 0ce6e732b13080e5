// The claim of the operation table: a new QoD operation is one entry plus its words. A copy of the core's table
// gains an operation no face has heard of (`pingSession`: read a session again, v1 and v0.10 only), and every face
// offers it and runs it against the real sandbox — the command line (help and command), the palette's list, the
// playground's list, the agent tools — while a flavour without its route refuses it before anything is sent.
import assert from 'node:assert/strict';
import { main } from '../../src/cli/qod';
import { helpFor, usage } from '../../src/cli/help';
import { operationPicks } from '../../src/commands/operation-picks';
import { QodValidationError } from '../../src/core/camara/qod-client';
import { defineOperation, OPERATION_TABLE, type OperationTable } from '../../src/core/operations';
import { toolContext, createRuntime } from '../../src/core/runtime';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import { sandboxEnvironment } from '../../src/core/environments';
import { runTool } from '../../src/core/tools/run-tool';
import { toolsFor } from '../../src/core/tools/tool-table';
import { operationChoices } from '../../src/webview/app/operation-choices';
import { sandboxClient } from '../support/core';
import { withSandbox } from '../support/sandbox';

const pingSession = defineOperation({
  name: 'pingSession',
  resource: 'session',
  operationIds: ['pingSession'],
  title: 'Ping session',
  summary: 'Reads a session again to see that it is still there',
  command: 'session ping',
  scope: 'getSession',
  needsId: true,
  answer: 'session',
  changesNetwork: false,
  routes: {
    v1: { method: 'GET', base: 'sessions', path: '/sessions/{sessionId}' },
    'v0.10': { method: 'GET', base: 'sessions', path: '/sessions/{sessionId}' },
  },
});
const TABLE: OperationTable = { ...OPERATION_TABLE, pingSession };

const CREATE_BODY = {
  device: { phoneNumber: '+34611100091' },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
};

describe('A new operation is one table entry: every face offers it', () => {
  const { sb } = withSandbox();

  it('is in the command line help, the palette list, the playground list and the tool list; not in the core table', () => {
    assert.match(usage(TABLE), /qod session ping <id>\s+Reads a session again to see that it is still there \(QoD v1, v0\.10\)/);
    assert.match(helpFor('session', TABLE) ?? '', /qod session ping <id>/);
    assert.doesNotMatch(helpFor('session') ?? '', /ping/, 'the real table has no such operation');
    assert.ok(
      operationPicks(TABLE, 'v1').some((p) => p.operation === 'pingSession' && p.label === 'Ping session'),
      'the palette offers it in v1',
    );
    assert.ok(!operationPicks(TABLE, 'v0.8').some((p) => p.operation === 'pingSession'), 'but not in v0.8, which has no route for it');
    assert.deepEqual(operationChoices(TABLE).at(-1), ['pingSession', 'Ping session']);
    const tool = toolsFor(TABLE).find((t) => t.name === 'qod_ping_session');
    assert.ok(tool, 'an agent tool');
    assert.equal(tool.readOnly, true, 'it changes nothing, so it asks no consent');
    assert.equal(tool.confirmation, undefined);
    assert.ok(!toolsFor(OPERATION_TABLE).some((t) => t.name === 'qod_ping_session'));
  });

  it('runs through the client, the command line and the agent tool against the sandbox; v0.8 refuses it unsent', async () => {
    const { client } = await sandboxClient(sb, 'v1');
    const created = await client.run('createSession', { body: CREATE_BODY });
    const id = created.value.id;

    const pinged = await client.run(pingSession, { id });
    assert.equal(pinged.status, 200);
    assert.equal(pinged.value.id, id, 'typed by its answer kind: a session');

    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      ['session', 'ping', id, '--json'],
      { QOD_SANDBOX_URL: sb.url },
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      undefined,
      TABLE,
    );
    assert.equal(code, 0, err.join('\n'));
    assert.equal((JSON.parse(out.join('\n')) as { id: string }).id, id);

    const runtime = createRuntime(
      sandboxEnvironment(sb.url, 'v1'),
      { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) },
      { signInOnFirstUse: true },
    );
    const tool = toolsFor(TABLE).find((t) => t.name === 'qod_ping_session');
    assert.ok(tool);
    const result = await runTool(tool, toolContext(runtime, { signInHint: 'the sandbox signs in by itself' }), { sessionId: id });
    assert.equal(result.isError, false, result.text);
    assert.match(result.text, new RegExp(`Session ${id}: `));
    await runtime.transport.close();

    const old = await sandboxClient(sb, 'v0.8');
    const before = old.transport.recorder.list().length;
    await assert.rejects(old.client.run(pingSession, { id }), (e: unknown) => {
      assert.ok(e instanceof QodValidationError);
      assert.match(e.message, /Ping session: is not part of QoD v0\.8 \(only v1, v0\.10\)/);
      return true;
    });
    assert.equal(old.transport.recorder.list().length, before, 'nothing was sent');
    await client.run('deleteSession', { id });
  });
});
