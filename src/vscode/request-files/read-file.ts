// A request file's text as the editor has it (unsaved edits included), else as saved on disk, and its parse.
import * as vscode from 'vscode';
import type { RequestFile } from '../../core/request-files/model';
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
