// The operation table: one entry per QoD operation, reachable from every face, each entry running against the
// sandbox in every flavour it claims (and refused, before anything is sent, in the ones it does not).
import assert from 'node:assert/strict';
import { operationFor } from '../../src/cli/operation-words';
import type { SessionView } from '../../src/core/camara/normalise';
import { QodValidationError } from '../../src/core/camara/qod-client';
import { OPERATION_TABLE, type OperationInput } from '../../src/core/operations';
import { OPERATIONS } from '../../src/shared/protocol';
import { sandboxClient } from '../support/core';
import { withSandbox } from '../support/sandbox';

describe('The operation table', () => {
  it('has one entry per operation of the protocol, and the command line offers each', () => {
    assert.deepEqual(Object.keys(OPERATION_TABLE).sort(), [...OPERATIONS].sort());
    for (const [name, spec] of Object.entries(OPERATION_TABLE)) assert.equal(spec.name, name);
    const words = Object.values(OPERATION_TABLE).map((spec) => spec.command);
    for (const spec of Object.values(OPERATION_TABLE)) {
      const [command = '', ...rest] = spec.command.split(' ');
      assert.equal(operationFor(OPERATION_TABLE, command, [...rest, 'id'])?.spec, spec, `qod ${spec.command} runs ${spec.name}`);
    }
    assert.deepEqual(words.sort(), [
      'assignment create',
      'assignment get',
      'assignment of-device',
      'assignment revoke',
      'profiles',
      'session create',
      'session delete',
      'session extend',
      'session get',
      'session list',
    ]);
  });

  it('describes the request of each flavour', () => {
    assert.deepEqual(OPERATION_TABLE.extendSession.http('v1'), { method: 'POST', base: 'sessions', path: '/sessions/{sessionId}/extend' });
    assert.deepEqual(OPERATION_TABLE.listProfiles.http('v1'), { method: 'POST', base: 'profiles', path: '/retrieve-qos-profiles' });
    assert.deepEqual(OPERATION_TABLE.listProfiles.http('v0.10'), {
      method: 'GET',
      base: 'profiles',
      path: '/qos-profiles',
      query: ['name', 'status'],
    });
    assert.deepEqual(OPERATION_TABLE.deleteSession.http('v0.8'), { method: 'DELETE', base: 'sessions', path: '/sessions/{sessionId}' });
  });

  describe('runs against the sandbox in every flavour it claims', () => {
    const { sb, clock } = withSandbox({ activationDelayMs: 10 }, { manualClock: true });

    for (const flavour of ['v1', 'v0.10', 'v0.8'] as const) {
      it(`${flavour}: create, get, extend, retrieve, profiles, delete through the table`, async () => {
        const { client } = await sandboxClient(sb, flavour);
        const phone = { v1: '+34611100001', 'v0.10': '+34611100011', 'v0.8': '+34611100021' }[flavour];
        const body =
          flavour === 'v0.8'
            ? { ueId: { msisdn: phone.slice(1) }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E', duration: 600 }
            : { device: { phoneNumber: phone }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 600 };
        const created = await client.run('createSession', { body });
        const id = (created.value as SessionView).id;
        clock.advance(10);
        const inputs: Record<string, OperationInput> = {
          getSession: { id },
          extendSession: { id, body: { requestedAdditionalDuration: 60 } },
          retrieveSessions: { body: { device: { phoneNumber: phone } } },
          listProfiles: {},
        };
        for (const [name, input] of Object.entries(inputs)) {
          const spec = OPERATION_TABLE[name as keyof typeof OPERATION_TABLE];
          if (!spec.flavours.includes(flavour)) {
            await assert.rejects(client.run(spec, input), QodValidationError, `${name} is refused in ${flavour} before anything is sent`);
            continue;
          }
          const result = await client.run(spec, input);
          assert.equal(result.status, 200, name);
          if (spec.answer === 'session') assert.equal((result.value as SessionView).id, id);
          if (spec.answer === 'sessions' || spec.answer === 'profiles') assert.ok(Array.isArray(result.value), name);
        }
        assert.equal((await client.run('deleteSession', { id })).status, 204);
      });
    }
  });
});
