// The Testing view's "QoD request files": each `.http` file of the workspace with assertions is a test, each of
// its requests with assertions a child at its request line. A run sends the files one at a time with the core's
// runner; a failing assertion shows expected vs actual at its own line.
import * as vscode from 'vscode';
import type { FileRequest } from '../../core/request-files/model';
import type { FileResult, RequestResult } from '../../core/request-files/results';
import { readRequestFile } from './read-file';
import type { RunFile } from './run-file';

/** Discovery stops at this many files: a workspace with more is not a set of request files. */
export const MAX_DISCOVERED = 500;
const GLOB = '**/*.http';
const EXCLUDE = '**/node_modules/**';

export type OutcomeState = 'passed' | 'failed' | 'errored' | 'skipped';
export interface Outcome {
  state: OutcomeState;
  messages: Array<{ message: string; line?: number }>;
}

const requestId = (uri: vscode.Uri, line: number): string => `${uri.toString()}#${line}`;

export class RequestFileTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('qod.requestFiles', vscode.l10n.t('QoD request files'));
  /** Each test item's outcome in the last run that reported it (what the view shows; the tests read it). */
  readonly outcomes = new Map<string, Outcome>();
  /** Run (no debug: a request file has nothing to step through). */
  readonly profile: vscode.TestRunProfile;
  readonly #disposables: vscode.Disposable[] = [this.controller];

  constructor(private readonly runFile: RunFile) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverAll();
    };
    this.controller.refreshHandler = () => this.discoverAll();
    this.profile = this.controller.createRunProfile(
      vscode.l10n.t('Run'),
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.#disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.discover(uri)),
      watcher.onDidChange((uri) => void this.discover(uri)),
      watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())),
      vscode.workspace.onDidSaveTextDocument((d) => void this.discover(d.uri)),
    );
  }

  async discoverAll(): Promise<void> {
    const uris = await vscode.workspace.findFiles(GLOB, EXCLUDE, MAX_DISCOVERED);
    const found = new Set(uris.map((u) => u.toString()));
    this.controller.items.forEach((item) => {
      if (!found.has(item.id)) this.controller.items.delete(item.id);
    });
    for (const uri of uris) await this.discover(uri);
  }

  /** (Re)reads one file: an item with a child per request that has assertions, or none. */
  async discover(uri: vscode.Uri): Promise<void> {
    if (!uri.path.toLowerCase().endsWith('.http') || uri.scheme !== 'file') return;
    const id = uri.toString();
    if (!this.controller.items.get(id) && this.controller.items.size >= MAX_DISCOVERED) return;
    let requests: FileRequest[];
    try {
      requests = (await readRequestFile(uri)).file.requests.filter((r) => r.assertions.length > 0);
    } catch {
      requests = [];
    }
    if (requests.length === 0) {
      this.controller.items.delete(id);
      return;
    }
    const item = this.controller.createTestItem(id, vscode.workspace.asRelativePath(uri), uri);
    item.children.replace(
      requests.map((r) => {
        const child = this.controller.createTestItem(requestId(uri, r.line), r.name ?? r.title ?? `${r.method} ${r.url}`, uri);
        child.range = new vscode.Range(r.line - 1, 0, r.line - 1, 0);
        return child;
      }),
    );
    this.controller.items.add(item);
  }

  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      for (const [file, chosen] of this.#chosen(request)) {
        if (token.isCancellationRequested) break;
        for (const child of chosen) run.started(child);
        // One request chosen alone runs alone; otherwise the whole file runs (its requests build on each other).
        const only = chosen.length === 1 && file.children.size > 1 ? Number(chosen[0]?.id.split('#').pop()) : undefined;
        let result: FileResult;
        try {
          result = await this.runFile(file.uri as vscode.Uri, { only, signal: abort.signal });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          for (const child of chosen) this.#report(run, child, 'errored', [{ message }]);
          continue;
        }
        for (const r of result.requests) {
          const child = chosen.find((c) => c.id === requestId(file.uri as vscode.Uri, r.request.line));
          if (child) this.#reportRequest(run, child, r);
        }
      }
    } finally {
      cancelled.dispose();
      run.end();
    }
  }

  /** The files to run, each with the request items to report. */
  #chosen(request: vscode.TestRunRequest): Map<vscode.TestItem, vscode.TestItem[]> {
    const chosen = new Map<vscode.TestItem, vscode.TestItem[]>();
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const add = (item: vscode.TestItem) => {
      const file = item.parent ?? item;
      const children: vscode.TestItem[] = [];
      if (item.parent) children.push(item);
      else item.children.forEach((c) => children.push(c));
      chosen.set(file, [...(chosen.get(file) ?? []), ...children.filter((c) => !excluded.has(c.id))]);
    };
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    return chosen;
  }

  #reportRequest(run: vscode.TestRun, item: vscode.TestItem, r: RequestResult): void {
    if (r.skipped) return this.#report(run, item, 'skipped', [{ message: r.skipped }]);
    if (r.error) return this.#report(run, item, 'errored', [{ message: r.error.message, line: r.error.line }]);
    const failing = r.assertions.filter((a) => !a.ok);
    if (r.ok && failing.length === 0) return this.#report(run, item, 'passed', [], r.durationMs);
    const messages = failing.map((a) => ({
      message: a.message,
      line: a.assertion.line,
      expected: `${a.assertion.operator}${a.assertion.expected === undefined ? '' : ` ${a.assertion.expected}`}`,
      actual: a.actual ?? '',
    }));
    if (messages.length === 0)
      messages.push({ message: `${r.label}: answered ${r.status ?? 'nothing'}`, line: r.request.line, expected: '', actual: '' });
    this.#report(run, item, 'failed', messages, r.durationMs);
  }

  #report(
    run: vscode.TestRun,
    item: vscode.TestItem,
    state: OutcomeState,
    messages: Array<{ message: string; line?: number; expected?: string; actual?: string }>,
    durationMs?: number,
  ): void {
    this.outcomes.set(item.id, { state, messages: messages.map(({ message, line }) => ({ message, line })) });
    const tests = messages.map((m) => {
      const t =
        m.expected !== undefined && m.actual ? vscode.TestMessage.diff(m.message, m.expected, m.actual) : new vscode.TestMessage(m.message);
      if (m.line !== undefined && item.uri) t.location = new vscode.Location(item.uri, new vscode.Position(m.line - 1, 0));
      return t;
    });
    if (state === 'passed') run.passed(item, durationMs);
    else if (state === 'skipped') run.skipped(item);
    else if (state === 'failed') run.failed(item, tests, durationMs);
    else run.errored(item, tests, durationMs);
  }

  dispose(): void {
    for (const d of this.#disposables) d.dispose();
  }
}
