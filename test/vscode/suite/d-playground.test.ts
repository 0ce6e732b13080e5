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
    const playgroundTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('qod.playground'));
    await until('the playground tab', () => playgroundTabs().length > 0);
    assert.equal(playgroundTabs().length, 1, 'one panel, however often it is opened');
    assert.equal(panel.panel.options.enableFindWidget, true, 'Ctrl+F searches the page');
    await until('the webview to say ready and get its state', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    const created = await vscode.commands.executeCommand<{ id: string }>('qod.createSession', {
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_S',
      duration: 120,
    });
    await until('the exchanges to reach the webview', () =>
      panel.sent.some((m) => m.method === 'didRecordExchange' && JSON.stringify(m).includes('/quality-on-demand/v1/sessions')),
    );
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

  it('a CIBA sign-in from the playground that is never approved can be cancelled, and a failing request is still answered', async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    const panel = (await api()).openPlayground();
    await until('the playground to be ready', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    const reply = (id: number) => panel.sent.find((m) => m.type === 'reply' && m.id === id);
    // Last digit 7: the subscriber never approves; only Cancel ends it (before the 2-minute expiry).
    // (receive settles when the request is answered: not awaited here, the test is the one to cancel it.)
    const signingIn = panel.receive({
      type: 'request',
      id: 7001,
      method: 'signIn',
      params: { flow: 'ciba', loginHint: 'tel:+34666666667' },
    });
    await until(
      'the CIBA request to be made',
      () => panel.sent.some((m) => m.method === 'didStepSignIn' && JSON.stringify(m).includes('requested')),
      30_000,
    );
    assert.equal(reply(7001), undefined, 'still waiting for the subscriber');
    await panel.receive({ type: 'command', method: 'cancelSignIn', params: {} });
    await signingIn;
    const cancelled = await until('the sign-in reply', () => reply(7001), 10_000);
    assert.deepEqual(cancelled.type === 'reply' && cancelled.result, { ok: false, cancelled: true, message: 'cancelled' });
    // A send for an id that is not a UUID: the API says 400, and the page gets that answer (not silence).
    await panel.receive({ type: 'request', id: 7002, method: 'send', params: { operation: 'getSession', sessionId: 'not-a-uuid' } });
    const answered = await until('the send reply', () => reply(7002), 30_000);
    assert.ok(answered.type === 'reply' && (answered.result !== undefined || answered.error !== undefined));
    panel.dispose();
  });

  it('a pasted body whose device contradicts the 3-legged sign-in is flagged by validation and never sent', async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    const panel = (await api()).openPlayground();
    await until('the playground to be ready', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    const reply = (id: number) => panel.sent.find((m) => m.type === 'reply' && m.id === id);
    const body = {
      device: { phoneNumber: '+34666666669' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 60,
    };
    await panel.receive({ type: 'request', id: 7101, method: 'validate', params: { operation: 'createSession', body } });
    const validated = await until('the validate reply', () => reply(7101), 10_000);
    assert.match(JSON.stringify(validated), /device\.phoneNumber: the 3-legged sign-in already names the device \(tel:\+34666666662\)/);
    const recorder = (await (await services()).runtime()).transport.recorder;
    const before = recorder.list().length;
    await panel.receive({ type: 'request', id: 7102, method: 'send', params: { operation: 'createSession', body } });
    const sent = await until('the send reply', () => reply(7102), 10_000);
    assert.ok(sent.type === 'reply' && sent.result && (sent.result as { problems?: unknown[] }).problems?.length === 1);
    assert.equal(recorder.list().length, before, 'nothing left the machine');
    // Without the device, the token's: sent, and remembered with where, how and for whom.
    const { device: _device, ...withoutDevice } = body;
    await panel.receive({ type: 'request', id: 7103, method: 'send', params: { operation: 'createSession', body: withoutDevice } });
    const created = await until('the create reply', () => reply(7103), 20_000);
    assert.ok(created.type === 'reply' && (created.result as { status?: number }).status === 201, JSON.stringify(created));
    const history = [...panel.sent].reverse().find((m) => m.method === 'didChangeHistory');
    const latest = history?.type === 'notification' && Array.isArray(history.params) ? history.params[0] : undefined;
    assert.deepEqual(
      [latest?.environmentLabel, latest?.flow, latest?.device, latest?.status],
      ['Local sandbox', 'ciba', 'tel:+34666666662', 201],
    );
    await vscode.commands.executeCommand(
      'qod.deleteSession',
      (created.type === 'reply' && (created.result as { sessionId?: string }).sessionId) || '',
    );
    panel.dispose();
  });
});
