// The host side of the playground: answers the webview's requests with the core (validation, sign-in, the
// QoD client, code export) and tells it what changed. Tokens and secrets stay here.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { decodeToken } from '../../core/auth/jwt';
import { parseLoginHint } from '../../core/auth/login-hint';
import { isThreeLegged, signedInDevice } from '../../core/auth/three-legged';
import { withSink } from '../../core/camara/create-body';
import { deviceContradiction } from '../../core/camara/device-binding';
import type { Flavour } from '../../core/camara/flavour';
import { describeBodyDevice } from '../../core/camara/normalise';
import type { QosProfile } from '../../core/camara/fields';
import { offeredProfiles, profileBounds } from '../../core/camara/profiles';
import { answerOf, ID_PLACEHOLDER, OPERATION_TABLE } from '../../core/operations';
import { SCOPE_PRESETS } from '../../core/camara/scopes';
import { checkRequest } from '../../core/camara/request-check';
import { toProblem } from '../../core/problem';
import { clearNetworkScript, setNetworkScript, type NetworkScriptState, type SandboxNetworkTarget } from '../../core/sandbox-network';
import { sandboxNetworkTarget } from '../../core/sandbox-network-target';
import type { Exchange } from '../../core/http/exchange';
import { asOwnCall } from '../../core/http/own-call';
import { withoutSecretFields } from '../../core/http/redact';
import { snippetFor } from '../../core/codegen/for-environment';
import { answerBody, toView } from '../request-files/as-send-result';
import { saveRequestFile } from '../request-files/save-request-file';
import type {
  FieldProblem,
  HistoryEntry,
  HostToWebview,
  Operation,
  PlaygroundState,
  RequestMap,
  SendResult,
  WebviewToHost,
} from '../../shared/protocol';
import { adviseView } from './advice-view';
import { dispatch, type CommandHandlers, type RequestHandlers } from './dispatch';
import { isSandbox, sandboxFlavour } from '../environments';
import { BEHAVIOUR_TABLE } from '../../sandbox/subscribers';
import type { Services } from '../services';
import { offeredFlows, runSignIn } from '../sign-in';
import { describeError } from '../show-error';

const HISTORY_LIMIT = 50;
const SCOPE_PRESET_LABELS = {
  'CAMARA v1': SCOPE_PRESETS.camaraV1,
  'Legacy (dpv:…#qod)': SCOPE_PRESETS.legacy,
  'v0.10': SCOPE_PRESETS.v0_10,
};

export class PlaygroundController {
  constructor(
    private readonly s: Services,
    private readonly post: (message: HostToWebview) => void,
  ) {}

  /** Answers every request (a result or an error) and runs every command the protocol defines. */
  handle(message: WebviewToHost): Promise<void> {
    return dispatch(message, {
      requests: this.#requests,
      commands: this.#commands,
      reply: (m) => this.post(m),
      report: (error) => this.s.log.error(`playground: ${describeError(error)}`),
      describe: describeError,
    });
  }

