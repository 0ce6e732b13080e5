// In the real host, the exchanges the extension makes for itself reach the playground marked as its own (so the
// sequence diagram does not draw them as "your app"), and the user's own request for the same thing is not.
// And Save as SVG proposes a file in the workspace folder (or the home folder), not at the filesystem root.
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExchangeView } from '../../../src/shared/protocol';
import { api, until } from './support';

describe("playground in the real host: the extension's own calls", () => {
  it("the profile list read for the form is marked as the extension's own; the same list asked for by the user is not", async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    const panel = (await api()).openPlayground();
    await until('the playground to be ready', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    const profileReads = (from: number) =>
      panel.sent
        .slice(from)
        .flatMap((m) =>
          m.type === 'notification' && m.method === 'didRecordExchange' && m.params.url.includes('qos-profiles')
            ? [m.params as ExchangeView]
            : [],
        );
    // The page says ready again (a reload): the host reads the profiles for the form.
    let from = panel.sent.length;
    await panel.receive({ type: 'command', method: 'ready', params: {} });
    const own = await until('the profile list for the form', () => profileReads(from)[0], 30_000);
    assert.equal(own.own, 'reads the QoS profiles for the form');
    // The user sends List profiles from the playground: the same endpoint, the user's request.
    from = panel.sent.length;
    await panel.receive({ type: 'request', id: 9301, method: 'send', params: { operation: 'listProfiles', body: {} } });
    const mine = await until("the user's profile list", () => profileReads(from)[0], 30_000);
    assert.equal(mine.own, undefined);
    panel.dispose();
  });

  it('Save as SVG proposes qod-sequence.svg in the workspace folder, or the home folder without one', async () => {
    const panel = (await api()).openPlayground();
    await until('the playground to be ready', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    const window = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog };
    const original = window.showSaveDialog;
    let proposed: vscode.Uri | undefined;
    // The dialog itself is the workbench's; what the extension asks it to propose is the point.
    window.showSaveDialog = async (options) => {
      proposed = options?.defaultUri;
      return undefined;
    };
    try {
      const saving = panel.receive({
        type: 'command',
        method: 'saveSvg',
        params: { svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      });
      await until('the save dialog to be asked for', () => proposed, 10_000);
      await saving;
    } finally {
      window.showSaveDialog = original;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
    assert.equal(proposed?.fsPath, join(folder, 'qod-sequence.svg'));
    panel.dispose();
  });
});
