// "QoD: Check This Provider": CAMARA's test-definition scenarios (the core's encoding, src/core/check) run against the
// active environment, with the results in the Testing view: a release, under it each API with its version, under that
// each scenario row — passed, failed with the reason and the exchange, or skipped with what it needs that this
// provider cannot be asked for. A scenario (or an API) run again from the Testing view runs alone.
import * as vscode from 'vscode';
import { scenariosFor } from '../core/check/catalogue';
import type { CheckInputs } from '../core/check/inputs';
import {
  API_TITLE,
  API_VERSION,
  CHECK_APIS,
  scenarioKey,
  type CheckApi,
  type CheckExchange,
  type CheckResult,
  type Release,
} from '../core/check/model';
import { summaryLines } from '../core/check/report';
import { FLAVOUR_RELEASE, runCheck } from '../core/check/run-check';
import { operatorCheckInputs } from '../core/check/operator-inputs';
import { sandboxCheckInputs } from '../core/check/sandbox-inputs';
import type { Environment } from '../core/environments';
import { readCredentials } from './secret-storage';
import type { Services } from './services';

export interface CheckArgs {
  /** Default: the release of the environment's flavour (v1 → r3.2, v1.2 → r4.1). */
  release?: Release;
  api?: CheckApi;
}

/** A scenario item's id: the environment, the release and the scenario's key (id, and the row of an outline). */
const itemId = (environmentId: string, release: Release, key: string) => `${environmentId}|${release}|${key}`;

