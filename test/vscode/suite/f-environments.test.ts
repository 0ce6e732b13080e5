import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apiUrls } from '../../../src/core/environments';
import { services } from './support';

const TELEFONICA = 'https://sandbox.opengateway.telefonica.com/apigateway';

describe('adding a provider environment', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('qod').update('environments', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
  });

  it('adds the Telefónica Open Gateway sandbox from its preset: a client id in the user settings, nothing secret', async () => {
    // A CIBA sign-in on the sandbox, which adding another environment must leave alone.
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    const id = await vscode.commands.executeCommand<string>('qod.addEnvironment', { preset: 'telefonica', clientId: 'mock_sandbox_app_id', flavour: 'v0.10' });
    assert.equal(id, 'telefonica');
    const second = await vscode.commands.executeCommand<string>('qod.addEnvironment', { preset: 'telefonica', clientId: 'another_app', flavour: 'v1' });
    assert.equal(second, 'telefonica-2', 'ids stay unique');
    const s = await services();
    assert.equal(s.environments.activeId, 'telefonica-2', 'the added environment becomes the active one');
    assert.deepEqual(s.environments.choices().map((c) => c.id).slice(-2), ['telefonica', 'telefonica-2']);
    // No network here: the environment is checked as resolved, not called.
    const v010 = s.environments.resolve('telefonica');
    assert.equal(v010.flavour, 'v0.10');
    assert.equal(v010.endpoints?.backchannelAuthentication, `${TELEFONICA}/bc-authorize`);
    assert.equal(v010.scope, 'dpv:RequestedServiceProvision#qod');
    assert.equal(apiUrls(v010).sessions, `${TELEFONICA}/qod/v0`);
    assert.equal(apiUrls(s.environments.resolve('telefonica-2')).sessions, `${TELEFONICA}/quality-on-demand/v1`);
    const stored = vscode.workspace.getConfiguration('qod').inspect<Array<Record<string, unknown>>>('environments');
    assert.deepEqual(stored?.globalValue?.map((e) => Object.keys(e).sort()), [['clientId', 'flavour', 'id', 'preset'], ['clientId', 'flavour', 'id', 'preset']]);
    assert.equal(stored?.workspaceValue, undefined, 'never in the workspace settings');
    const sandbox = await s.runtime('sandbox');
    assert.deepEqual([sandbox.auth.signedIn?.flow, sandbox.auth.signedIn?.subject], ['ciba', 'tel:+34666666662'], 'the sandbox is still signed in as before');
  });
});
