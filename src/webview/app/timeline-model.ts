// The session timeline's geometry: pure, and given the clock, so positions are tested without waiting.
import type { SessionTimelineView } from '../../shared/protocol';

export const WIDTH = 700;
export const LABEL_W = 270;
export const ROW_H = 28;

export interface TimelineBar {
  id: string;
  label: string;
  status: SessionTimelineView['status'];
  x: number;
  width: number;
  markers: Array<{ x: number; title: string }>;
}

/** When a session ends: its expiry, else (not started yet) its first sighting plus its duration. */
function endOf(s: SessionTimelineView): number {
  if (s.expiresAt) return Date.parse(s.expiresAt);
  return (s.events[0]?.at ?? 0) + s.durationSeconds * 1000;
}

function left(s: SessionTimelineView, now: number): string {
  if (s.status === 'UNAVAILABLE') return s.statusInfo ?? 'ended';
  const seconds = Math.round((endOf(s) - now) / 1000);
  return seconds <= 0 ? 'expired' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left`;
}

/** Bars and markers in pixels over one time axis, from the earliest start to the latest end (or now). */
export function layoutTimeline(sessions: SessionTimelineView[], now: number): { bars: TimelineBar[]; nowX: number; from: number; to: number } {
  const starts = sessions.map((s) => s.events[0]?.at ?? now);
  const from = Math.min(now, ...starts);
  const to = Math.max(now, ...sessions.map(endOf));
  const span = Math.max(1, to - from);
  const x = (t: number) => LABEL_W + ((t - from) / span) * (WIDTH - LABEL_W - 8);
  const bars = sessions.map((s, i) => {
    const start = x(starts[i] as number);
    return {
      id: s.id,
      label: `${s.id.slice(0, 8)} · ${s.qosProfile} · ${s.status.toLowerCase()} · ${left(s, now)}`,
      status: s.status,
      x: start,
      width: Math.max(2, x(endOf(s)) - start),
      markers: s.events.slice(1).map((e) => ({ x: x(e.at), title: `${new Date(e.at).toLocaleTimeString()}: ${e.kind === 'extended' ? `extended ${e.detail ?? ''}` : `${e.status}${e.detail ? ` (${e.detail})` : ''}`}` })),
    };
  });
  return { bars, nowX: x(now), from, to };
}

