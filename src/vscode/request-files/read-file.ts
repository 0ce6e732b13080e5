// A request file's text as the editor has it (unsaved edits included), else as saved on disk, and its parse; and the
// variables of its environment file.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { findEnvironmentFile } from '../../core/request-files/environment-file';
import type { RequestFile, Variable } from '../../core/request-files/model';
import { parseRequestFile } from '../../core/request-files/parse';

/** Files larger than this are not read for discovery or runs: a request file is a few KiB. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Whether a document is a request file (a saved `.http` file, or an untitled one named so). */
export function isRequestFile(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.http');
}

export async function readRequestFile(uri: vscode.Uri): Promise<{ text: string; file: RequestFile }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  if (open) text = open.getText();
  else {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_FILE_BYTES) throw new Error(`${vscode.workspace.asRelativePath(uri)} is larger than ${MAX_FILE_BYTES} bytes`);
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }
  return { text, file: parseRequestFile(text) };
}

/**
 * The variables of the `http-client.env.json` nearest the file, found by the core's one search (environment-file.ts):
 * its folder, or one above it inside its workspace folder (a file outside every workspace folder looks in its own
 * folder only; an untitled file in the first workspace folder): `$shared`'s and those of the environment the
 * `qod.requestFiles.variables` setting names. A problem for that environment stops the run, in words.
 */
export async function readEnvironmentVariables(uri: vscode.Uri): Promise<Variable[]> {
  const name = vscode.workspace.getConfiguration('qod', uri).get<string>('requestFiles.variables')?.trim() || undefined;
  const untitled = uri.scheme === 'untitled';
  const root = untitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.workspace.getWorkspaceFolder(uri)?.uri;
  const start = untitled ? root : vscode.Uri.joinPath(uri, '..');
  if (!start) return [];
  const read = (path: string): Promise<string | undefined> =>
    Promise.resolve(
      vscode.workspace.fs.readFile(start.with({ path })).then(
        (bytes) => new TextDecoder().decode(bytes.subarray(0, MAX_FILE_BYTES)),
        () => undefined,
      ),
    );
  const found = await findEnvironmentFile(start.path, root?.path, name, read, posix);
  if (found.problems.length) {
    const where = found.path ? vscode.workspace.asRelativePath(start.with({ path: found.path })) : '';
    throw new Error(found.problems.map((p) => (found.path ? p.replace(found.path, where) : p)).join('; '));
  }
  return found.variables;
}
