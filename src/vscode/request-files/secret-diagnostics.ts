// The one diagnostic collection of open request files: "a file holding a secret is flagged" (a warning at each
// line that holds a literal credential, naming what it is, never the value), and "the body is validated by the
// core's rules before sending" (requestFileProblems in the active environment's flavour, again when it changes);
// and an open http-client.env.json's problems (a credential in it first) at their lines.
import * as vscode from 'vscode';
import type { Flavour } from '../../core/camara/flavour';
import { requestFileProblems } from '../../core/request-files/diagnostics';
import { ENVIRONMENT_FILE, environmentFileFindings } from '../../core/request-files/environment-file';
import { parseRequestFile } from '../../core/request-files/parse';
import { secretsInFile } from '../../core/request-files/secrets';
import { isSandbox } from '../environments';
import type { Services } from '../services';
import { isRequestFile } from './read-file';

export class SecretDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('qod-request-files');
  readonly #disposables: vscode.Disposable[] = [this.collection];

  /** Without services (no environment to read a flavour from) only secrets are flagged. */
  constructor(private readonly services?: Services) {
    this.#disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.update(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.update(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    if (services) this.#disposables.push(services.environments.onDidChange(() => this.updateAll()));
    this.updateAll();
  }

  updateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  update(document: vscode.TextDocument): void {
    const environmentFile = document.uri.path.split('/').pop() === ENVIRONMENT_FILE;
    if (!isRequestFile(document.uri) && !environmentFile) return;
    const text = document.getText();
    const at = (line: number, message: string, severity: vscode.DiagnosticSeverity) => {
      const d = new vscode.Diagnostic(document.lineAt(Math.max(0, Math.min(line - 1, document.lineCount - 1))).range, message, severity);
      d.source = 'QoD';
      return d;
    };
    if (environmentFile) {
      // The environment file goes into git too: a credential in it (and what stops a run) is flagged where it is.
      const findings = environmentFileFindings(text).map((f) =>
        at(f.line, f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Information),
      );
      this.collection.set(document.uri, findings);
      return;
    }
    const diagnostics = secretsInFile(text).map((finding) => at(finding.line, finding.what, vscode.DiagnosticSeverity.Warning));
    const active = this.#active();
    if (active) {
      const problems = requestFileProblems(parseRequestFile(text), active.flavour, undefined, { allowLoopbackHttpSink: active.sandbox });
      for (const p of problems) {
        const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
        diagnostics.push(at(p.line, p.message, severity));
      }
    }
    this.collection.set(document.uri, diagnostics);
  }

  /** The active environment's flavour, read without starting the sandbox. */
  #active(): { flavour: Flavour; sandbox: boolean } | undefined {
    if (!this.services) return undefined;
    try {
      const id = this.services.environments.activeId;
      return { flavour: this.services.environments.flavourOf(id), sandbox: isSandbox(id) };
    } catch {
      // An environment that cannot be read is said elsewhere (the status bar, the picker): secrets are still flagged.
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.#disposables) d.dispose();
  }
}
