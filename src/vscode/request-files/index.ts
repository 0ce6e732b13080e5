// The editor's side of request files, registered once the services load: lenses, secret warnings, the Testing
// view's controller. The commands (src/commands/request-files.ts) run files through the same runner.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { REQUEST_FILES, RequestFileLenses } from './code-lens';
import { RequestFileCompletions } from './completions';
import { fileRunner } from './run-file';
import { SecretDiagnostics } from './secret-diagnostics';
import { RequestFileTests } from './testing';

export class RequestFiles implements vscode.Disposable {
  readonly lenses = new RequestFileLenses();
  readonly secrets: SecretDiagnostics;
  readonly tests: RequestFileTests;
  readonly completions: RequestFileCompletions;
  readonly #registration: vscode.Disposable;
  readonly #completionRegistration: vscode.Disposable;

  constructor(services: Services) {
    this.secrets = new SecretDiagnostics(services);
    this.tests = new RequestFileTests(fileRunner(services));
    this.#registration = vscode.languages.registerCodeLensProvider(REQUEST_FILES, this.lenses);
    this.completions = new RequestFileCompletions(services);
    this.#completionRegistration = vscode.languages.registerCompletionItemProvider(REQUEST_FILES, this.completions, '"', '{', ':');
  }

  dispose(): void {
    this.#registration.dispose();
    this.#completionRegistration.dispose();
    this.completions.dispose();
    this.secrets.dispose();
    this.tests.dispose();
  }
}
