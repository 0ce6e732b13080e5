import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { credentialKey } from '../../../src/vscode/secret-storage';
import { services } from './support';

describe('credentials', () => {
  it('a client secret goes to SecretStorage and nowhere else: no setting, no globalState key, no log line', async () => {
    const s = await services();
    const secret = 'recognisable-client-secret-4711';
    assert.equal(await vscode.commands.executeCommand('qod.setClientSecret', { environmentId: 'elsewhere', secret }), true);
    assert.equal(await s.secrets.get(credentialKey('elsewhere', 'clientSecret')), secret);
    assert.equal(await s.context.secrets.get(`qod:${credentialKey('elsewhere', 'clientSecret')}`), secret, 'namespaced in SecretStorage');
    const settings =
      JSON.stringify(vscode.workspace.getConfiguration().inspect('qod')) + JSON.stringify(vscode.workspace.getConfiguration('qod'));
    assert.ok(!settings.includes(secret), 'not in settings');
    for (const key of s.context.globalState.keys())
      assert.ok(!JSON.stringify(s.context.globalState.get(key)).includes(secret), `not in globalState ${key}`);
    for (const key of s.context.workspaceState.keys())
      assert.ok(!JSON.stringify(s.context.workspaceState.get(key)).includes(secret), `not in workspaceState ${key}`);
    assert.ok(!s.log.lines().some((l) => l.includes(secret)), 'not in the log');
    await vscode.commands.executeCommand('qod.clearCredentials', { environmentId: 'elsewhere' });
    assert.equal(await s.secrets.get(credentialKey('elsewhere', 'clientSecret')), undefined);
  });

  it('refuses something that is not a private key', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('qod.setPrivateKey', { environmentId: 'elsewhere', privateKey: 'hello' })),
      /not a private key/,
    );
  });
});
