// The bounds on what one request may cost: an overall deadline (headers and the whole body) and a cap on
// the size of the answer. undici's headersTimeout and bodyTimeout restart with every chunk, so a provider
// that trickles one byte every few seconds would otherwise hold a tool call or the CLI for ever; and QoD
// answers are small, so a huge one is a broken or hostile provider, not data to keep.
import { NetworkError } from '../errors';

export interface Limits {
  /** Headers and the whole body of one request, ms. */
  totalMs: number;
  /** The largest response body read, bytes; past it the connection is closed. */
  maxResponseBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = { totalMs: 30_000, maxResponseBytes: 4 * MiB };

/**
 * What a user may set, the same in every face (the settings' minimum and maximum say the same): past 300 s a
 * timer no longer means "a slow provider", and past 2^31 ms Node fires it at once.
 */
export const LIMIT_RANGES = { timeoutSeconds: { min: 1, max: 300 }, maxResponseBytes: { min: 1024, max: 1024 * MiB } } as const;

/** A setting's value within its range: the VS Code face clamps what settings.json holds instead of failing. */
export function withinRange(value: number | undefined, range: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(range.max, Math.max(range.min, value)) : fallback;
}

/** Where a user changes the limits, named in the messages (one wording for every face). */
const TIMEOUT_KNOB = 'the qod.http.timeoutSeconds setting, or `qod --timeout <seconds>` / QOD_HTTP_TIMEOUT_SECONDS';
const SIZE_KNOB = 'the qod.http.maxResponseBytes setting, or `qod --max-response-bytes <n>` / QOD_HTTP_MAX_RESPONSE_BYTES';

/** The request did not complete (headers and the whole body) within the overall deadline. */
export class DeadlineExceededError extends NetworkError {
  constructor(
    host: string,
    readonly limitMs: number,
  ) {
    const within = formatSeconds(limitMs);
    super(
      `${host} did not finish answering within ${within} (the deadline of one request); stopped waiting. ` +
        `If this provider is just slow, raise ${TIMEOUT_KNOB}.`,
      'timeout',
    );
  }
}

/** The answer was larger than the cap: reading stopped there and the connection was closed. */
export class ResponseTooLargeError extends NetworkError {
  constructor(
    host: string,
    readonly limitBytes: number,
  ) {
    const limit = formatBytes(limitBytes);
    super(
      `The provider's answer (${host}) was larger than ${limit}; stopped reading. ` +
        `QoD answers are small; if this one is expected, raise ${SIZE_KNOB}.`,
      'too_large',
    );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < MiB) return bytes % 1024 === 0 && bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
  return `${Number.isInteger(bytes / MiB) ? bytes / MiB : (bytes / MiB).toFixed(1)} MiB`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** An AbortSignal that fires at the deadline or when the caller's does; dispose() when the request is done. */
export interface Deadline {
  signal: AbortSignal;
  /** True when the deadline (not the caller) ended the request. */
  expired(): boolean;
  dispose(): void;
}

export function startDeadline(ms: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`deadline of ${ms} ms`, 'TimeoutError'));
  }, ms);
  // The deadline alone never keeps a process alive.
  timer.unref?.();
  // By hand rather than AbortSignal.any: the listener on a long-lived caller signal is removed with the request.
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired && !caller?.aborted,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
