// QoS Provisioning in the real extension host, against the local sandbox (QoD v1's release: QoS Provisioning 0.3.0):
// the palette commands, the sessions view's "QoS assignments" group, and QoD: Run Operation… naming one.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AssignmentView } from '../../../src/core/camara/normalise';
import type { SessionsNode } from '../../../src/views/sessions-tree';
import { api, services } from './support';

describe('QoS assignments through the commands and the sessions view, against the local sandbox', () => {
  let assignmentId = '';

  const assignmentNode = async (): Promise<SessionsNode | undefined> => {
    const { tree } = (await api()).views();
    const env = tree.getChildren().find((n) => n.kind === 'environment' && n.id === 'sandbox');
    const group = env && tree.getChildren(env).find((n) => n.kind === 'assignments');
    return group && tree.getChildren(group).find((n) => n.kind === 'assignment' && n.assignment.id === assignmentId);
  };

  it('starts the sandbox, signs in with CIBA, and assigns a profile to the signed-in device (the token names it)', async () => {
    await vscode.commands.executeCommand<string>('qod.startSandbox');
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    const made = await vscode.commands.executeCommand<AssignmentView>('qod.createAssignment', { qosProfile: 'QOS_E' });
    assert.equal(made.status, 'AVAILABLE');
    assert.equal(made.qosProfile, 'QOS_E');
    assignmentId = made.id;
    const s = await services();
    const calls = (await s.runtime()).transport.recorder.list().filter((e) => e.kind === 'api');
    assert.match(calls.at(-1)?.url ?? '', /\/qos-provisioning\/v0\.3\/qos-assignments$/);
    assert.equal(JSON.parse(calls.at(-1)?.requestBody ?? '{}').device, undefined, 'a 3-legged token names the device, the body not');
  });

  it('shows it in the sessions view under "QoS assignments", with profile and status, revocable inline', async () => {
    const { tree } = (await api()).views();
    const node = await assignmentNode();
    assert.ok(node, 'the assignment is in its group');
    const item = tree.getTreeItem(node);
    assert.match(String(item.description), /^QOS_E · .*AVAILABLE$/);
    assert.equal(item.contextValue, 'assignment-active');
    const manifest = vscode.extensions.getExtension('qod-playground.qod-playground')?.packageJSON as {
      contributes: { menus: Record<string, Array<{ command: string; when: string }>> };
    };
    const inline = manifest.contributes.menus['view/item/context']?.find((m) => m.command === 'qod.revokeAssignment');
    assert.match(inline?.when ?? '', /viewItem == assignment-active/);
  });

  it("finds it as the device's assignment, and reads it through QoD: Run Operation… (a script names it)", async () => {
    const found = await vscode.commands.executeCommand<AssignmentView>('qod.assignmentOfDevice', {});
    assert.equal(found.id, assignmentId);
    const got = await vscode.commands.executeCommand<AssignmentView>('qod.runOperation', {
      operation: 'getAssignment',
      sessionId: assignmentId,
    });
    assert.equal(got.id, assignmentId);
  });

  it('revokes it from its node in the view: the view shows it ended (DELETE_REQUESTED)', async () => {
    const node = await assignmentNode();
    assert.ok(node);
    const revoked = await vscode.commands.executeCommand<{ revoked: string }>('qod.revokeAssignment', node);
    assert.equal(revoked.revoked, assignmentId);
    const { tree } = (await api()).views();
    const after = await assignmentNode();
    assert.ok(after, 'kept in the view, ended');
    const item = tree.getTreeItem(after);
    assert.equal(item.contextValue, 'assignment-ended');
    assert.match(String(item.description), /UNAVAILABLE \(DELETE_REQUESTED\)/);
    const s = await services();
    assert.ok(s.log.lines().some((l) => l.includes(`revoked assignment ${assignmentId}`)));
  });

  it('signs out and stops the sandbox', async () => {
    assert.equal(await vscode.commands.executeCommand('qod.signOut', {}), true);
    await vscode.commands.executeCommand('qod.stopSandbox');
  });
});
