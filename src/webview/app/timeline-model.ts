// The session timeline's geometry: pure, and given the clock and the width, so positions are tested without
// waiting. Each session is a row: its label on a line of its own (readable, never under a bar), its bar from
// first sighting to its end below it; a time axis with clock-time ticks under all the rows.
import type { SessionTimelineView } from '../../shared/protocol';

/** The width when the page has not said how wide it is. */
export const WIDTH = 700;
/** Left and right margin of the axis. */
export const MARGIN = 8;
export const ROW_H = 36;
export const AXIS_H = 26;
/** At least this many px between two ticks, so their labels do not touch. */
const TICK_SPACING = 72;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const STEPS = [1, 2, 5, 10, 15, 30]
  .map((n) => n * SECOND)
  .concat(
    [1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
    [1, 2, 3, 6, 12, 24].map((n) => n * HOUR),
  );

export interface TimelineBar {
  id: string;
  label: string;
  status: SessionTimelineView['status'];
  x: number;
  width: number;
  /** `network`: the network ended the session there (NETWORK_TERMINATED), drawn apart from other changes. */
  markers: Array<{ x: number; title: string; kind?: 'network' }>;
}

export interface TimelineTick {
  x: number;
  at: number;
  label: string;
}

/** When a session that has ended ended: the first answer that said UNAVAILABLE (a delete, an expiry), else the last. */
function endedAt(s: SessionTimelineView): number | undefined {
  if (s.status !== 'UNAVAILABLE') return undefined;
  return s.events.find((e) => e.status === 'UNAVAILABLE')?.at ?? s.events[s.events.length - 1]?.at;
}

/** When a session ends: when it ended (a deleted one at its deletion), else its expiry, else its first sighting plus its duration. */
function endOf(s: SessionTimelineView): number {
  const planned = s.expiresAt ? Date.parse(s.expiresAt) : (s.events[0]?.at ?? 0) + s.durationSeconds * 1000;
  const ended = endedAt(s);
  return ended === undefined ? planned : Math.min(planned, ended);
}

/** The network, not the user or the clock, ended it: the sandbox's scripted end or a real network's. */
const NETWORK_ENDED = 'NETWORK_TERMINATED';

function left(s: SessionTimelineView, now: number): string {
  if (s.status === 'UNAVAILABLE')
    return s.statusInfo === NETWORK_ENDED ? `ended by the network (${NETWORK_ENDED})` : (s.statusInfo ?? 'ended');
  const seconds = Math.round((endOf(s) - now) / 1000);
  return seconds <= 0 ? 'expired' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Clock-time ticks at a round step (1 s … 24 h) with at most one per TICK_SPACING px. */
export function ticks(from: number, to: number, x: (t: number) => number, width: number): TimelineTick[] {
  const most = Math.max(2, Math.floor((width - 2 * MARGIN) / TICK_SPACING));
  const span = Math.max(1, to - from);
  const step = STEPS.find((s) => span / s <= most) ?? 24 * HOUR * Math.ceil(span / (24 * HOUR * most));
  const result: TimelineTick[] = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) {
    const d = new Date(at);
    result.push({ x: x(at), at, label: `${two(d.getHours())}:${two(d.getMinutes())}${step < MINUTE ? `:${two(d.getSeconds())}` : ''}` });
  }
  return result;
}

/** Bars, markers, ticks and the now-line in pixels over one time axis, from the earliest start to the latest end (or now). */
export function layoutTimeline(
  sessions: SessionTimelineView[],
  now: number,
  width = WIDTH,
): { bars: TimelineBar[]; nowX: number; from: number; to: number; ticks: TimelineTick[] } {
  const starts = sessions.map((s) => s.events[0]?.at ?? now);
  const from = Math.min(now, ...starts);
  const to = Math.max(now, ...sessions.map(endOf));
  const span = Math.max(1, to - from);
  const x = (t: number) => MARGIN + ((t - from) / span) * (width - 2 * MARGIN);
  const bars = sessions.map((s, i) => {
    const start = x(starts[i] as number);
    return {
      id: s.id,
      label: `${s.id.slice(0, 8)} · ${s.qosProfile} · ${s.status.toLowerCase()} · ${left(s, now)}`,
      status: s.status,
      x: start,
      width: Math.max(2, x(endOf(s)) - start),
      markers: s.events.slice(1).map((e) => ({
        x: x(e.at),
        title: `${new Date(e.at).toLocaleTimeString()}: ${eventWords(e)}`,
        ...(e.detail === NETWORK_ENDED ? { kind: 'network' as const } : {}),
      })),
    };
  });
  return { bars, nowX: x(now), from, to, ticks: ticks(from, to, x, width) };
}

/** `extended 60 s`, or the status with its detail: `UNAVAILABLE (DURATION_EXPIRED)`. */
function eventWords(e: { kind: string; status: string; detail?: string }): string {
  if (e.detail === NETWORK_ENDED) return `the network ended the session: ${e.status} (${NETWORK_ENDED})`;
  return e.kind === 'extended' ? `extended ${e.detail ?? ''}` : `${e.status}${e.detail ? ` (${e.detail})` : ''}`;
}
