// How failures reach the user: the CAMARA code, the message, the fix, and "Show Log". Cancellation is silent.
import * as vscode from 'vscode';
import { AuthError } from '../core/auth/auth-error';
import { QodError, QodValidationError } from '../core/camara/qod-client';
import { distinctTexts } from '../core/distinct-texts';
import { CancelledError } from '../core/errors';
import type { QodLog } from './log';

export function describeError(error: unknown): string {
  if (error instanceof QodError) {
    // The provider's message and the fix, each once (a provider's message often says what to do already).
    const [message, fix] = distinctTexts([error.apiMessage, error.fix]);
    return `${error.status} ${error.code}: ${message ?? ''}${fix ? ` — ${fix}` : ''}`;
  }
  if (error instanceof QodValidationError) return `Not sent: ${error.issues.map((i) => i.message).join('; ')}`;
  if (error instanceof AuthError) {
    // The provider's description and our hint, each once (a denied CIBA says "declined" in both).
    const [description, hint] = distinctTexts([error.description, error.hint]);
    return `Sign-in failed: ${error.code}${description ? `: ${description}` : ''}${hint ? ` ${hint}` : ''}`;
  }
  return (error as Error)?.message ?? String(error);
}

/** An action offered with the error, e.g. "Edit and Retry" with the user's answers kept. */
export interface ErrorAction {
  title: string;
  run(): unknown;
}

export async function showError(error: unknown, log: QodLog, actions: ErrorAction[] = []): Promise<void> {
  if (error instanceof CancelledError) return;
  const message = describeError(error);
  log.error(message);
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), showLog);
  // (The promise settles only when the user answers or dismisses the message.)
  if (choice === showLog) log.channel.show(true);
  else await actions.find((a) => a.title === choice)?.run();
}
