// Completions in request files (the core's requestFileCompletions) in the active environment's flavour, with the
// profiles it offers: v0.8's fixed list, or the list of a runtime that is already up and signed in. Completions
// never start the sandbox or a sign-in: without a running runtime, no profile names are offered.
import * as vscode from 'vscode';
import type { Flavour } from '../../core/camara/flavour';
import { offeredProfiles } from '../../core/camara/profiles';
import { asOwnCall } from '../../core/http/own-call';
import { requestFileCompletions, type Completion } from '../../core/request-files/completions';
import type { Services } from '../services';
import { readEnvironmentVariables } from './read-file';

/** How long a completion waits for the profile list before offering the rest without it. */
const PROFILES_WAIT_MS = 2000;
/** How long a failed profile list is kept before completions ask again. */
const FAILURE_KEPT_MS = 60_000;

const KINDS: Record<Completion['kind'], vscode.CompletionItemKind> = {
  operation: vscode.CompletionItemKind.Method,
  field: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  variable: vscode.CompletionItemKind.Variable,
};

export class RequestFileCompletions implements vscode.CompletionItemProvider, vscode.Disposable {
  /** The profile names per environment, read once (again after the environments change). */
  readonly #profiles = new Map<string, Promise<readonly string[]>>();
  readonly #subscription: vscode.Disposable;

  constructor(private readonly services: Services) {
    this.#subscription = services.environments.onDidChange(() => this.#profiles.clear());
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const flavour = this.#flavour();
    if (!flavour) return [];
    const text = document.getText();
    // The profile list is fetched only where a profile name goes, not on every `"`, `{` or `:`.
    let atProfile = false;
    // The environment file's variables only where a placeholder is being typed (a file read, not on every key).
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const inPlaceholder = before.lastIndexOf('{{') > before.lastIndexOf('}}');
    const environmentVariables = inPlaceholder ? await readEnvironmentVariables(document.uri).catch(() => []) : [];
    let items = requestFileCompletions(text, position, { flavour, environmentVariables, onProfileValue: () => (atProfile = true) });
    if (atProfile) items = requestFileCompletions(text, position, { flavour, profiles: await this.#offered(flavour) });
    return items.map((c) => {
      const item = new vscode.CompletionItem(c.label, KINDS[c.kind]);
      item.insertText = c.insertText;
      if (c.detail) item.detail = c.detail;
      if (c.documentation) item.documentation = c.documentation;
      const line = document.lineAt(position.line).text.length;
      // The core keeps ranges on the cursor's line; clamped here too, as a Range before 0 throws.
      if (c.replace && 0 <= c.replace.start && c.replace.start <= c.replace.end && c.replace.end <= line)
        item.range = new vscode.Range(position.line, c.replace.start, position.line, c.replace.end);
      return item;
    });
  }

  /** The active environment's flavour, read without starting the sandbox. */
  #flavour(): Flavour | undefined {
    try {
      const id = this.services.environments.activeId;
      return this.services.environments.flavourOf(id);
    } catch {
      // An environment that cannot be read is said elsewhere (the status bar, the picker).
      return undefined;
    }
  }

  async #offered(flavour: Flavour): Promise<readonly string[]> {
    const id = this.services.environments.activeId;
    const runtime = this.services.runtimeIfRunning(id);
    if (flavour !== 'v0.8' && !runtime?.auth.signedIn) return [];
    let names = this.#profiles.get(id);
    if (!names) {
      names = offeredProfiles(flavour, () => {
        if (!runtime) throw new Error('no runtime');
        const why = 'reads the QoS profiles for completions';
        return asOwnCall(why, () => runtime.client.listProfiles({}, AbortSignal.timeout(PROFILES_WAIT_MS)));
      }).then((profiles) => profiles.map((p) => p.name));
      this.#profiles.set(id, names);
      // A failure (a 403 for a missing scope, say) is kept a while: each keystroke must not ask and wait again.
      const failed = names;
      names.catch(() => {
        const timer = setTimeout(() => this.#profiles.get(id) === failed && this.#profiles.delete(id), FAILURE_KEPT_MS);
        timer.unref?.();
      });
    }
    return names.catch(() => []);
  }

  dispose(): void {
    this.#subscription.dispose();
  }
}
