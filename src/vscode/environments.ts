// Environments: the built-in local sandbox, once per QoD flavour (its URL known once it runs), plus those in the
// `qod.environments` setting (application scope, so an opened workspace cannot point credentials at another server).
import * as vscode from 'vscode';
import type { Flavour } from '../core/camara/flavour';
import {
  checkEnvironmentEntry,
  readEnvironments,
  sandboxAggregatorEnvironment,
  sandboxEnvironment,
  type Environment,
  type IgnoredEntry,
} from '../core/environments';
import { DEFAULT_LIMITS, LIMIT_RANGES, withinRange } from '../core/http/limits';
import { HttpTransport } from '../core/http/transport';

const ACTIVE_KEY = 'qod.activeEnvironment';
export const SANDBOX_ID = 'sandbox';
/** The embedded operators behind their aggregator (started on first use, beside the local sandbox). */
export const AGGREGATOR_ID = 'sandbox-operators';

/** The one embedded operator, in each flavour: v1 by default, 1.2.0-rc.3 under v1rc3, and v0.10 and v0.8 under /qod/v0. */
const SANDBOXES: ReadonlyArray<{ id: string; flavour: Flavour; aggregator?: true; label(): string; detail(): string }> = [
  {
    id: SANDBOX_ID,
    flavour: 'v1',
    label: () => vscode.l10n.t('Local sandbox'),
    detail: () => vscode.l10n.t('The embedded operator, offline · QoD v1'),
  },
  {
    id: 'sandbox-v1.2',
    flavour: 'v1.2',
    label: () => vscode.l10n.t('Local sandbox · QoD 1.2'),
    detail: () => vscode.l10n.t('The same operator, speaking the next CAMARA release (1.2.0-rc.3, /quality-on-demand/v1rc3)'),
  },
  {
    id: 'sandbox-v0.10',
    flavour: 'v0.10',
    label: () => vscode.l10n.t('Local sandbox · QoD v0.10'),
    detail: () => vscode.l10n.t('The same operator, speaking QoD v0.10 (/qod/v0)'),
  },
  {
    id: 'sandbox-v0.8',
    flavour: 'v0.8',
    label: () => vscode.l10n.t('Local sandbox · QoD v0.8'),
    detail: () => vscode.l10n.t('The same operator, speaking QoD v0.8 (/qod/v0, ueId and Unix times)'),
  },
  {
    id: AGGREGATOR_ID,
    flavour: 'v1',
    aggregator: true,
    label: () => vscode.l10n.t('Sandbox operators (aggregator)'),
    detail: () =>
      vscode.l10n.t('Two embedded operators behind a Telco Finder: each request goes to the operator serving its device · QoD v1'),
  },
];

export const SANDBOX_IDS: readonly string[] = SANDBOXES.map((b) => b.id);

export const isSandbox = (environmentId: string): boolean => SANDBOX_IDS.includes(environmentId);

