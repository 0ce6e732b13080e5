// New Request File (a starter file for every operation of the active environment's flavour), Send (one request
// of a file, the CodeLens above it) and Send All.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { OPERATION_TABLE } from '../core/operations';
import type { FileResult } from '../core/request-files/results';
import { starterFile, type StarterOptions } from '../core/request-files/starter';
import { isSandbox, isSandboxAggregator } from '../vscode/environments';
import { PlaygroundPanel } from '../vscode/playground/panel';
import { asSendResult } from '../vscode/request-files/as-send-result';
import { readRequestFile } from '../vscode/request-files/read-file';
import { fileRunner } from '../vscode/request-files/run-file';
import { showFileResult } from '../vscode/request-files/show-result';
import type { Services } from '../vscode/services';
import { offeredFlows } from '../vscode/sign-in';

export async function newRequestFile(s: Services): Promise<vscode.TextDocument> {
  const environmentId = s.environments.activeId;
  const flavour = s.environments.flavourOf(environmentId);
  const text = starterFile(OPERATION_TABLE, flavour, await signInFor(s, environmentId));
  // Untitled, but named `….http`: its lenses show at once, and Save proposes that name.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  let uri = vscode.Uri.from({ scheme: 'untitled', path: join(folder, `qod-${flavour}.http`) });
  for (let n = 2; taken.has(uri.toString()); n++)
    uri = vscode.Uri.from({ scheme: 'untitled', path: join(folder, `qod-${flavour}-${n}.http`) });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  // REST Client's or httpYac's `http` language when one is installed; plain text otherwise.
  const withLanguage = (await vscode.languages.getLanguages()).includes('http')
    ? await vscode.languages.setTextDocumentLanguage(document, 'http')
    : document;
  await vscode.window.showTextDocument(withLanguage);
  return withLanguage;
}

/** The sandbox signs in with client credentials; a provider with the first of its flows, preferring those. */
async function signInFor(s: Services, environmentId: string): Promise<StarterOptions> {
  // Through the sandbox's aggregator every request is routed; the starter's device is Azul Mobile's.
  if (isSandboxAggregator(environmentId)) return { signIn: { flow: 'client_credentials' }, route: '+34666666661' };
  if (isSandbox(environmentId)) return { signIn: { flow: 'client_credentials' } };
  const runtime = await s.runtime(environmentId);
  const flows = offeredFlows(runtime).map((f) => f.id);
  const flow = flows.find((f) => f === 'client_credentials') ?? flows.find((f) => f === 'ciba') ?? flows[0] ?? 'client_credentials';
  return { signIn: { flow, loginHint: flow === 'client_credentials' ? undefined : runtime.environment.loginHint } };
}

export async function sendRequest(s: Services, uri?: vscode.Uri, line?: number): Promise<FileResult | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return undefined;
  return send(s, target, line ?? (await requestAtCursor(target)));
}

export async function sendAllRequests(s: Services, uri?: vscode.Uri): Promise<FileResult | undefined> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  return target ? send(s, target, undefined) : undefined;
}

async function send(s: Services, uri: vscode.Uri, only: number | undefined): Promise<FileResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('QoD: sending requests'), cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return fileRunner(s)(uri, { only, signal: abort.signal });
    },
  );
  showFileResult(s.log, result);
  // One place to read answers: the last request sent (Send's one, Send All's last) in the playground's response view;
  // when none was sent, the reason the last was skipped.
  const last = result.requests.filter((r) => !r.skipped).at(-1) ?? result.requests.at(-1);
  if (last) PlaygroundPanel.createOrShow(s).showResult(asSendResult(last));
  return result;
}

/** Without a line (the palette): the request the cursor is in. */
async function requestAtCursor(uri: vscode.Uri): Promise<number | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.uri.toString() !== uri.toString()) return undefined;
  const cursor = editor.selection.active.line + 1;
  const { file } = await readRequestFile(uri);
  const request = file.requests.find((r) => r.startLine <= cursor && cursor <= r.endLine);
  if (!request) throw new Error(vscode.l10n.t('Put the cursor in a request to send it (or use Send All).'));
  return request.line;
}
