// The session timeline: each session of the active environment as a bar from when it was first seen to its
// expiry, coloured by status (and named in words), with markers for status changes and extensions, a now-line
// that moves, and the time left. Selecting a bar (click, Enter) loads the session into the request form.
// The geometry is timeline-model.ts (pure, given the clock).
import type { SessionTimelineView } from '../../../shared/protocol';
import { clear, h, svg, SVG_NS } from '../dom';
import { layoutTimeline, ROW_H, WIDTH } from '../timeline-model';



export function timelineSection(select: (sessionId: string) => void): { element: HTMLElement; render(sessions: SessionTimelineView[], now?: number): void } {
  let sessions: SessionTimelineView[] = [];
  const canvas = h('div', { class: 'timeline-canvas' });
  const draw = (now: number) => {
    if (sessions.length === 0) return clear(canvas, h('p', { class: 'muted' }, 'Sessions you create or read appear here, from their start to their expiry.'));
    const { bars, nowX } = layoutTimeline(sessions, now);
    const height = bars.length * ROW_H + 12;
    const root = svg('svg', { xmlns: SVG_NS, id: 'timeline', width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, role: 'list', 'aria-label': `Session timeline, ${bars.length} sessions` });
    bars.forEach((b, i) => {
      const y = i * ROW_H + 6;
      const g = svg('g', { class: `session status-${b.status.toLowerCase()}`, tabindex: 0, role: 'listitem', 'data-id': b.id, 'aria-label': `${b.label}. Enter loads it into the request.` },
        svg('title', {}, b.label),
        svg('text', { x: 0, y: y + 14, class: 'session-label' }, b.label),
        svg('rect', { x: b.x, y: y + 3, width: b.width, height: ROW_H - 12, rx: 3, class: 'bar' }),
        ...b.markers.map((m) => svg('circle', { cx: m.x, cy: y + ROW_H / 2 - 3, r: 4, class: 'marker' }, svg('title', {}, m.title))));
      const pick = () => select(b.id);
      g.addEventListener('click', pick);
      g.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') { e.preventDefault(); pick(); } });
      root.append(g);
    });
    root.append(svg('line', { x1: nowX, y1: 0, x2: nowX, y2: height, class: 'now-line' }, svg('title', {}, 'now')));
    clear(canvas, root);
  };
  // The now-line moves and the time left counts down while a session is live.
  setInterval(() => { if (sessions.some((s) => s.status !== 'UNAVAILABLE')) draw(Date.now()); }, 1000);
  const element = h('section', { class: 'panel timeline', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Session timeline'), canvas);
  return { element, render: (next, now = Date.now()) => { sessions = next; draw(now); } };
}
