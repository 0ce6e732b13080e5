// How failures reach the user: the CAMARA code, the message, the fix, and "Show Log". Cancellation is silent.
import * as vscode from 'vscode';
import { toProblem } from '../core/problem';
import type { QodLog } from './log';
import { problemMessage } from './problem-message';

export { describeError } from './problem-message';

/** An action offered with the error, e.g. "Edit and Retry" with the user's answers kept. */
export interface ErrorAction {
  title: string;
  run(): unknown;
}

export async function showError(error: unknown, log: QodLog, actions: ErrorAction[] = []): Promise<void> {
  const problem = toProblem(error);
  if (problem.kind === 'cancelled') return;
  const message = problemMessage(problem);
  log.error(message);
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), showLog);
  // (The promise settles only when the user answers or dismisses the message.)
  if (choice === showLog) log.channel.show(true);
  else await actions.find((a) => a.title === choice)?.run();
}
