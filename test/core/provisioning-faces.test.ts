// QoS Provisioning through every face that is not VS Code, over real HTTP against the sandbox, in both versions
// (QoD v1's release: 0.3.0; v1.2's: 0.4.0-rc.1): the client, the command line, the agent tools and request files.
// The operation table carries the four operations; a release without provisioning refuses them before sending.
import assert from 'node:assert/strict';
import { main } from '../../src/cli/qod';
import { SIGN_IN_FLOWS, type SignInUi } from '../../src/core/auth/flows';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import { QodError, QodValidationError } from '../../src/core/camara/qod-client';
import { sandboxEnvironment } from '../../src/core/environments';
import { OPERATION_TABLE } from '../../src/core/operations';
import { parseRequestFile } from '../../src/core/request-files/parse';
import { runRequestFile } from '../../src/core/request-files/run';
import { starterFile } from '../../src/core/request-files/starter';
import { createRuntime, toolContext } from '../../src/core/runtime';
import { runTool } from '../../src/core/tools/run-tool';
import { toolsFor } from '../../src/core/tools/tool-table';
import { sandboxClient } from '../support/core';
import { withSandbox } from '../support/sandbox';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ui: SignInUi = { openBrowser: async () => false, redirect: () => Promise.reject(new Error('no browser here')), report: () => {} };

/** A fresh device for each assignment (the sandbox allows one live assignment per device and client). */
let devices = 0;
const phone = () => `+3461200${String(1000 + ++devices)}0`;

