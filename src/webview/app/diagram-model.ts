// The sequence diagram's content, from the recorded (redacted) trace: one arrow per real exchange and step, in
// order, with how long each exchange took and how much later it came than the one before (two different
// things: "took 2 ms" is latency, "822 ms later" is the user's pause). The playground's own calls (profile
// lists, status reads) are marked, so they are not mistaken for what "Your app" would do. Pure, so it is
// tested without a browser; Mermaid text from the same arrows, so the export cannot disagree with the picture.
import type { ExchangeView } from '../../shared/protocol';
import type { Lane, StepKind } from '../../core/explain/flow-explanations';
import { pollOutcome, type TraceEntry } from './trace-model';

export interface Arrow {
  from: Lane;
  to: Lane;
  label: string;
  kind: StepKind;
  /** When it happened (ms since the epoch), when known. */
  at?: number;
  /** The exchange it stands for, to open on selection. */
  exchange?: ExchangeView;
  /** A step that is not an HTTP exchange (the subscriber's consent, the browser's round trip). */
  dashed?: boolean;
  /** How long the exchange took, request to last byte (ms). */
  tookMs?: number;
  /** Why the playground made this call for itself (not the user's request), when it did. */
  own?: string;
}

function pathOf(url: string): string {
  return URL.canParse(url) ? new URL(url).pathname : url;
}

function exchangeArrow(e: ExchangeView, at?: number): Arrow {
  const arrow = exchangeArrowOf(e, at);
  return { ...arrow, ...(e.totalMs !== undefined ? { tookMs: e.totalMs } : {}), ...(e.own ? { own: e.own } : {}) };
}

function exchangeArrowOf(e: ExchangeView, at?: number): Arrow {
  const result = e.status ?? e.error ?? '';
  const label = `${e.method} ${pathOf(e.url)} → ${result}`;
  switch (e.kind) {
    case 'api':
      return { from: 'app', to: 'api', label, kind: 'api', at, exchange: e };
    case 'bc-authorize':
      return { from: 'app', to: 'auth', label, kind: 'bc-authorize', at, exchange: e };
    case 'token':
      return { from: 'app', to: 'auth', label, kind: 'token', at, exchange: e };
    case 'discovery':
      return { from: 'app', to: 'auth', label, kind: 'discovery', at, exchange: e };
    case 'revocation':
      return { from: 'app', to: 'auth', label, kind: 'revocation', at, exchange: e };
    default:
      return {
        from: 'app',
        to: pathOf(e.url).includes('quality-on-demand') || pathOf(e.url).includes('/qod/') ? 'api' : 'auth',
        label,
        kind: 'other',
        at,
        exchange: e,
      };
  }
}

const POLL_KIND = (outcome: string): StepKind =>
  outcome === 'approved'
    ? 'poll-approved'
    : outcome === 'authorization_pending'
      ? 'poll-pending'
      : outcome === 'slow_down'
        ? 'poll-slow-down'
        : 'poll-refused';

export function arrowsFrom(trace: TraceEntry[]): Arrow[] {
  const arrows: Arrow[] = [];
  for (const entry of trace) {
    if ('exchange' in entry) arrows.push(exchangeArrow(entry.exchange, entry.at));
    else if ('polls' in entry) {
      const polls = entry.polls.each ?? [{ outcome: pollOutcome(entry.polls.last), at: 0 }];
      for (const [i, poll] of polls.entries()) {
        const last = i === polls.length - 1;
        // The subscriber's answer, drawn where it happened: just before the poll that saw it.
        if (poll.outcome === 'approved')
          arrows.push({
            from: 'device',
            to: 'auth',
            label: 'the subscriber approves',
            kind: 'consent',
            at: poll.at || undefined,
            dashed: true,
          });
        if (poll.outcome === 'access_denied')
          arrows.push({
            from: 'device',
            to: 'auth',
            label: 'the subscriber declines',
            kind: 'decline',
            at: poll.at || undefined,
            dashed: true,
          });
        const label =
          poll.outcome === 'slow_down'
            ? 'poll: slow_down (interval +5 s)'
            : poll.outcome === 'approved'
              ? 'poll: access token'
              : `poll: ${poll.outcome}`;
        arrows.push({
          from: 'app',
          to: 'auth',
          label,
          kind: POLL_KIND(poll.outcome),
          at: poll.at || undefined,
          exchange: last ? entry.polls.last : undefined,
          ...(last && entry.polls.last.totalMs !== undefined ? { tookMs: entry.polls.last.totalMs } : {}),
        });
      }
    } else if ('step' in entry) {
      if (entry.step === 'browser') {
        arrows.push({ from: 'app', to: 'device', label: 'opens the authorize URL in the browser', kind: 'browser', dashed: true });
        arrows.push({ from: 'device', to: 'auth', label: 'network authentication, consent', kind: 'network-authentication', dashed: true });
      } else if (entry.step === 'callback') {
        arrows.push({
          from: 'auth',
          to: 'app',
          label: `redirect to the callback: ${entry.detail ?? ''}`.trim(),
          kind: 'callback',
          dashed: true,
        });
      } else if (entry.step === 'notification') {
        arrows.push({ from: 'api', to: 'sink', label: entry.detail ?? 'status changed', kind: 'notification', dashed: true });
      }
    }
  }
  return arrows;
}