export class ProviderCheck implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('qod.providerCheck', vscode.l10n.t('QoD provider check (CAMARA)'));
  /** The last verdict of each scenario item (what the view shows; the tests read it). */
  readonly outcomes = new Map<string, { verdict: CheckResult['verdict']; reason?: string }>();
  /** Run again from the Testing view: the chosen scenarios alone. */
  readonly profile: vscode.TestRunProfile;

  constructor(private readonly s: Services) {
    this.profile = this.controller.createRunProfile(
      vscode.l10n.t('Check'),
      vscode.TestRunProfileKind.Run,
      (request, token) => this.#rerun(request, token),
      true,
    );
  }

  /** The command: every scenario of the release (or of one API) against the active environment. */
  async check(args: CheckArgs = {}): Promise<CheckResult[] | undefined> {
    const environmentId = this.s.environments.activeId;
    const { environment } = await this.s.runtime(environmentId);
    const release = args.release ?? FLAVOUR_RELEASE[environment.flavour];
    if (!release) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "CAMARA's test definitions are written for QoD 1.1 (r3.2) and 1.2 (r4.1); {0} speaks QoD {1}. " +
            'Choose an environment of QoD v1 or v1.2.',
          environment.label,
          environment.flavour,
        ),
      );
      return undefined;
    }
    const items = this.#itemsFor(environmentId, environment, release, args.api);
    const run = this.controller.createTestRun(
      new vscode.TestRunRequest(items),
      vscode.l10n.t('{0} against {1}', release, environment.label),
    );
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('QoD: checking {0} ({1})', environment.label, release),
        cancellable: true,
      },
      (_progress, token) => this.#execute(run, environmentId, environment, release, { api: args.api }, token),
    );
  }

  /** The Testing view's run: the chosen scenarios (or APIs, or releases) alone. */
  async #rerun(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const chosen = new Set<string>();
    const collect = (item: vscode.TestItem) => {
      if (item.children.size === 0) chosen.add(item.id);
      else item.children.forEach(collect);
    };
    if (request.include) request.include.forEach(collect);
    else this.controller.items.forEach(collect);
    const byRelease = new Map<string, string[]>();
    for (const id of chosen) {
      const [environmentId = '', release = '', key = ''] = id.split('|');
      byRelease.set(`${environmentId}|${release}`, [...(byRelease.get(`${environmentId}|${release}`) ?? []), key]);
    }
    const run = this.controller.createTestRun(request);
    for (const [where, keys] of byRelease) {
      const [environmentId = '', release = ''] = where.split('|');
      const { environment } = await this.s.runtime(environmentId);
      await this.#execute(run, environmentId, environment, release as Release, { only: keys }, token, false);
    }
    run.end();
  }

  async #execute(
    run: vscode.TestRun,
    environmentId: string,
    environment: Environment,
    release: Release,
    options: { api?: CheckApi; only?: string[] },
    token: vscode.CancellationToken,
    end = true,
  ): Promise<CheckResult[]> {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    const item = (r: CheckResult) => this.#find(itemId(environmentId, release, scenarioKey(r)));
    try {
      const results = await runCheck(this.#inputs(environmentId, environment), { release, ...options, signal: abort.signal }, (r) => {
        const test = item(r);
        if (test) this.#report(run, test, r);
      });
      for (const line of summaryLines(results)) run.appendOutput(`${line}\r\n`);
      this.s.log.info(`provider check of ${environment.label} (${release}): ${summaryLines(results).join('; ')}`);
      return results;
    } finally {
      cancelled.dispose();
      if (end) run.end();
    }
  }

  /**
   * What this environment offers the scenarios: the sandbox all it has; a provider its client, and its login hint's
   * phone as the consenting test device (the rest is skipped, each scenario saying what it would need).
   */
  #inputs(environmentId: string, environment: Environment): CheckInputs {
    if (environment.preset === 'sandbox') return sandboxCheckInputs(environment);
    const phoneNumber = /^tel:(\+\d+)$/.exec(environment.loginHint ?? '')?.[1];
    return operatorCheckInputs(environment, () => readCredentials(this.s.secrets, environmentId), phoneNumber ? { phoneNumber } : {});
  }

  /** The release's items for this environment, API by API, replacing what an earlier check of it showed. */
  #itemsFor(environmentId: string, environment: Environment, release: Release, api?: CheckApi): vscode.TestItem[] {
    const rootId = `${environmentId}|${release}`;
    const root = this.controller.items.get(rootId) ?? this.controller.createTestItem(rootId, `CAMARA ${release} · ${environment.label}`);
    this.controller.items.add(root);
    const chosen: vscode.TestItem[] = [];
    for (const one of api ? [api] : CHECK_APIS) {
      const group = this.controller.createTestItem(`${rootId}|@${one}`, `${API_TITLE[one]} ${API_VERSION[release][one]}`);
      group.children.replace(
        scenariosFor(release, one).map((s) => {
          const test = this.controller.createTestItem(itemId(environmentId, release, scenarioKey(s)), scenarioKey(s));
          test.description = s.operation;
          return test;
        }),
      );
      root.children.add(group);
      chosen.push(group);
    }
    return chosen;
  }

  #find(id: string): vscode.TestItem | undefined {
    const [environmentId, release] = id.split('|');
    const root = this.controller.items.get(`${environmentId}|${release}`);
    let found: vscode.TestItem | undefined;
    root?.children.forEach((group) => (found ??= group.children.get(id)));
    return found;
  }

  #report(run: vscode.TestRun, item: vscode.TestItem, r: CheckResult): void {
    this.outcomes.set(item.id, { verdict: r.verdict, ...(r.reason ? { reason: r.reason } : {}) });
    const contradiction = r.contradiction ? `\r\nThe test file contradicts its definition; the spec wins: ${r.contradiction}` : '';
    run.appendOutput(`${r.verdict.padEnd(7)} ${scenarioKey(r)}${r.reason ? `: ${r.reason}` : ''}${contradiction}\r\n`, undefined, item);
    if (r.verdict === 'pass') return run.passed(item, r.ms);
    if (r.verdict === 'skipped') return run.skipped(item);
    // Plain text: the exchange is the provider's words (redacted by the core), never markup here.
    run.failed(item, new vscode.TestMessage([r.reason ?? 'failed', ...r.exchanges.map(exchangeText)].join('\n\n')), r.ms);
  }

  dispose(): void {
    this.controller.dispose();
  }
}

/** One exchange of a scenario, as the report shows it (already redacted by the core). */
function exchangeText(e: CheckExchange): string {
  const lines = [`${e.method} ${e.url} → ${e.status ?? e.error ?? 'no answer'}`];
  if (e.requestBody) lines.push(`request: ${e.requestBody.slice(0, 2000)}`);
  if (e.responseBody) lines.push(`response: ${e.responseBody.slice(0, 2000)}`);
  return lines.join('\n');
}
