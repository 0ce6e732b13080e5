// In the real host: the playground's Save as request file writes the request's http export to the file the user
// picks (proposed as `<operation>.http` in the workspace folder), a file that parses and holds no secret, and
// refuses code that holds one; QoD: Import Collection or OpenAPI… turns a Postman collection into request files
// in the folder picked (proposed: the workspace's `requests`) and logs what was not imported.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { secretsInFile } from '../../../src/core/request-files/secrets';
import type { HostToWebview } from '../../../src/shared/protocol';
import { api, EXTENSION_ID, services, until } from './support';

type Window = {
  showSaveDialog: typeof vscode.window.showSaveDialog;
  showOpenDialog: typeof vscode.window.showOpenDialog;
};
const window = vscode.window as Window;

describe('request files from the playground and from a collection, in a real VS Code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qod-save-import-'));
  const original = { showSaveDialog: window.showSaveDialog, showOpenDialog: window.showOpenDialog };

  afterEach(async () => {
    Object.assign(window, original);
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Save as request file writes the http export where the user picks, opens it; it parses and holds no secret', async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    const panel = (await api()).openPlayground();
    await until('the playground to be ready', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
    const body = { device: { phoneNumber: '+34666666661' }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_L' };
    // As the page does: the existing export in the http language, then the command with its code.
    await panel.receive({
      type: 'request',
      id: 9501,
      method: 'exportCode',
      params: { language: 'http', operation: 'createSession', body },
    });
    const reply = await until('the export', () =>
      panel.sent.find((m): m is Extract<HostToWebview, { type: 'reply' }> => m.type === 'reply' && m.id === 9501),
    );
    const code = (reply.result as { code?: string }).code;
    assert.ok(code, JSON.stringify(reply));

    const target = vscode.Uri.file(join(dir, 'saved.http'));
    let proposed: vscode.Uri | undefined;
    let filters: Record<string, string[]> | undefined;
    // The dialog itself is the workbench's; what the extension proposes, and what it does with the answer, is the point.
    window.showSaveDialog = async (options) => {
      proposed = options?.defaultUri;
      filters = options?.filters;
      return target;
    };
    await panel.receive({ type: 'command', method: 'saveRequestFile', params: { code, operation: 'createSession' } });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    assert.equal(proposed?.fsPath, join(folder, 'createSession.http'));
    assert.deepEqual(Object.values(filters ?? {}), [['http']]);

    const text = readFileSync(target.fsPath, 'utf8');
    const file = parseRequestFile(text);
    assert.deepEqual(file.problems, []);
    assert.equal(file.requests.length, 1);
    assert.equal(file.requests[0]?.method, 'POST');
    assert.ok(text.includes('Authorization: Bearer {{$qod.accessToken}}'), text);
    assert.deepEqual(secretsInFile(text), []);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, target.fsPath, 'the saved file is opened');

    // Code that holds a literal credential is refused: no dialog, nothing written.
    const refused = vscode.Uri.file(join(dir, 'refused.http'));
    let asked = false;
    window.showSaveDialog = async () => {
      asked = true;
      return refused;
    };
    const secret = 'GET {{$qod.sessions}}/sessions/1\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl\n';
    assert.ok(secretsInFile(secret).length > 0, 'the fixture holds a literal token');
    await panel.receive({ type: 'command', method: 'saveRequestFile', params: { code: secret, operation: 'getSession' } });
    assert.equal(asked, false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(refused)));
    panel.dispose();
  });

  it('QoD: Import Collection or OpenAPI… writes the Postman collection as request files and logs what was not imported', async () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath as string;
    const collection = vscode.Uri.file(join(root, 'test', 'fixtures', 'postman', 'operator-qod.postman_collection.json'));
    const out = vscode.Uri.file(join(dir, 'requests'));
    const asked: Array<vscode.OpenDialogOptions | undefined> = [];
    window.showOpenDialog = async (options) => {
      asked.push(options);
      return [asked.length === 1 ? collection : out];
    };
    const s = await services();
    const logged = s.log.lines().length;
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('qod.importRequests');

    assert.deepEqual(Object.values(asked[0]?.filters ?? {}), [['json', 'yaml', 'yml']]);
    assert.equal(asked[1]?.canSelectFolders, true);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath as string;
    assert.equal(asked[1]?.defaultUri?.fsPath, join(folder, 'requests'));
    assert.ok(written.length > 0, 'files written');
    for (const uri of written) {
      assert.ok(uri.fsPath.startsWith(out.fsPath), uri.fsPath);
      const text = readFileSync(uri.fsPath, 'utf8');
      assert.deepEqual(parseRequestFile(text).problems, [], uri.fsPath);
      assert.deepEqual(secretsInFile(text), [], uri.fsPath);
    }
    const log = s.log.lines().slice(logged);
    assert.ok(
      log.some((l) => l.includes('not imported') && l.includes('test script')),
      log.join('\n'),
    );
    assert.ok(
      log.some((l) => l.includes(`wrote ${written[0]?.fsPath}`)),
      log.join('\n'),
    );
  });

  it('Import with several files picked (the environment first, saved with a BOM): the messages name the collection', async () => {
    const environment = join(dir, 'e.json');
    const collection = join(dir, 'c.json');
    writeFileSync(environment, `\uFEFF${JSON.stringify({ name: 'E', values: [{ key: 'host', value: 'h' }] })}`);
    // A collection without requests: nothing to import, so the message names a file.
    writeFileSync(collection, JSON.stringify({ info: { name: 'C' }, item: [] }));
    const s = await services();
    const logged = s.log.lines().length;
    const inputs = [vscode.Uri.file(environment), vscode.Uri.file(collection)];
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('qod.importRequests', inputs, vscode.Uri.file(join(dir, 'none')));
    assert.deepEqual(written, []);
    const log = s.log.lines().slice(logged).join('\n');
    assert.ok(log.includes('Nothing to import from c.json'), log);
  });
});
