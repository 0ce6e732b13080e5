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
