// "A file holding a secret is flagged": a warning at each line of an open request file that holds a literal
// credential (secretsInFile). The message names what it is, never the value.
import * as vscode from 'vscode';
import { secretsInFile } from '../../core/request-files/secrets';
import { isRequestFile } from './read-file';

export class SecretDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('qod-request-files');
  readonly #disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    this.#disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.update(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  update(document: vscode.TextDocument): void {
    if (!isRequestFile(document.uri)) return;
    const diagnostics = secretsInFile(document.getText()).map((finding) => {
      const line = Math.min(finding.line - 1, document.lineCount - 1);
      const d = new vscode.Diagnostic(document.lineAt(line).range, finding.what, vscode.DiagnosticSeverity.Warning);
      d.source = 'QoD';
      return d;
    });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const d of this.#disposables) d.dispose();
  }
}
