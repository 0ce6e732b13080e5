// The lenses of a request file: "Send all" at the top, "Send" above each request line, "Sign in" on the
// `# @qod sign-in` line (QoD: Sign In with that flow and device).
import * as vscode from 'vscode';
import { parseRequestFile } from '../../core/request-files/parse';

/** Any scheme: a saved file, or an untitled one named `….http` (New Request File). */
export const REQUEST_FILES: vscode.DocumentSelector = { pattern: '**/*.http' };

export class RequestFileLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const file = parseRequestFile(document.getText());
    if (file.requests.length === 0) return [];
    const at = (line: number) => new vscode.Range(line - 1, 0, line - 1, 0);
    const uri = document.uri;
    const lenses = [new vscode.CodeLens(at(1), { title: vscode.l10n.t('Send all'), command: 'qod.sendAllRequests', arguments: [uri] })];
    if (file.signIn) {
      const { flow, loginHint } = file.signIn;
      lenses.push(
        new vscode.CodeLens(at(file.signIn.line), {
          title: vscode.l10n.t('Sign in'),
          command: 'qod.signIn',
          arguments: [{ flow, loginHint }],
        }),
      );
    }
    for (const r of file.requests) {
      lenses.push(new vscode.CodeLens(at(r.line), { title: vscode.l10n.t('Send'), command: 'qod.sendRequest', arguments: [uri, r.line] }));
    }
    return lenses;
  }
}
