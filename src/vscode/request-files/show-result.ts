// A run from the editor (Send, Send all): each request's outcome in the QoD log, and for Send all a short message
// that says how many passed. The exchanges themselves are already in the log and the playground's trace.
import * as vscode from 'vscode';
import type { FileResult, RequestResult } from '../../core/request-files/results';
import type { QodLog } from '../log';

export function describeRequest(r: RequestResult): string[] {
  const status = r.status === undefined ? '' : ` ${r.status}`;
  if (r.skipped) return [`- ${r.label}: skipped (${r.skipped})`];
  if (r.error) return [`✗ ${r.label}${status}: ${r.error.message} (line ${r.error.line})`];
  const head = `${r.ok ? '✔' : '✗'} ${r.label}${status} (${Math.round(r.durationMs)} ms)`;
  return [head, ...r.assertions.filter((a) => !a.ok).map((a) => `    line ${a.assertion.line}: ${a.message}`)];
}

export function showFileResult(log: QodLog, result: FileResult): void {
  log.info(`request file ${result.file}: ${result.ok ? 'passed' : 'failed'}`);
  for (const r of result.requests) for (const line of describeRequest(r)) (r.ok || r.skipped ? log.info : log.error).call(log, line);
  // One answer is read in the playground's response view, where Send shows it: no second word about it here.
  if (result.requests.length <= 1) return;
  const passed = result.requests.filter((r) => r.ok).length;
  const summary = vscode.l10n.t('QoD: {0} of {1} requests passed', passed, result.requests.length);
  const show = vscode.l10n.t('Show Log');
  const message = result.ok ? vscode.window.showInformationMessage(summary, show) : vscode.window.showWarningMessage(summary, show);
  void message.then((choice) => choice === show && log.channel.show(true));
}
