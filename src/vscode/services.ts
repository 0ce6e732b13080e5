// Everything behind the commands, built on first use (this module is its own bundle, loaded lazily so that
// activation stays small and fast): credentials, environments, the sandbox, sign-in, QoD clients, the
// sessions view and the status bar.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Environment } from '../core/environments';
import { closeRuntime, createRuntime, type Runtime } from '../core/runtime';
import { codeOf } from '../core/errors';
import type { Exchange } from '../core/http/exchange';
import { DEFAULT_LIMITS, LIMIT_RANGES, withinRange } from '../core/http/limits';
import { startNotificationSink, type NotificationSink, type StatusNotification } from '../core/notifications/sink';
import type { OperatorNetwork, Sandbox, SandboxOptions } from '../sandbox/index';
import { confirmProviderChange } from './confirm-change';
import { Environments, isSandbox, isSandboxAggregator, SANDBOX_IDS } from './environments';
import { QodLog } from './log';
import { readCredentials, VsCodeSecretStore } from './secret-storage';
import { SessionRegistry } from '../core/sessions/session-registry';
import { SessionService } from '../core/sessions/session-service';
import { reachStep, type WalkthroughKey } from './walkthrough';

/** Where the local sandbox's last port is kept (per workspace: two windows each keep their own across reloads). */
const LAST_SANDBOX_PORT = 'qod.sandbox.lastPort';

/** A port to ask for, or undefined for "automatic" (0, absent, or not a port). */
function validPort(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65_535 ? value : undefined;
}

/** What one environment needs at run time; rebuilt when its settings or credentials change. */
export type EnvironmentRuntime = Runtime;

export class Services implements vscode.Disposable {
  readonly log = new QodLog();
  readonly secrets: VsCodeSecretStore;
  readonly environments: Environments;
  readonly registry = new SessionRegistry();
  /** Every QoD operation of every VS Code face runs through here (the core's operation table, the registry kept current). */
  readonly sessions = new SessionService(
    (id) => this.runtime(id),
    this.registry,
    async (id, name, input) => confirmProviderChange((await this.runtime(id)).environment.label, id, name, input),
  );
  readonly #runtimes = new Map<string, EnvironmentRuntime>();
  readonly #exchanges = new vscode.EventEmitter<Exchange>();
  /** Every (redacted) exchange of every environment: the log and the playground's trace. */
  readonly onExchange = this.#exchanges.event;
  readonly #notifications = new vscode.EventEmitter<{ environmentId: string; notification: StatusNotification }>();
  /** A status notification the sink received for a known session (the playground's trace and diagram). */
  readonly onNotification = this.#notifications.event;
  readonly #disposables: vscode.Disposable[] = [];
  /** The walkthrough steps reached in this window (each is marked once). */
  readonly #reached = new Set<WalkthroughKey>();
  #sandbox?: Promise<Sandbox>;
  #operators?: Promise<OperatorNetwork>;
  #sink?: Promise<NotificationSink>;

