// Completions in a request file in the real host: the provider is registered for `.http` files, and the editor's
// own completion command offers the active flavour's operations on a request line and the body schema's fields
// inside a create request's body.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TEXT = [
  'POST {{$qod.sessions}}/sessions',
  'Content-Type: application/json',
  '',
  '{',
  '  "duration": 600,',
  '  ',
  '}',
  '',
  '###',
  '',
].join('\n');

async function labelsAt(uri: vscode.Uri, line: number, character: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    new vscode.Position(line, character),
  );
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('request file completions in a real VS Code', () => {
  let uri: vscode.Uri;

  before(async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the suite runs with a workspace folder');
    uri = vscode.Uri.from({ scheme: 'untitled', path: vscode.Uri.joinPath(folder.uri, 'completions.http').path });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), TEXT);
    await vscode.workspace.applyEdit(edit);
  });

  after(async () => {
    // Reverted, not saved: closing it must not ask.
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it("inside a create body: the flavour's fields, without the one already written", async () => {
    const labels = await labelsAt(uri, 5, 2);
    assert.ok(labels.includes('qosProfile'), JSON.stringify(labels));
    assert.ok(labels.includes('applicationServer'), JSON.stringify(labels));
    assert.ok(!labels.includes('duration'), JSON.stringify(labels));
  });

  it('on the empty line after ###: the operations, as method and URL', async () => {
    const labels = await labelsAt(uri, 9, 0);
    assert.ok(labels.includes('POST {{$qod.sessions}}/sessions'), JSON.stringify(labels));
    assert.ok(labels.includes('POST {{$qod.profiles}}/retrieve-qos-profiles'), JSON.stringify(labels));
  });
});