  readonly #requests: RequestHandlers = {
    validate: (p) => this.validate(p.operation, p.body),
    send: (p) => this.send(p),
    checkLoginHint: async (p) => {
      const parsed = parseLoginHint(p.loginHint.trim());
      return parsed.ok ? {} : { error: `login_hint: ${parsed.error}` };
    },
    signIn: (p) => this.signIn(p),
    exportCode: (p) => this.exportCode(p),
    advise: async (p) => adviseView(await this.s.runtime(), p.needs, p.device),
    setNetworkScript: (p) => this.networkScript((target) => setNetworkScript(target, p.device, p.script), p.device),
    clearNetworkScript: (p) => this.networkScript((target) => clearNetworkScript(target, p.device), p.device),
  };

  readonly #commands: CommandHandlers = {
    ready: async () => {
      // Interactive at once from what is known without I/O; profiles and the sign-in follow.
      this.post({ type: 'notification', method: 'didChangeState', params: this.quickState() });
      this.post({ type: 'notification', method: 'didChangeHistory', params: this.history() });
      this.pushSessions();
      await this.pushState();
    },
    selectEnvironment: async ({ environmentId }) => {
      // The panel pushes the new state on the environments' change event; a refused id re-sends the current one.
      await this.s.environments.setActive(environmentId).catch(() => this.pushState());
      this.post({ type: 'notification', method: 'didChangeHistory', params: this.history() });
    },
    saveSvg: async ({ svg }) => {
      // Proposed in the first workspace folder (or the home folder), not the filesystem root.
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
      const target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save the sequence diagram'),
        filters: { SVG: ['svg'] },
        defaultUri: vscode.Uri.joinPath(folder, 'qod-sequence.svg'),
      });
      if (target) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    },
    saveRequestFile: async ({ code, operation }) => {
      await saveRequestFile(code, operation);
    },
    openCode: async ({ language, code }) => {
      const editorLanguage = (
        { curl: 'shellscript', javascript: 'javascript', python: 'python', java: 'java', http: 'plaintext' } as const
      )[language];
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: editorLanguage, content: code }));
    },
    copyCode: async ({ code }) => {
      await vscode.env.clipboard.writeText(code);
    },
    copyToken: async () => {
      await vscode.commands.executeCommand('qod.copyAccessToken', { environmentId: this.s.environments.activeId });
    },
    cancelSignIn: async () => {
      this.#signingIn?.abort();
    },
    clearHistory: async () => {
      await this.s.context.globalState.update(this.#historyKey(), []);
      this.post({ type: 'notification', method: 'didChangeHistory', params: [] });
    },
  };

  async exportCode(p: RequestMap['exportCode']['params']): Promise<RequestMap['exportCode']['result']> {
    try {
      const runtime = await this.s.runtime();
      const { method, base, path } = OPERATION_TABLE[p.operation].http(runtime.environment.flavour);
      return {
        code: await snippetFor(runtime, p.language, {
          method,
          base,
          path: path.replace(ID_PLACEHOLDER, encodeURIComponent(p.sessionId ?? '')),
          body: p.body,
        }),
      };
    } catch (error) {
      return { message: describeError(error) };
    }
  }

  /**
   * A device's network script at the sandbox serving it (the local one, or through the sandbox's aggregator the
   * operator its Telco Finder names): the sandbox's answer in words, or the problem (the field and the rule).
   */
  async networkScript(
    call: (target: SandboxNetworkTarget) => Promise<NetworkScriptState>,
    device: string,
  ): Promise<RequestMap['setNetworkScript']['result']> {
    try {
      // Another environment is told scripts are the sandbox's (by the core, in the same words for every face).
      const state = await call(await sandboxNetworkTarget(await this.s.runtime(), device));
      return { description: state.description };
    } catch (error) {
      return { problem: describeError(error) };
    }
  }

  /** Redacted exchanges of the active environment go to the webview's trace. */
  exchange(exchange: Exchange): void {
    this.post({ type: 'notification', method: 'didRecordExchange', params: toView(exchange) });
  }

  /** The active environment's sessions for the timeline (views of the registry: no secret in them). */
  pushSessions(): void {
    const sessions = this.s.registry
      .list(this.s.environments.activeId)
      .map(({ id, status, statusInfo, qosProfile, device, durationSeconds, startedAt, expiresAt, events }) => ({
        id,
        status,
        statusInfo,
        qosProfile,
        device,
        durationSeconds,
        startedAt,
        expiresAt,
        events,
      }));
    this.post({ type: 'notification', method: 'didChangeSessions', params: sessions });
  }

  async pushState(): Promise<void> {
    this.post({ type: 'notification', method: 'didChangeState', params: await this.state() });
  }

  /** The state without starting the sandbox or calling the provider. */
  quickState(): PlaygroundState {
    const environmentId = this.s.environments.activeId;
    const environment = isSandbox(environmentId) ? undefined : this.s.environments.resolve(environmentId);
    return {
      environments: this.s.environments.choices().map((c) => ({ id: c.id, label: c.label })),
      environmentId,
      flavour: environment?.flavour ?? sandboxFlavour(environmentId) ?? 'v1',
      profiles: [],
      scopePresets: SCOPE_PRESET_LABELS,
      defaultLoginHint: environment?.loginHint ?? 'tel:+34666666661',
      ...(isSandbox(environmentId) ? { sandboxOutcomes: BEHAVIOUR_TABLE } : {}),
    };
  }

  async state(): Promise<PlaygroundState> {
    const environmentId = this.s.environments.activeId;
    const runtime = await this.s.runtime(environmentId);
    let profiles: PlaygroundState['profiles'] = [];
    try {
      const offered = await offeredProfiles(runtime.environment.flavour, () =>
        asOwnCall('reads the QoS profiles for the form', () => runtime.client.listProfiles({})),
      );
      profiles = offered.map(profileView);
    } catch {
      // Not signed in to a real provider yet: the profile list comes after sign-in.
    }
    const key = runtime.auth.signedIn;
    let signedIn: PlaygroundState['signedIn'];
    if (key) {
      const token = await asOwnCall('reads the token to show its claims', () => runtime.auth.accessToken()).catch(() => undefined);
      const decoded = token ? decodeToken(token) : undefined;
      signedIn = { flow: key.flow, subject: key.subject, expiresAt: decoded?.expiresAt, claims: decoded?.claims };
    }
    return {
      environments: this.s.environments.choices().map((c) => ({ id: c.id, label: c.label })),
      environmentId,
      flavour: runtime.environment.flavour,
      signedIn,
      profiles,
      scopePresets: SCOPE_PRESET_LABELS,
      defaultLoginHint: runtime.environment.loginHint,
      flows: offeredFlows(runtime).map((f) => ({ id: f.id, label: f.label })),
      ...(isSandbox(environmentId) ? { sandboxOutcomes: BEHAVIOUR_TABLE } : {}),
    };
  }

  async validate(operation: Operation, body: unknown): Promise<FieldProblem[]> {
    const spec = OPERATION_TABLE[operation];
    if (!spec.requestKind) return [];
    const environmentId = this.s.environments.activeId;
    const flavour = this.s.environments.flavourOf(environmentId);
    const checked = checkRequest(spec, flavour, { body }, { allowLoopbackHttpSink: isSandbox(environmentId) });
    // The body as it is typed; the session id is checked when the request is sent.
    const issues = checked.ok ? [] : checked.issues.filter((i) => i.path !== 'sessionId');
    const problems = issues.map((i) => ({ path: i.path, message: i.message }));
    const contradiction = operation === 'createSession' ? this.#deviceContradiction(environmentId, body) : undefined;
    return contradiction ? [...problems, contradiction] : problems;
  }

  /** A body naming another device than the 3-legged sign-in (known only once the environment runs). */
  #deviceContradiction(environmentId: string, body: unknown): FieldProblem | undefined {
    const signedIn = this.s.runtimeIfRunning(environmentId)?.auth.signedIn;
    return signedIn && isThreeLegged(signedIn.flow) ? deviceContradiction(body, signedIn.subject) : undefined;
  }

  async send(p: RequestMap['send']['params']): Promise<SendResult> {
    const environmentId = this.s.environments.activeId;
    const contradiction = p.operation === 'createSession' ? this.#deviceContradiction(environmentId, p.body) : undefined;
    if (contradiction) return { ok: false, problems: [contradiction] };
    try {
      const body =
        p.operation === 'createSession' && p.notify
          ? await this.withSink((await this.s.runtime(environmentId)).environment.flavour, p.body)
          : p.body;
      const result = await this.s.sessions.run(environmentId, p.operation, { id: p.sessionId, body });
      const answer = answerOf(OPERATION_TABLE[p.operation], result.value);
      const session = answer.kind === 'session' ? answer.value : undefined;
      const assignment = answer.kind === 'assignment' || answer.kind === 'revoke' ? answer.value : undefined;
      if (p.operation === 'createSession') this.s.reached('qod.hasSession');
      await this.remember({
        operation: p.operation,
        sessionId: session?.id ?? assignment?.id ?? p.sessionId,
        body: p.body,
        status: result.status,
      });
      // The body as recorded, so it went through the same redaction as the trace (a provider may echo a token).
      return {
        ok: true,
        status: result.status,
        body: answerBody(result.exchange?.responseBody),
        correlator: result.exchange?.correlator,
        exchange: result.exchange && toView(result.exchange),
        sessionId: session?.id,
        assignmentId: assignment?.id,
      };
    } catch (error) {
      const problem = toProblem(error);
      switch (problem.kind) {
        case 'invalid-input':
          return { ok: false, problems: problem.issues.map((i) => ({ path: i.path, message: i.message })) };
        case 'api':
          await this.remember({ operation: p.operation, sessionId: p.sessionId, body: p.body, status: problem.status });
          return {
            ok: false,
            status: problem.status,
            code: problem.code,
            message: problem.providerMessage,
            explanation: problem.explanation,
            fix: problem.fix,
            correlator: problem.correlator,
            exchange: problem.exchange && toView(problem.exchange),
            body: answerBody(problem.exchange?.responseBody),
          };
        case 'wrong-shape':
          return {
            ok: false,
            status: problem.status,
            code: problem.code,
            message: problem.message,
            exchange: problem.exchange && toView(problem.exchange),
            body: answerBody(problem.exchange?.responseBody),
          };
        default:
          return { ok: false, code: problem.kind === 'sign-in' ? problem.authCode : 'ERROR', message: describeError(error) };
      }
    }
  }

  /** Adds the host's notification sink to a create body; the sink's token never goes to the webview. */
  private async withSink(flavour: Flavour, body: unknown): Promise<unknown> {
    const sink = await this.s.notificationSink();
    return withSink(flavour, body, { url: sink.url, token: sink.token });
  }

  /** The sign-in under way, so the page's Cancel can stop it. */
  #signingIn?: AbortController;

  async signIn(p: RequestMap['signIn']['params']): Promise<RequestMap['signIn']['result']> {
    const step = (name: string, detail?: string) =>
      this.post({ type: 'notification', method: 'didStepSignIn', params: { step: name, detail } });
    this.#signingIn?.abort();
    const abort = new AbortController();
    this.#signingIn = abort;
    try {
      await runSignIn(
        this.s,
        this.s.environments.activeId,
        p.flow,
        { loginHint: p.loginHint, scope: p.scope },
        { onStep: step, signal: abort.signal },
      );
      step('signed in', p.flow);
      return { ok: true };
    } catch (error) {
      if (toProblem(error).kind === 'cancelled') return { ok: false, cancelled: true, message: 'cancelled' };
      return { ok: false, message: describeError(error) };
    } finally {
      if (this.#signingIn === abort) this.#signingIn = undefined;
    }
  }

  history(): HistoryEntry[] {
    return this.s.context.globalState.get<HistoryEntry[]>(this.#historyKey(), []);
  }

  private async remember(entry: Pick<HistoryEntry, 'operation' | 'sessionId' | 'body' | 'status'>): Promise<void> {
    const environmentId = this.s.environments.activeId;
    const runtime = this.s.runtimeIfRunning(environmentId);
    const signedIn = runtime?.auth.signedIn;
    const device = describeBodyDevice(entry.body) ?? signedInDevice(signedIn);
    const remembered: HistoryEntry = {
      ...entry,
      body: withoutSecretFields(entry.body),
      id: crypto.randomUUID(),
      at: Date.now(),
      environmentId,
      environmentLabel: runtime?.environment.label,
      flow: signedIn?.flow,
      device,
    };
    const entries = [remembered, ...this.history()].slice(0, HISTORY_LIMIT);
    await this.s.context.globalState.update(this.#historyKey(), entries);
    this.post({ type: 'notification', method: 'didChangeHistory', params: entries });
  }

  #historyKey(): string {
    return `qod.history.${this.s.environments.activeId}`;
  }
}

/** A profile as the form shows it: its name, status and duration bounds. */
function profileView(p: QosProfile): PlaygroundState['profiles'][number] {
  const { min, max } = profileBounds(p);
  return { name: p.name, status: p.status, minSeconds: min, maxSeconds: max };
}
