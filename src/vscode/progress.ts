// Long operations run in a cancellable progress notification; VS Code's cancellation becomes an AbortSignal,
// and interactive waits are bounded (5 minutes).
import * as vscode from 'vscode';
import { TimeoutError } from '../core/errors';

export const INTERACTIVE_TIMEOUT_MS = 5 * 60 * 1000;

export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
  timeoutMs = INTERACTIVE_TIMEOUT_MS,
  /** Another way to cancel, besides the notification's button (the playground's Cancel). */
  external?: AbortSignal,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    if (external?.aborted) abort.abort();
    external?.addEventListener('abort', () => abort.abort(), { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new TimeoutError(`${title}: no result within ${Math.round(timeoutMs / 60000)} minutes`));
      }, timeoutMs);
    });
    return Promise.race([task(abort.signal, (message) => progress.report({ message })), timeout]).finally(() => {
      clearTimeout(timer);
      cancel.dispose();
    });
  });
}