/** Whether the built-in environment is the sandbox's aggregator (its URL is the Telco Finder's). */
export const isSandboxAggregator = (environmentId: string): boolean => environmentId === AGGREGATOR_ID;

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

  /** The ignored entries last warned about (JSON), so one broken entry is not announced at every change. */
  #warned = '[]';

  constructor(private readonly state: vscode.Memento) {
    this.warnIgnored();
  }

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
    this.warnIgnored();
    this.#changed.fire();
  }

  choices(): EnvironmentChoice[] {
    return [
      ...SANDBOXES.map((b) => ({ id: b.id, label: b.label(), detail: b.detail() })),
      ...this.configured().map((e) => ({ id: e.id, label: e.label, detail: `${e.flavour} · ${e.apiBase}` })),
    ];
  }

  /** An environment's QoD flavour, known without starting the sandbox. */
  flavourOf(id: string): Flavour {
    return sandboxFlavour(id) ?? this.resolve(id).flavour;
  }

  /** The environment, with the sandbox's URL (the aggregator's: its Telco Finder's) filled in by the caller once it runs. */
  resolve(id: string, sandboxUrl?: string): Environment {
    const sandbox = SANDBOXES.find((b) => b.id === id);
    if (sandbox) {
      if (!sandboxUrl) throw new Error('the local sandbox is not running');
      const environment = sandbox.aggregator
        ? sandboxAggregatorEnvironment(sandboxUrl, sandbox.flavour)
        : sandboxEnvironment(sandboxUrl, sandbox.flavour);
      return { ...environment, id, label: sandbox.label() };
    }
    const found = this.configured().find((e) => e.id === id);
    if (!found) throw new Error(`No environment "${id}" in the qod.environments setting`);
    return found;
  }

  configured(): Environment[] {
    return this.#read().environments;
  }

  /** The entries of `qod.environments` that cannot be used, each with its reason (the rules live in the core). */
  ignored(): IgnoredEntry[] {
    return this.#read().ignored;
  }

  #read() {
    return readEnvironments(vscode.workspace.getConfiguration('qod').get<unknown>('environments', []), SANDBOX_IDS);
  }

  /**
   * Says which entries are ignored and why, once per change of that list: without it a broken entry would just
   * be missing from Select Environment. (The setting is application-wide, in the user settings.json, which an
   * extension cannot reliably locate for a diagnostic: a notification is what a user sees every time.)
   */
  warnIgnored(): void {
    const ignored = this.ignored();
    const key = JSON.stringify(ignored);
    if (key === this.#warned) return;
    this.#warned = key;
    if (ignored.length === 0) return;
    const open = vscode.l10n.t('Open Settings (JSON)');
    const message = vscode.l10n.t(
      'qod.environments: {0} ignored. {1}',
      ignored.length === 1 ? vscode.l10n.t('1 entry is') : vscode.l10n.t('{0} entries are', ignored.length),
      ignored.map(describeIgnored).join('; '),
    );
    void vscode.window.showWarningMessage(message, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
    });
  }

  /**
   * Adds an entry to the user's `qod.environments` (never the workspace's: see the setting's scope), with an id
   * no other entry has. It is checked by the same rules first: nothing is written that would be ignored.
   */
  async add(entry: NewEnvironmentEntry): Promise<string> {
    const config = vscode.workspace.getConfiguration('qod');
    const existing = config.inspect<unknown[]>('environments')?.globalValue ?? [];
    const { environments, ignored } = this.#read();
    const taken = new Set([...SANDBOX_IDS, ...environments.map((e) => e.id), ...ignored.flatMap((i) => (i.id ? [i.id] : []))]);
    const base = entry.id ?? entry.preset;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    const written = { ...entry, id };
    const checked = checkEnvironmentEntry(written, SANDBOX_IDS, taken);
    if ('reason' in checked) throw new Error(`Not added: ${checked.reason}`);
    await config.update('environments', [...(Array.isArray(existing) ? existing : []), written], vscode.ConfigurationTarget.Global);
    return id;
  }
}

/** An entry as Add Environment writes it: a preset with a client id, or a custom provider. */
export type NewEnvironmentEntry =
  | { id?: string; preset: 'telefonica'; clientId: string; flavour: Flavour; label?: string }
  | ({ id?: string; preset: 'custom' } & Pick<Environment, 'label' | 'apiBase' | 'flavour' | 'clientId' | 'authMethod' | 'scope'> &
      Partial<Pick<Environment, 'issuer' | 'endpoints'>>);

/** `"acme": apiBase: missing …`, or the entry's position when it has no id. */
export function describeIgnored(entry: IgnoredEntry): string {
  return `${entry.id ? `"${entry.id}"` : vscode.l10n.t('entry {0}', entry.index + 1)}: ${entry.reason}`;
}

/** A transport for what Add Environment reads before any environment exists, with the user's network settings. */
export function setupTransport(): HttpTransport {
  const http = vscode.workspace.getConfiguration('http');
  const qod = vscode.workspace.getConfiguration('qod');
  return new HttpTransport({
    proxy: http.get<string>('proxy') || undefined,
    extraCaCertificates: qod.get<string[]>('http.extraCaCertificates', []),
    timeouts: { totalMs: 1000 * withinRange(qod.get('http.timeoutSeconds'), LIMIT_RANGES.timeoutSeconds, DEFAULT_LIMITS.totalMs / 1000) },
    maxResponseBytes: withinRange(qod.get('http.maxResponseBytes'), LIMIT_RANGES.maxResponseBytes, DEFAULT_LIMITS.maxResponseBytes),
  });
}
