// "Wait until the session settles": a session the provider answered REQUESTED is read again until it is
// AVAILABLE or UNAVAILABLE, so a face does not wait for a notification that may never come. One loop for every
// face (the sessions view, Create Session, `qod … --wait`); they differ only in their delays and in what they
// do with a failed read, which ends the wait here (the caller decides whether that is an error).
import type { SessionView } from '../camara/normalise';
import { sleep as realSleep } from '../errors';

export interface SettleOptions<T extends { value: SessionView }> {
  /** Reads the session once; undefined when there is nothing left to read (it is no longer known). */
  read: (signal?: AbortSignal) => Promise<T | undefined>;
  /** The wait before each read, in ms: one read per entry, so their sum is the overall bound. */
  delaysMs: readonly number[];
  /** Cancels the wait: the pending sleep or read rejects with CancelledError. */
  signal?: AbortSignal;
  /** The sleep between reads (a ManualClock's in tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type SettleOutcome<T> =
  /** The last read said AVAILABLE or UNAVAILABLE. */
  | { kind: 'settled'; result: T }
  /** Every read said REQUESTED (`result`: the last one, if any). */
  | { kind: 'timeout'; result: T | undefined }
  /** `read` answered undefined: the session is no longer known. */
  | { kind: 'gone' };

/** Reads after each delay until the status is not REQUESTED, the delays run out, or the signal aborts. */
export async function settle<T extends { value: SessionView }>(options: SettleOptions<T>): Promise<SettleOutcome<T>> {
  const sleep = options.sleep ?? realSleep;
  let last: T | undefined;
  for (const delay of options.delaysMs) {
    await sleep(delay, options.signal);
    last = await options.read(options.signal);
    if (!last) return { kind: 'gone' };
    if (last.value.status !== 'REQUESTED') return { kind: 'settled', result: last };
  }
  return { kind: 'timeout', result: last };
}