  constructor(readonly context: vscode.ExtensionContext) {
    this.secrets = new VsCodeSecretStore(context.secrets);
    this.environments = new Environments(context.globalState);
    this.#disposables.push(
      this.log,
      // Another window changed a credential, or settings moved an endpoint: start afresh for that environment.
      // (Token writes, ours included, also fire here; they must not reset the sign-in.)
      this.secrets.onDidChange((key) => {
        const [kind, environmentId] = key.split(':');
        if (kind === 'credential') this.forget(environmentId);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('qod.http') || e.affectsConfiguration('http.proxy')) {
          // The network settings of every client changed.
          for (const id of [...this.#runtimes.keys()]) this.forget(id);
        } else if (e.affectsConfiguration('qod')) {
          // Only the environments whose definition changed start afresh: adding a provider must not sign
          // anyone out of another environment.
          for (const [id, runtime] of [...this.#runtimes]) if (!this.#stillDefinedAs(id, runtime.environment)) this.forget(id);
        }
        if (e.affectsConfiguration('qod') || e.affectsConfiguration('http.proxy')) this.environments.fireChanged();
      }),
      // The local sandbox needs no credentials (its demo client is built in): on it, that step is done.
      this.environments.onDidChange(() => this.#sandboxNeedsNoCredentials()),
    );
    this.#sandboxNeedsNoCredentials();
  }

  async sandbox(): Promise<Sandbox> {
    this.#sandbox ??= (async () => {
      // The operator sandbox (oidc-provider and all) is a bundle of its own, loaded only when started.
      const { startSandbox } = sandboxBundle();
      const options: SandboxOptions = { onNotification: (r) => this.#notificationReport(r) };
      // The same port as last time (or the qod.sandbox.port setting), so that exported scripts and history entries
      // still reach it after a window reload; any free port when that one is taken.
      const configured = validPort(vscode.workspace.getConfiguration('qod').get('sandbox.port'));
      const wanted = configured ?? validPort(this.context.workspaceState.get(LAST_SANDBOX_PORT));
      let sandbox: Sandbox;
      try {
        sandbox = await startSandbox({ ...options, port: wanted ?? 0 });
      } catch (error) {
        const code = codeOf(error);
        if (wanted === undefined || (code !== 'EADDRINUSE' && code !== 'EACCES')) throw error;
        sandbox = await startSandbox(options);
        this.log.error(
          `Port ${wanted} (${configured ? 'the qod.sandbox.port setting' : "the local sandbox's port last time"}) is not available ` +
            `(${code}): the sandbox runs on port ${new URL(sandbox.url).port} instead; ` +
            `scripts exported and requests recorded before still point at ${wanted}.`,
        );
      }
      await this.context.workspaceState.update(LAST_SANDBOX_PORT, Number(new URL(sandbox.url).port));
      this.log.info(`Local sandbox running at ${sandbox.url}`);
      return sandbox;
    })();
    this.#sandbox.catch(() => {
      this.#sandbox = undefined;
    });
    return this.#sandbox;
  }

