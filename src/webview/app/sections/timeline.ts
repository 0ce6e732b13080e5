// The session timeline: each session of the active environment as a row, its label on a line of its own and
// its bar below from when it was first seen to its end (its deletion, or its expiry), coloured by status (and
// named in words), with markers for status changes and extensions, a now-line that moves, the time left, and
// a clock-time axis under the rows. Selecting a bar (click, Enter) loads the session into the request form.
// The geometry is timeline-model.ts (pure, given the clock and the width).
import type { SessionTimelineView } from '../../../shared/protocol';
import { clear, h, svg, SVG_NS } from '../dom';
import { AXIS_H, layoutTimeline, MARGIN, ROW_H, WIDTH } from '../timeline-model';

export function timelineSection(select: (sessionId: string) => void): {
  element: HTMLElement;
  render(sessions: SessionTimelineView[], now?: number): void;
} {
  let sessions: SessionTimelineView[] = [];
  let drawnWidth = 0;
  let lastNow = Date.now();
  const canvas = h('div', { class: 'timeline-canvas' });
  const draw = (now: number) => {
    lastNow = now;
    if (sessions.length === 0)
      return clear(canvas, h('p', { class: 'muted' }, 'Sessions you create or read appear here, from their start to their end.'));
    drawnWidth = canvas.clientWidth;
    const width = Math.max(320, drawnWidth || WIDTH);
    const { bars, nowX, ticks } = layoutTimeline(sessions, now, width);
    const rowsH = bars.length * ROW_H + 4;
    const height = rowsH + AXIS_H;
    const root = svg('svg', {
      xmlns: SVG_NS,
      id: 'timeline',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'list',
      'aria-label': `Session timeline, ${bars.length} sessions`,
    });
    // The axis and the now-line first, so the rows (labels and bars) draw over them.
    root.append(
      svg(
        'g',
        { class: 'axis', 'aria-hidden': 'true' },
        svg('line', { x1: MARGIN, y1: rowsH, x2: width - MARGIN, y2: rowsH, class: 'axis-line' }),
        ...ticks.map((t) =>
          svg(
            'g',
            { class: 'tick' },
            svg('line', { x1: t.x, y1: 0, x2: t.x, y2: rowsH, class: 'grid' }),
            svg('line', { x1: t.x, y1: rowsH, x2: t.x, y2: rowsH + 4, class: 'tick-mark' }),
            // The first and last labels stay inside the picture.
            svg(
              'text',
              { x: t.x, y: rowsH + 16, 'text-anchor': t.x < 30 ? 'start' : t.x > width - 30 ? 'end' : 'middle', class: 'tick-label' },
              t.label,
            ),
          ),
        ),
      ),
      svg('line', { x1: nowX, y1: 0, x2: nowX, y2: rowsH, class: 'now-line' }, svg('title', {}, 'now')),
    );
    bars.forEach((b, i) => {
      const y = i * ROW_H + 4;
      const g = svg(
        'g',
        {
          class: `session status-${b.status.toLowerCase()}`,
          tabindex: 0,
          role: 'listitem',
          'data-id': b.id,
          'aria-label': `${b.label}. Enter loads it into the request.`,
        },
        svg('title', {}, b.label),
        svg('text', { x: MARGIN, y: y + 11, class: 'session-label' }, b.label),
        svg('rect', { x: b.x, y: y + 16, width: b.width, height: ROW_H - 22, rx: 3, class: 'bar' }),
        ...b.markers.map((m) =>
          svg(
            'circle',
            { cx: m.x, cy: y + 16 + (ROW_H - 22) / 2, r: m.kind ? 6 : 4, class: m.kind ? `marker ${m.kind}-ended` : 'marker' },
            svg('title', {}, m.title),
          ),
        ),
      );
      const pick = () => select(b.id);
      g.addEventListener('click', pick);
      g.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
          e.preventDefault();
          pick();
        }
      });
      root.append(g);
    });
    clear(canvas, root);
  };
  // The now-line moves and the time left counts down while a session is live.
  setInterval(() => {
    if (sessions.some((s) => s.status !== 'UNAVAILABLE')) draw(Date.now());
  }, 1000);
  // Laid out for the width it has: drawn again when the pane is resized.
  new ResizeObserver(() => {
    if (sessions.length && Math.abs(canvas.clientWidth - drawnWidth) > 16) draw(lastNow);
  }).observe(canvas);
  const element = h(
    'section',
    { class: 'panel timeline', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Session timeline'),
    canvas,
  );
  return {
    element,
    render: (next, now = Date.now()) => {
      sessions = next;
      draw(now);
    },
  };
}
