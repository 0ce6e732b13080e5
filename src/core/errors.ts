// Errors every layer shares. The UI stays silent on CancelledError and names the cause of the others.

/** The user (or a caller's AbortSignal) stopped the operation. Never shown as a failure. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

/** A bounded wait ran out: a slow server, a sign-in nobody completed. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** A network failure with a message that says what to do. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    message: string,
    readonly kind: 'timeout' | 'refused' | 'closed' | 'tls' | 'dns' | 'too_large' | 'other',
  ) {
    super(message);
  }
}

/** The words of anything thrown: an Error's message (or a thrown object's), else the value as text. */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** A thrown object's string `code` (Node's `EADDRINUSE`, `ERR_PARSE_ARGS_…`), if it has one. */
export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Rejects with CancelledError when the signal aborts; resolves after `ms` otherwise. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}
