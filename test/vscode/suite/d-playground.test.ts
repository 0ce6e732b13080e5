import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlaygroundPanel } from '../../../src/vscode/playground/panel';
import { api, services, until } from './support';

describe('playground in the real host', () => {
  it('opens as a single panel, says ready, and never sends a secret or a token to the webview', async () => {
    const s = await services();
    await vscode.commands.executeCommand('qod.openPlayground');
    await vscode.commands.executeCommand('qod.openPlayground');
    const panel: PlaygroundPanel = (await api()).openPlayground();
    const playgroundTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('qod.playground'));
    await until('the playground tab', () => playgroundTabs().length > 0);
    assert.equal(playgroundTabs().length, 1, 'one panel, however often it is opened');
    await until('the webview to say ready and get its state', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    const created = await vscode.commands.executeCommand<{ id: string }>('qod.createSession', { applicationServer: '198.51.100.10', qosProfile: 'QOS_S', duration: 120 });
    await until('the exchanges to reach the webview', () => panel.sent.some((m) => m.method === 'didRecordExchange' && JSON.stringify(m).includes('/quality-on-demand/v1/sessions')));
    const runtime = await s.runtime();
    const accessToken = await runtime.auth.accessToken();
    const secrets = [accessToken, 'qod-demo-secret'];
    const sent = JSON.stringify(panel.sent);
    for (const secret of secrets) assert.ok(!sent.includes(secret), `leaked to the webview: ${secret.slice(0, 10)}…`);
    assert.ok(sent.includes('[REDACTED]'), 'the trace shows redacted credentials');
    await vscode.commands.executeCommand('qod.deleteSession', created.id);
    panel.dispose();
    const again = (await api()).openPlayground();
    assert.notEqual(again, panel, 'a closed panel is not reused');
    // Closed once it is up: closing a webview the workbench is still attaching only makes it complain.
    await until('the new panel to say ready', () => again.sent.some((m) => m.method === 'didChangeState'), 30_000);
    again.dispose();
  });
});
