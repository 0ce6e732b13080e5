// Save as request file (the playground's form and its history): the request exported as `.http` code, written to a
// real file the user picks and opened, so the CodeLens, diagnostics and the Testing view (`**/*.http`) attach to
// it, which an untitled plain-text editor would not give. A file goes into git: code holding a literal credential
// is refused, never written (the export writes `{{$qod.accessToken}}`; this guards what the webview sends).
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { secretsInFile } from '../../core/request-files/secrets';

/** Answers the file written, or nothing (cancelled or refused). */
export async function saveRequestFile(code: string, operation?: string): Promise<vscode.Uri | undefined> {
  const secrets = secretsInFile(code);
  if (secrets.length > 0) {
    const where = secrets.map((f) => `line ${f.line}: ${f.what}`).join('; ');
    void vscode.window.showErrorMessage(vscode.l10n.t('Not saved: the request holds a credential ({0}).', where));
    return undefined;
  }
  // Proposed in the first workspace folder (or the home folder), named after the operation.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save as request file'),
    filters: { [vscode.l10n.t('Request file')]: ['http'] },
    defaultUri: vscode.Uri.joinPath(folder, `${operation ?? 'request'}.http`),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(code));
  await vscode.window.showTextDocument(target);
  return target;
}