/** `2 ms`, `1.2 s`, `2 min 5 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

/** `1.2 s later`: the time since the arrow before (a pause, not latency), when both times are known. */
export function gap(arrows: Arrow[], i: number): string {
  const here = arrows[i]?.at;
  const before = arrows
    .slice(0, i)
    .reverse()
    .find((a) => a.at !== undefined)?.at;
  if (here === undefined || before === undefined) return '';
  return `${duration(Math.max(0, here - before))} later`;
}

/** What is said under an arrow: whose call it was, how long it took, how much later it came. */
export function timing(arrows: Arrow[], i: number): string {
  const a = arrows[i];
  if (!a) return '';
  return [a.own ? `the playground's own call: ${a.own}` : '', a.tookMs !== undefined ? `took ${duration(a.tookMs)}` : '', gap(arrows, i)]
    .filter(Boolean)
    .join(' · ');
}

/** The arrows to draw: the playground's own calls only when asked for. */
export function visibleArrows(arrows: Arrow[], showOwn: boolean): Arrow[] {
  return showOwn ? arrows : arrows.filter((a) => !a.own);
}

/** `text` in lines of at most `width` characters, broken between words (a longer word is cut). */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(8, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > max) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, max));
      word = word.slice(max);
    }
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const MERMAID_ID: Record<Lane, string> = { app: 'App', auth: 'Auth', device: 'Device', api: 'QoD', sink: 'Sink' };
const MERMAID_TITLE: Record<Lane, string> = {
  app: 'Your app',
  auth: 'Operator auth server',
  device: 'Device / end user',
  api: 'QoD API',
  sink: 'Notification sink',
};

/** The arrows as a Mermaid `sequenceDiagram` (for docs and issues): dashed steps as `-->>`. */
export function toMermaid(arrows: Arrow[]): string {
  const lanes = (Object.keys(MERMAID_ID) as Lane[]).filter((l) => arrows.some((a) => a.from === l || a.to === l));
  const clean = (text: string) => text.replace(/[;#\n\r]/g, ' ').trim();
  return [
    'sequenceDiagram',
    ...lanes.map((l) => `  participant ${MERMAID_ID[l]} as ${MERMAID_TITLE[l]}`),
    ...arrows.map((a) => `  ${MERMAID_ID[a.from]}${a.dashed ? '-->>' : '->>'}${MERMAID_ID[a.to]}: ${clean(a.label)}`),
  ].join('\n');
}

/** The arrows a Mermaid text describes (from, to, label, dashed): the inverse of toMermaid, for the round-trip test. */
export function fromMermaid(text: string): Array<Pick<Arrow, 'from' | 'to' | 'label' | 'dashed'>> {
  const lane = Object.fromEntries(Object.entries(MERMAID_ID).map(([k, v]) => [v, k as Lane]));
  return text.split('\n').flatMap((line) => {
    const m = /^\s*(\w+)(-->>|->>)(\w+): (.*)$/.exec(line);
    return m && lane[m[1] as string] && lane[m[3] as string]
      ? [{ from: lane[m[1] as string] as Lane, to: lane[m[3] as string] as Lane, label: m[4] as string, dashed: m[2] === '-->>' }]
      : [];
  });
}
