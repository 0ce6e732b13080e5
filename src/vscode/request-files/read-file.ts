// A request file's text as the editor has it (unsaved edits included), else as saved on disk, and its parse; and the
// variables of its environment file.
import * as vscode from 'vscode';
import { ENVIRONMENT_FILE, environmentVariables, parseEnvironmentFile } from '../../core/request-files/environment-file';
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
 * The variables of the `http-client.env.json` nearest the file (its folder, or one above it inside its workspace
 * folder): `$shared`'s and those of the environment the `qod.requestFiles.variables` setting names. An untitled
 * file looks in the first workspace folder. A problem in the environment file stops the run, in words.
 */
export async function readEnvironmentVariables(uri: vscode.Uri): Promise<Variable[]> {
  const name = vscode.workspace.getConfiguration('qod', uri).get<string>('requestFiles.variables')?.trim() || undefined;
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  let dir = uri.scheme === 'untitled' ? root : vscode.Uri.joinPath(uri, '..');
  for (let depth = 0; dir && depth < 8; depth++) {
    const candidate = vscode.Uri.joinPath(dir, ENVIRONMENT_FILE);
    const text = await vscode.workspace.fs.readFile(candidate).then(
      (bytes) => new TextDecoder().decode(bytes.subarray(0, MAX_FILE_BYTES)),
      () => undefined,
    );
    if (text !== undefined) {
      const file = parseEnvironmentFile(text);
      const where = vscode.workspace.asRelativePath(candidate);
      if (file.problems.length) throw new Error(`${where}: ${file.problems.join('; ')}`);
      return environmentVariables(file, name);
    }
    if (!root || dir.toString() === root.toString()) break;
    dir = vscode.Uri.joinPath(dir, '..');
  }
  if (name)
    throw new Error(
      vscode.l10n.t(
        'The setting qod.requestFiles.variables names "{0}", but there is no {1} beside the file or above it',
        name,
        ENVIRONMENT_FILE,
      ),
    );
  return [];
}
