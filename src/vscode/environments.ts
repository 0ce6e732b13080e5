// Environments: the built-in local sandbox, once per QoD flavour (its URL known once it runs), plus those in the
// `qod.environments` setting (application scope, so an opened workspace cannot point credentials at another server).
import * as vscode from 'vscode';
import { CLIENT_AUTH_METHODS } from '../core/auth/client-auth';
import { isFlavour, type Flavour } from '../core/camara/flavour';
import { sandboxEnvironment, telefonicaEnvironment, type Environment } from '../core/environments';

const ACTIVE_KEY = 'qod.activeEnvironment';
export const SANDBOX_ID = 'sandbox';

/** The one embedded operator, in each flavour providers serve: v1 by default, and v0.10 and v0.8 under /qod/v0. */
const SANDBOXES: ReadonlyArray<{ id: string; flavour: Flavour; label(): string; detail(): string }> = [
  { id: SANDBOX_ID, flavour: 'v1', label: () => vscode.l10n.t('Local sandbox'), detail: () => vscode.l10n.t('The embedded operator, offline · QoD v1') },
  { id: 'sandbox-v0.10', flavour: 'v0.10', label: () => vscode.l10n.t('Local sandbox · QoD v0.10'), detail: () => vscode.l10n.t('The same operator, speaking QoD v0.10 (/qod/v0)') },
  { id: 'sandbox-v0.8', flavour: 'v0.8', label: () => vscode.l10n.t('Local sandbox · QoD v0.8'), detail: () => vscode.l10n.t('The same operator, speaking QoD v0.8 (/qod/v0, ueId and Unix times)') },
];

export const SANDBOX_IDS: readonly string[] = SANDBOXES.map((b) => b.id);

export const isSandbox = (environmentId: string): boolean => SANDBOX_IDS.includes(environmentId);

/** The flavour of a built-in sandbox environment, known without starting it. */
export const sandboxFlavour = (environmentId: string): Flavour | undefined => SANDBOXES.find((b) => b.id === environmentId)?.flavour;

export interface EnvironmentChoice {
  id: string;
  label: string;
  detail: string;
}

export class Environments {
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get activeId(): string {
    const id = this.state.get<string>(ACTIVE_KEY, SANDBOX_ID);
    return this.choices().some((c) => c.id === id) ? id : SANDBOX_ID;
  }

  async setActive(id: string): Promise<void> {
    if (!this.choices().some((c) => c.id === id)) throw new Error(`No environment "${id}"`);
    await this.state.update(ACTIVE_KEY, id);
    this.#changed.fire();
  }

  fireChanged(): void {
    this.#changed.fire();
  }

  choices(): EnvironmentChoice[] {
    return [
      ...SANDBOXES.map((b) => ({ id: b.id, label: b.label(), detail: b.detail() })),
      ...this.configured().map((e) => ({ id: e.id, label: e.label, detail: `${e.flavour} · ${e.apiBase}` })),
    ];
  }

  /** The environment, with the sandbox's URL filled in by the caller once it runs. */
  resolve(id: string, sandboxUrl?: string): Environment {
    const sandbox = SANDBOXES.find((b) => b.id === id);
    if (sandbox) {
      if (!sandboxUrl) throw new Error('the local sandbox is not running');
      return { ...sandboxEnvironment(sandboxUrl, sandbox.flavour), id, label: sandbox.label() };
    }
    const found = this.configured().find((e) => e.id === id);
    if (!found) throw new Error(`No environment "${id}" in the qod.environments setting`);
    return found;
  }

  configured(): Environment[] {
    const raw = vscode.workspace.getConfiguration('qod').get<unknown[]>('environments', []);
    return raw.flatMap((entry) => {
      const e = entry as Partial<Environment>;
      if (!e || typeof e.id !== 'string' || isSandbox(e.id) || typeof e.clientId !== 'string') return [];
      const flavour = isFlavour(e.flavour) ? e.flavour : undefined;
      const authMethod = CLIENT_AUTH_METHODS.includes(e.authMethod as never) ? e.authMethod : undefined;
      // A preset needs only an id and a client id; anything else given overrides the preset's value.
      if (e.preset === 'telefonica') {
        const preset = telefonicaEnvironment(e.clientId, flavour);
        return [{ ...preset, id: e.id, label: e.label ?? preset.label, authMethod: authMethod ?? preset.authMethod, scope: e.scope ?? preset.scope, loginHint: e.loginHint ?? preset.loginHint }];
      }
      if (typeof e.apiBase !== 'string') return [];
      return [{
        id: e.id, label: e.label ?? e.id, preset: e.preset ?? 'custom', issuer: e.issuer, endpoints: e.endpoints, apiBase: e.apiBase,
        paths: e.paths, flavour: flavour ?? 'v1', clientId: e.clientId, authMethod: authMethod ?? 'client_secret_basic',
        scope: e.scope ?? 'dpv:RequestedServiceProvision#qod', loginHint: e.loginHint,
      } as Environment];
    });
  }

  /** Adds an entry to the user's `qod.environments` (never the workspace's: see the setting's scope). */
  async add(entry: { id?: string; preset: 'telefonica'; clientId: string; flavour: Flavour; label?: string }): Promise<string> {
    const config = vscode.workspace.getConfiguration('qod');
    const existing = config.inspect<unknown[]>('environments')?.globalValue ?? [];
    const taken = new Set([...SANDBOX_IDS, ...this.configured().map((e) => e.id)]);
    const base = entry.id ?? entry.preset;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    await config.update('environments', [...existing, { ...entry, id }], vscode.ConfigurationTarget.Global);
    return id;
  }
}
