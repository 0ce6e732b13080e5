// Several operators in the real extension host: the built-in "Sandbox operators (aggregator)" environment starts the
// operator network on first use, and the palette's commands route each session to the operator serving its device
// (each with its own catalogue), then read and delete it there by id.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionView } from '../../../src/core/camara/normalise';
import { services } from './support';

const create = (phoneNumber: string, qosProfile: string) =>
  vscode.commands.executeCommand<SessionView>('qod.createSession', {
    device: { phoneNumber },
    applicationServer: '198.51.100.10',
    qosProfile,
    duration: 600,
  });

describe('several operators through the sandbox aggregator, from the command palette', () => {
  after(async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
  });

  it("creates each device's session at its operator with that operator's profile, reads and deletes it there", async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox-operators');
    const azul = await create('+34666666661', 'QOS_E');
    const verde = await create('+44666666661', 'VERDE_REALTIME');
    assert.equal(verde.qosProfile, 'VERDE_REALTIME');

    const runtime = await (await services()).runtime('sandbox-operators');
    const operators = runtime.router?.routed ?? [];
    assert.deepEqual(operators.map((o) => o.route.operatorId).sort(), ['azul', 'verde']);
    for (const [operatorId, session] of [
      ['azul', azul],
      ['verde', verde],
    ] as const) {
      const at = operators.find((o) => o.route.operatorId === operatorId)!;
      const creates = at.runtime.transport.recorder.list().filter((e) => e.kind === 'api' && e.method === 'POST');
      assert.ok(
        creates.some((e) => e.url.startsWith(at.route.apiRoot)),
        `${operatorId}'s create went to its own API root`,
      );
      const read = await vscode.commands.executeCommand<SessionView>('qod.getSession', session.id);
      assert.equal(read.id, session.id);
      assert.equal(await vscode.commands.executeCommand('qod.deleteSession', session.id), true);
    }
  });

  it("refuses another operator's profile name (each operator has its own catalogue)", async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox-operators');
    await assert.rejects(Promise.resolve(create('+34666666662', 'VERDE_REALTIME')), /VERDE_REALTIME/);
  });

  it('says there is nothing to sign in to at the aggregator (each operator signs in by itself)', async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox-operators');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666661' })),
      /routes each request to the operator serving its device, which signs in by itself/,
    );
  });
});