  /**
   * The sandbox's operators behind their Telco Finder (the "Sandbox operators" environment), started on first use
   * beside the local sandbox, each operator on a free loopback port.
   */
  async operatorNetwork(): Promise<OperatorNetwork> {
    this.#operators ??= (async () => {
      const network = await sandboxBundle().startOperatorNetwork({ onNotification: (r) => this.#notificationReport(r) });
      const operators = network.operators.map((o) => `${o.name} at ${o.sandbox.url}`).join(', ');
      this.log.info(`Sandbox operators running: ${operators}; their Telco Finder at ${network.finderUrl}`);
      return network;
    })();
    this.#operators.catch(() => {
      this.#operators = undefined;
    });
    return this.#operators;
  }

  #notificationReport(r: { dropped?: boolean; ok: boolean; sessionId: string }): void {
    this.log.info(
      `sandbox notification ${r.dropped ? 'dropped (too many waiting)' : r.ok ? 'delivered' : 'failed'} for session ${r.sessionId}`,
    );
  }

  get sandboxRunning(): boolean {
    return this.#sandbox !== undefined;
  }

  async stopSandbox(): Promise<void> {
    const running = this.#sandbox;
    const operators = this.#operators;
    this.#sandbox = undefined;
    this.#operators = undefined;
    for (const id of SANDBOX_IDS) this.forget(id);
    if (running) await (await running).close();
    if (operators) await (await operators).close();
  }

  /** The runtime of an environment (the active one by default), starting the local sandbox when needed. */
  async runtime(environmentId = this.environments.activeId): Promise<EnvironmentRuntime> {
    const existing = this.#runtimes.get(environmentId);
    if (existing) return existing;
    const sandboxUrl = isSandboxAggregator(environmentId)
      ? (await this.operatorNetwork()).finderUrl
      : isSandbox(environmentId)
        ? (await this.sandbox()).url
        : undefined;
    // Another caller may have made it while this one waited for the sandbox: one runtime per environment.
    const made = this.#runtimes.get(environmentId);
    if (made) return made;
    const environment = this.environments.resolve(environmentId, sandboxUrl);
    const http = vscode.workspace.getConfiguration('http');
    const qod = vscode.workspace.getConfiguration('qod');
    const runtime = createRuntime(
      environment,
      {
        secrets: this.secrets,
        credentials: () => readCredentials(this.secrets, environmentId),
        log: (e) => {
          this.log.exchange(e);
          this.#exchanges.fire(e);
        },
        onSignedInByItself: () => {
          this.log.info('signed in to the local sandbox with client credentials (2-legged)');
          this.reached('qod.signedIn');
        },
      },
      {
        transport: {
          proxy: http.get<string>('proxy') || undefined,
          extraCaCertificates: qod.get<string[]>('http.extraCaCertificates', []),
          // The overall deadline of each request (headers and the whole body) and the largest answer read.
          timeouts: {
            totalMs: 1000 * withinRange(qod.get('http.timeoutSeconds'), LIMIT_RANGES.timeoutSeconds, DEFAULT_LIMITS.totalMs / 1000),
          },
          maxResponseBytes: withinRange(qod.get('http.maxResponseBytes'), LIMIT_RANGES.maxResponseBytes, DEFAULT_LIMITS.maxResponseBytes),
        },
        // Before any sign-in, the local sandbox is used with client credentials (2-legged: the device goes in the
        // body), so it works the moment the extension is installed; other providers ask for a sign-in first.
        signInOnFirstUse: environment.preset === 'sandbox',
      },
    );
    this.#runtimes.set(environmentId, runtime);
    return runtime;
  }

  /** The runtime if it is already up; never starts the sandbox or anything else. */
  runtimeIfRunning(environmentId = this.environments.activeId): EnvironmentRuntime | undefined {
    return this.#runtimes.get(environmentId);
  }

  #stillDefinedAs(environmentId: string, environment: Environment): boolean {
    if (isSandbox(environmentId)) return true; // defined by the extension, not by settings
    try {
      return JSON.stringify(this.environments.resolve(environmentId)) === JSON.stringify(environment);
    } catch {
      return false; // removed, or no longer valid
    }
  }

  forget(environmentId: string | undefined): void {
    if (!environmentId) return;
    const runtime = this.#runtimes.get(environmentId);
    this.#runtimes.delete(environmentId);
    if (runtime) void closeRuntime(runtime);
  }

  /** One local receiver for notifications; status changes update the sessions view and tell the user. */
  notificationSink(): Promise<NotificationSink> {
    this.#sink ??= startNotificationSink().then((sink) => {
      sink.onNotification((n) => {
        for (const environmentId of this.registry.environments()) {
          const updated = this.registry.applyNotification(environmentId, n);
          if (updated) {
            this.#notifications.fire({ environmentId, notification: n });
            this.log.info(`notification: session ${n.sessionId} is ${n.qosStatus}${n.statusInfo ? ` (${n.statusInfo})` : ''}`);
            void vscode.window.showInformationMessage(vscode.l10n.t('QoD session {0} is now {1}', n.sessionId.slice(0, 8), n.qosStatus));
          }
        }
      });
      sink.onAssignmentNotification((n) => {
        for (const environmentId of this.registry.environments()) {
          if (this.registry.applyAssignmentNotification(environmentId, n)) {
            this.log.info(`notification: assignment ${n.assignmentId} is ${n.status}${n.statusInfo ? ` (${n.statusInfo})` : ''}`);
          }
        }
      });
      return sink;
    });
    return this.#sink;
  }

  /** A real step of the getting-started walkthrough happened (its completion event is this context key). */
  reached(contextKey: WalkthroughKey): void {
    if (this.#reached.has(contextKey)) return;
    this.#reached.add(contextKey);
    reachStep(this.context.extension.id, contextKey);
  }

  #sandboxNeedsNoCredentials(): void {
    if (isSandbox(this.environments.activeId)) this.reached('qod.hasCredentials');
  }

  dispose(): void {
    this.sessions.dispose();
    this.registry.dispose();
    this.#exchanges.dispose();
    this.#notifications.dispose();
    for (const d of this.#disposables) d.dispose();
    for (const id of [...this.#runtimes.keys()]) this.forget(id);
    void this.#sink?.then((s) => s.close());
    void this.stopSandbox();
  }
}

/** The sandbox bundle, its own file, loaded only when a sandbox starts (esbuild.mjs builds it from src/sandbox/index.ts). */
function sandboxBundle(): typeof import('../sandbox/index') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, loaded when started
  return require(join(__dirname, 'sandbox.js')) as typeof import('../sandbox/index');
}
