// The trace as the page keeps it: one line per exchange or step, except a CIBA wait, whose polls fold into one
// line (a never-approved CIBA is dozens of polls). Pure, so the folding is tested without a browser.
import type { ExchangeView } from '../../shared/protocol';

/** The polls of one CIBA wait: how many, how each ended, when the request expires, the latest poll. */
export interface PollGroup {
  count: number;
  outcomes: Record<string, number>;
  /** When the CIBA request expires (ms since the epoch), from bc-authorize's expires_in. */
  expiresAt?: number;
  last: ExchangeView;
  /** The wait ended: a token came, or the wait was refused, denied or expired. */
  done: boolean;
  /** How it ended when no poll said so (the user cancelled it, the sign-in stopped): see `closeWait`. */
  ended?: string;
  /** Each poll's outcome and when it came (the latest `POLLS_KEPT`), for the sequence diagram. */
  each?: Array<{ outcome: string; at: number }>;
}

export const POLLS_KEPT = 200;

/** One line of the trace. `at` is when the page received it. */
export type TraceEntry =
  { exchange: ExchangeView; at?: number } | { polls: PollGroup } | { step: string; detail?: string } | { error: string };

export const TRACE_KEPT = 50;

/** How a poll ended: approved, or the OAuth error it answered (authorization_pending, slow_down, …). */
export function pollOutcome(e: ExchangeView): string {
  if (e.status !== undefined && e.status < 300) return 'approved';
  try {
    const error = (JSON.parse(e.responseBody ?? '') as { error?: unknown }).error;
    if (typeof error === 'string' && /^[\w.-]{1,64}$/.test(error)) return error;
  } catch {
    // not JSON: named by its status below
  }
  return e.error ? 'network failure' : `HTTP ${e.status ?? '?'}`;
}

const STILL_WAITING = new Set(['authorization_pending', 'slow_down']);

/** When the CIBA request of the latest bc-authorize in `entries` expires, if it said. */
function cibaExpiry(entries: TraceEntry[]): number | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (!entry || !('exchange' in entry) || entry.exchange.kind !== 'bc-authorize') continue;
    try {
      const expiresIn = (JSON.parse(entry.exchange.responseBody ?? '') as { expires_in?: unknown }).expires_in;
      return typeof expiresIn === 'number' && entry.at !== undefined ? entry.at + expiresIn * 1000 : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The trace with `entry` added: polls fold into the open wait's line; the flow's own poll steps are redundant then. */
export function appendTrace(entries: TraceEntry[], entry: TraceEntry, now: number): TraceEntry[] {
  if ('step' in entry && /^poll \d+$/.test(entry.step)) return entries;
  if ('exchange' in entry && entry.exchange.kind === 'ciba-poll') {
    const outcome = pollOutcome(entry.exchange);
    const last = entries[entries.length - 1];
    const open = last && 'polls' in last && !last.polls.done ? last.polls : undefined;
    const group: PollGroup = {
      count: (open?.count ?? 0) + 1,
      outcomes: { ...open?.outcomes, [outcome]: (open?.outcomes[outcome] ?? 0) + 1 },
      expiresAt: open ? open.expiresAt : cibaExpiry(entries),
      last: entry.exchange,
      done: !STILL_WAITING.has(outcome),
      each: [...(open?.each ?? []), { outcome, at: entry.at ?? now }].slice(-POLLS_KEPT),
    };
    return [...(open ? entries.slice(0, -1) : entries), { polls: group }].slice(-TRACE_KEPT);
  }
  return [...entries, 'exchange' in entry ? { ...entry, at: entry.at ?? now } : entry].slice(-TRACE_KEPT);
}

/** The trace with its open CIBA wait (if any) closed as `ended`: the sign-in is over, so nothing waits any more. */
export function closeWait(entries: TraceEntry[], ended: string): TraceEntry[] {
  const last = entries[entries.length - 1];
  if (!last || !('polls' in last) || last.polls.done) return entries;
  return [...entries.slice(0, -1), { polls: { ...last.polls, done: true, ended } }];
}

/** `1:05`, for a countdown. */
export function mmss(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The wait's line: `CIBA wait: 5 polls (authorization_pending ×4, slow_down ×1), expires in 1:23`. */
export function pollSummary(group: PollGroup, now: number): string {
  const outcomes = Object.entries(group.outcomes)
    .map(([o, n]) => `${o} ×${n}`)
    .join(', ');
  const state =
    group.ended ??
    (group.done
      ? `ended: ${pollOutcome(group.last)}`
      : group.expiresAt !== undefined
        ? `expires in ${mmss(group.expiresAt - now)}`
        : 'waiting for the subscriber');
  return `CIBA wait: ${group.count} poll${group.count === 1 ? '' : 's'} (${outcomes}), ${state}`;
}
