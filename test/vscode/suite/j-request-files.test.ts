// Request files in the real host, on the local sandbox: New Request File opens a starter file that parses; the
// Testing view's controller discovers a workspace file, and a run passes the good request and fails the wrong
// `?? status == 418` at its line; the lenses sit at the request lines; a literal secret is warned about at its line.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { OPERATION_TABLE, operationsIn } from '../../../src/core/operations';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { starterFile } from '../../../src/core/request-files/starter';
import { api, EXTENSION_ID, until } from './support';

const FIXTURE_REQUEST_LINES = [7, 16];
const WRONG_ASSERTION_LINE = 22;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite runs with a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

describe('request files in a real VS Code', () => {
  const target = workspaceFile('status.http');

  before(async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath as string;
    copyFileSync(join(root, 'test', 'fixtures', 'request-files', 'status.http'), target.fsPath);
  });

  after(async () => {
    // The untitled files are reverted, not saved: closing them must not ask.
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    rmSync(target.fsPath, { force: true });
  });

  it('QoD: New Request File opens a starter file for every operation of the active flavour, which parses', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('qod.newRequestFile');
    assert.ok(document, 'a document');
    assert.ok(document.uri.path.endsWith('.http'), document.uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document, document);
    const file = parseRequestFile(document.getText());
    assert.deepEqual(file.problems, []);
    assert.equal(file.requests.length, operationsIn(OPERATION_TABLE, 'v1').length);
    assert.equal(file.signIn?.flow, 'client_credentials');
  });

  it('the Testing view discovers a request file created in the workspace, a child per request with assertions', async () => {
    const { tests } = (await api()).requestFiles();
    const item = await until('the file is discovered', () => tests.controller.items.get(target.toString()));
    const children: vscode.TestItem[] = [];
    item.children.forEach((c) => children.push(c));
    assert.deepEqual(
      children.map((c) => (c.range?.start.line ?? -1) + 1),
      FIXTURE_REQUEST_LINES,
    );
  });

  it('a run passes the good request and fails the wrong status at its assertion line', async () => {
    const { tests } = (await api()).requestFiles();
    const item = await until('the file is discovered', () => tests.controller.items.get(target.toString()));
    const cancel = new vscode.CancellationTokenSource();
    await tests.profile.runHandler(new vscode.TestRunRequest([item], undefined, tests.profile), cancel.token);
    cancel.dispose();
    const [good, wrong] = FIXTURE_REQUEST_LINES.map((line) => tests.outcomes.get(`${target.toString()}#${line}`));
    assert.equal(good?.state, 'passed', JSON.stringify(good));
    assert.equal(wrong?.state, 'failed', JSON.stringify(wrong));
    assert.equal(wrong.messages[0]?.line, WRONG_ASSERTION_LINE);
    assert.match(wrong.messages[0]?.message ?? '', /418/);
  });

  it('a starter file with a CIBA sign-in (create, eventually AVAILABLE, extend, delete) runs green in the Testing view', async () => {
    const { tests } = (await api()).requestFiles();
    const lifecycle = workspaceFile('lifecycle.http');
    const text = starterFile(OPERATION_TABLE, 'v1', { signIn: { flow: 'ciba', loginHint: 'tel:+34666666664' } });
    writeFileSync(lifecycle.fsPath, text);
    try {
      const item = await until('the file is discovered', () => tests.controller.items.get(lifecycle.toString()));
      const cancel = new vscode.CancellationTokenSource();
      await tests.profile.runHandler(new vscode.TestRunRequest([item], undefined, tests.profile), cancel.token);
      cancel.dispose();
      const lines = parseRequestFile(text).requests.map((r) => r.line);
      const states = lines.map((line) => tests.outcomes.get(`${lifecycle.toString()}#${line}`));
      assert.equal(lines.length, operationsIn(OPERATION_TABLE, 'v1').length);
      assert.deepEqual(
        states.map((o) => o?.state),
        lines.map(() => 'passed'),
        JSON.stringify(states),
      );
      // Send (the lens) of one request reads the answer of the create request the run above sent.
      const extend = parseRequestFile(text).requests.find((r) => r.url.endsWith('/extend'));
      const sent = (await vscode.commands.executeCommand('qod.sendRequest', lifecycle, extend?.line)) as {
        requests: Array<{ skipped?: string; status?: number; request: { url: string } }>;
      };
      assert.deepEqual(
        sent.requests.map((r) => [r.skipped, typeof r.status]),
        [[undefined, 'number']],
        'sent with the id the run read, not skipped',
      );
    } finally {
      rmSync(lifecycle.fsPath, { force: true });
    }
  });

  it('Send fills placeholders from http-client.env.json: the environment qod.requestFiles.variables names, over $shared', async () => {
    const file = workspaceFile('variables.http');
    const envFile = workspaceFile('http-client.env.json');
    writeFileSync(file.fsPath, '# @qod sign-in client_credentials\nPOST {{$qod.profiles}}/{{path}}\n\n{}\n\n?? status == {{expect}}\n');
    writeFileSync(envFile.fsPath, JSON.stringify({ $shared: { path: 'retrieve-qos-profiles', expect: '201' }, local: { expect: '200' } }));
    const config = vscode.workspace.getConfiguration('qod');
    type Sent = { ok: boolean; requests: Array<{ assertions: Array<{ message: string }> }> };
    try {
      const shared = (await vscode.commands.executeCommand('qod.sendAllRequests', file)) as Sent;
      assert.equal(shared.requests[0]?.assertions[0]?.message, 'status: expected == 201, got 200', 'only $shared');
      await config.update('requestFiles.variables', 'local', vscode.ConfigurationTarget.Workspace);
      const local = (await vscode.commands.executeCommand('qod.sendAllRequests', file)) as Sent;
      assert.equal(local.ok, true, JSON.stringify(local.requests));
      await config.update('requestFiles.variables', 'prod', vscode.ConfigurationTarget.Workspace);
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('qod.sendAllRequests', file)),
        /No environment "prod" in http-client\.env\.json: it has "local"/,
      );
    } finally {
      await config.update('requestFiles.variables', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(file.fsPath, { force: true });
      rmSync(envFile.fsPath, { force: true });
    }
  });

  it('a file outside every workspace folder looks for http-client.env.json in its own folder only', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'qod-outside-'));
    const file = vscode.Uri.file(join(outside, 'sub', 'a.http'));
    mkdirSync(join(outside, 'sub'));
    writeFileSync(
      file.fsPath,
      '# @qod sign-in client_credentials\nPOST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n\n?? status == {{expect}}\n',
    );
    // One folder up: not read (on a shared /tmp it could be anyone's).
    writeFileSync(join(outside, 'http-client.env.json'), JSON.stringify({ $shared: { expect: '200' } }));
    try {
      type Sent = { ok: boolean; requests: Array<{ error?: { message: string } }> };
      const alone = (await vscode.commands.executeCommand('qod.sendAllRequests', file)) as Sent;
      assert.equal(alone.requests[0]?.error?.message, 'Unknown placeholder {{expect}}');
      writeFileSync(join(outside, 'sub', 'http-client.env.json'), JSON.stringify({ $shared: { expect: '200' } }));
      const sent = (await vscode.commands.executeCommand('qod.sendAllRequests', file)) as Sent;
      assert.equal(sent.ok, true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('the lenses: Send all at the top, Sign in on the sign-in line, Send at each request line', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', target);
    const at = (command: string) => lenses.filter((l) => l.command?.command === command).map((l) => l.range.start.line + 1);
    assert.deepEqual(at('qod.sendRequest'), FIXTURE_REQUEST_LINES);
    assert.deepEqual(at('qod.sendAllRequests'), [1]);
    assert.deepEqual(at('qod.signIn'), [3]);
    const send = lenses.find((l) => l.command?.command === 'qod.sendRequest');
    assert.deepEqual(send?.command?.arguments?.[1], FIXTURE_REQUEST_LINES[0]);
  });

  it('QoD: Send Request (the lens) runs that one request', async () => {
    const result = (await vscode.commands.executeCommand('qod.sendRequest', target, FIXTURE_REQUEST_LINES[1])) as {
      ok: boolean;
      requests: Array<{ request: { line: number }; status?: number }>;
    };
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.requests.map((r) => [r.request.line, r.status]),
      [[FIXTURE_REQUEST_LINES[1], 200]],
    );
  });

  it('a literal secret in a request file is warned about at its line, without repeating it', async () => {
    const token = ['eyJhbGciOiJSUzI1NiJ9', 'eyJzdWIiOiJ0ZWwifQ', 'c2lnbmF0dXJlLXZhbHVl'].join('.');
    const uri = vscode.Uri.from({ scheme: 'untitled', path: workspaceFile('secret.http').path });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), `GET https://example.test/a\nAuthorization: Bearer ${token}\n`);
    await vscode.workspace.applyEdit(edit);
    const diagnostics = await until('a warning', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'QoD');
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line + 1, d.severity]),
      [[2, vscode.DiagnosticSeverity.Warning]],
    );
    assert.ok(!diagnostics[0]?.message.includes(token.slice(0, 12)), diagnostics[0]?.message);
  });

  it('a credential in http-client.env.json is flagged at its line in the editor, without repeating it', async () => {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: workspaceFile('http-client.env.json').path });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '{\n  "$shared": {\n    "host": "h",\n    "auth": "Basic dXNlcjpzM2NyM3Q="\n  }\n}\n');
    await vscode.workspace.applyEdit(edit);
    const diagnostics = await until('an error', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'QoD');
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line + 1, d.severity]),
      [[4, vscode.DiagnosticSeverity.Error]],
    );
    assert.ok(!diagnostics[0]?.message.includes('dXNlcj'), diagnostics[0]?.message);
  });

  it("a body field the active flavour's schema refuses is an error at that field's line, naming it", async () => {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: workspaceFile('invalid-body.http').path });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const text = 'POST {{$qod.sessions}}/sessions\nContent-Type: application/json\n\n{\n  "qosProfile": "QOS_E",\n  "duration": "ten"\n}\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    const duration = await until('an error at the duration line', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'QoD' && /^duration: /.test(d.message)),
    );
    assert.deepEqual([duration.range.start.line + 1, duration.severity], [6, vscode.DiagnosticSeverity.Error]);
  });

  it("QoD: Send Request shows the answer in the playground's response view, with why it failed", async () => {
    await vscode.commands.executeCommand('qod.sendRequest', target, FIXTURE_REQUEST_LINES[1]);
    const panel = (await api()).openPlayground() as { sent: Array<{ method?: string; params?: unknown }> };
    const shown = panel.sent.filter((m) => m.method === 'didShowResult').at(-1)?.params as
      { ok: boolean; status?: number; message?: string; title?: string } | undefined;
    assert.ok(shown, 'the playground was told to show the answer');
    assert.deepEqual([shown.ok, shown.status], [false, 200]);
    assert.match(shown.message ?? '', /418/);
    // Back to a text editor: `after` closes the untitled files while one is active.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
  });
});