/** Runs `qod …` in this process; answers the exit code and what it printed. */
async function qod(args: string[], sandboxUrl: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { QOD_SANDBOX_URL: sandboxUrl }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('QoS Provisioning in the client, the command line, the agent tools and request files', () => {
  const { sb } = withSandbox({ activationDelayMs: 0 });

  for (const flavour of ['v1', 'v1.2'] as const) {
    describe(`QoD ${flavour} (QoS Provisioning ${flavour === 'v1' ? '0.3.0' : '0.4.0-rc.1'})`, () => {
      it('the client assigns, reads, finds by device, refuses a second one (409), revokes (204) and reads it revoked', async () => {
        const { client, transport } = await sandboxClient(sb, flavour);
        const device = { phoneNumber: phone() };
        const created = await client.run('createAssignment', { body: { device, qosProfile: 'QOS_E' } });
        assert.equal(created.status, 201);
        assert.match(created.value.id, UUID);
        assert.equal(created.value.status, 'AVAILABLE');
        assert.equal(created.value.qosProfile, 'QOS_E');
        assert.match(
          transport.recorder.list().at(-1)?.url ?? '',
          flavour === 'v1' ? /\/qos-provisioning\/v0\.3\/qos-assignments$/ : /\/v0\.4rc1\//,
        );

        const got = await client.run('getAssignment', { id: created.value.id });
        assert.equal(got.value.id, created.value.id);
        assert.equal(got.value.device, `phoneNumber ${device.phoneNumber}`);
        const found = await client.run('retrieveAssignment', { body: { device } });
        assert.equal(found.value.id, created.value.id);

        await assert.rejects(client.run('createAssignment', { body: { device, qosProfile: 'QOS_L' } }), (e: unknown) => {
          assert.ok(e instanceof QodError);
          assert.equal(e.status, 409);
          assert.equal(e.code, 'CONFLICT');
          return true;
        });

        const revoked = await client.run('revokeAssignment', { id: created.value.id });
        assert.equal(revoked.status, 204);
        assert.equal(revoked.value, undefined, 'revoked at once: no body');
        const after = await client.run('getAssignment', { id: created.value.id });
        assert.equal(after.value.status, 'UNAVAILABLE');
        assert.equal(after.value.statusInfo, 'DELETE_REQUESTED');
        await transport.close();
      });

      it('an asynchronous network (sandbox: a device ending in 5): REQUESTED on create, and a revoke answered 202 with the assignment', async () => {
        const { client, transport } = await sandboxClient(sb, flavour);
        const created = await client.run('createAssignment', {
          body: { device: { phoneNumber: `${phone().slice(0, -1)}5` }, qosProfile: 'QOS_E' },
        });
        assert.equal(created.value.status, 'REQUESTED');
        // The network sets it up after the activation delay; a revoke then is asynchronous too (bounded wait).
        for (let i = 0; i < 40 && (await client.run('getAssignment', { id: created.value.id })).value.status !== 'AVAILABLE'; i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        const revoked = await client.run('revokeAssignment', { id: created.value.id });
        assert.equal(revoked.status, 202);
        assert.equal(revoked.value?.id, created.value.id, 'the 202 answer is the assignment, shaped');
        assert.equal(revoked.value?.statusInfo, 'DELETE_REQUESTED');
        await transport.close();
      });

      it("refuses, before sending, what this version's schema does not allow, naming the field", async () => {
        const { client, transport } = await sandboxClient(sb, flavour);
        const before = transport.recorder.list().length;
        const credential =
          flavour === 'v1'
            ? { credentialType: 'PRIVATE_KEY_JWT', clientId: 'app', tokenUri: 'https://app.example.invalid/token' }
            : { credentialType: 'PLAIN', identifier: 'x', secret: 'y' };
        const body = {
          device: { phoneNumber: phone() },
          qosProfile: 'QOS_E',
          sink: 'https://app.example.invalid/n',
          sinkCredential: credential,
        };
        await assert.rejects(client.run('createAssignment', { body }), (e: unknown) => {
          assert.ok(e instanceof QodValidationError);
          assert.match(e.message, /sinkCredential/);
          return true;
        });
        await assert.rejects(client.run('createAssignment', { body: { device: { phoneNumber: phone() }, duration: 60 } }), (e: unknown) => {
          assert.ok(e instanceof QodValidationError);
          assert.match(e.message, /qosProfile: is required/);
          assert.match(e.message, /duration: /, 'an assignment has no duration');
          return true;
        });
        await assert.rejects(client.run('getAssignment', { id: '../sessions' }), /assignmentId: must be a UUID/);
        assert.equal(transport.recorder.list().length, before, 'nothing was sent');
        await transport.close();
      });

      it('the command line: assignment create, of-device, get and revoke; a bad id is a usage problem (exit 2)', async () => {
        const device = phone();
        const flags = ['--flavour', flavour, '--json'];
        const created = await qod(['assignment', 'create', '--phone', device, '--profile', 'QOS_E', ...flags], sb.url);
        assert.equal(created.code, 0, created.err);
        const assignment = JSON.parse(created.out) as { id: string; status: string };
        assert.equal(assignment.status, 'AVAILABLE');
        const found = await qod(['assignment', 'of-device', '--phone', device, ...flags], sb.url);
        assert.equal(found.code, 0, found.err);
        assert.equal((JSON.parse(found.out) as { id: string }).id, assignment.id);
        const text = await qod(['assignment', 'get', assignment.id, '--flavour', flavour], sb.url);
        assert.match(text.out, new RegExp(`assignment ${assignment.id}\\nstatus\\s+AVAILABLE\\nprofile\\s+QOS_E`));
        const revoked = await qod(['assignment', 'revoke', assignment.id, '--flavour', flavour], sb.url);
        assert.equal(revoked.code, 0, revoked.err);
        assert.match(revoked.out, new RegExp(`revoked ${assignment.id}`));
        const bad = await qod(['assignment', 'get', 'not-a-uuid', '--flavour', flavour], sb.url);
        assert.equal(bad.code, 2);
        assert.match(bad.err, /assignmentId: must be a UUID/);
        const missing = await qod(['assignment', 'revoke', '--flavour', flavour], sb.url);
        assert.equal(missing.code, 2);
        assert.match(missing.err, /needs an assignment id/);
      });

      it('the agent tools: assign with the consent words, revoke asks "Revoke QoS assignment …?"', async () => {
        const runtime = createRuntime(
          sandboxEnvironment(sb.url, flavour),
          { secrets: new MemorySecretStore(), credentials: async () => ({ clientSecret: 'qod-demo-secret' }) },
          { signInOnFirstUse: true },
        );
        const ctx = toolContext(runtime, { signInHint: 'the sandbox signs in by itself' });
        const tools = toolsFor(OPERATION_TABLE);
        const assign = tools.find((t) => t.name === 'qod_create_assignment');
        const revoke = tools.find((t) => t.name === 'qod_revoke_assignment');
        assert.ok(assign && revoke);
        assert.equal(assign.readOnly, false);
        const body = { device: { phoneNumber: phone() }, qosProfile: 'QOS_E' };
        assert.match(assign.confirmation?.({ body } as never, ctx).message ?? '', /On Local sandbox: assigns a qos profile to a device/);
        const made = await runTool(assign, ctx, { body } as never);
        assert.equal(made.isError, false, made.text);
        const id = /Assignment ([0-9a-f-]{36}): AVAILABLE, QOS_E/.exec(made.text)?.[1];
        assert.ok(id, made.text);
        assert.equal(
          revoke.confirmation?.({ assignmentId: id } as never, ctx).message,
          `Revoke QoS assignment ${id.slice(0, 8)} on Local sandbox?`,
        );
        const gone = await runTool(revoke, ctx, { assignmentId: id } as never);
        assert.equal(gone.isError, false, gone.text);
        assert.match(gone.text, /revoked/);
        await runtime.transport.close();
      });

      it('the starter request file (sessions, profiles and assignments) runs green, the assignment read from its answer', async () => {
        const file = parseRequestFile(starterFile(OPERATION_TABLE, flavour));
        assert.deepEqual(file.problems, []);
        const runtime = createRuntime(sandboxEnvironment(sb.url, flavour), {
          secrets: new MemorySecretStore(),
          credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
        });
        try {
          const result = await runRequestFile(file, 'starter.http', {
            runtime,
            signIn: async (line, signal) => {
              await SIGN_IN_FLOWS[line?.flow ?? 'client_credentials'].run(runtime.auth, {}, ui, signal ?? new AbortController().signal);
            },
          });
          const failed = result.requests.filter((r) => !r.ok).map((r) => `${r.operation}: ${r.error?.message ?? r.status}`);
          assert.deepEqual(failed, []);
          const ran = result.requests.map((r) => r.operation);
          for (const name of ['createAssignment', 'getAssignment', 'retrieveAssignment', 'revokeAssignment'])
            assert.ok(ran.includes(name), name);
        } finally {
          await runtime.transport.close();
        }
      });
    });
  }

  it('a release without QoS Provisioning (v0.10, v0.8) refuses its operations before sending, naming the releases that have it', async () => {
    const { client, transport } = await sandboxClient(sb, 'v0.10');
    const before = transport.recorder.list().length;
    await assert.rejects(
      client.run('createAssignment', { body: { qosProfile: 'QOS_E' } }),
      /Assign a QoS profile: is not part of QoD v0\.10 \(only v1\.2, v1\)/,
    );
    assert.equal(transport.recorder.list().length, before);
    const cli = await qod(['assignment', 'create', '--phone', phone(), '--profile', 'QOS_E', '--flavour', 'v0.8'], sb.url);
    assert.equal(cli.code, 2);
    assert.match(cli.err, /is not part of QoD v0\.8/);
    await transport.close();
  });
});
