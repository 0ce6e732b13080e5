import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'qod-playground.qod-playground';

describe('QoD Playground in a real VS Code', () => {
  it('activates and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
    // One list of ids: activation registers the manifest's, and the command table handles exactly those.
    const api = extension.exports as { commandIds(): readonly string[] };
    assert.deepEqual([...api.commandIds()].sort(), [...contributed].sort());
  });
});
