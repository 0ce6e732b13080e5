// The sequence diagram of what really happened, drawn as SVG from the trace: a lane per party that took part,
// one arrow per exchange or step in order, dashed for what is not HTTP (the subscriber's consent, the browser).
// Under each arrow: how long it took and how much later it came; the playground's own calls are hidden unless
// asked for, and drawn dimmed then. It fits the width it is given (Full width gives it the whole row), labels
// start at the left end of their arrow so nothing falls off the left, and explain mode writes each step's whole
// meaning, wrapped, across the diagram. Every arrow is focusable (Tab, or ↑/↓) and opens its exchange with
// Enter or a click. Themed by VS Code's colours; "Save as SVG" writes them into the file (svg-export.ts).
import type { ExchangeView } from '../../../shared/protocol';
import { LANES, STEP_EXPLANATIONS, type Lane } from '../../../core/explain/flow-explanations';
import { arrowsFrom, timing, toMermaid, visibleArrows, wrap, type Arrow } from '../diagram-model';
import { clear, h, svg, SVG_NS } from '../dom';
import { standaloneSvg } from '../svg-export';
import type { TraceEntry } from '../trace-model';

const ORDER: Lane[] = ['app', 'auth', 'device', 'api', 'sink'];
/** The step numbers' column. */
const GUTTER = 24;
const MIN_LANE_W = 100;
/** Generous average glyph widths (px) of the 12, 11 and 10 px text, so estimated lines never overrun. */
const CHAR_W = { title: 7.2, label: 6.6, note: 6.1 };
const LINE_H = { title: 15, label: 14, note: 13 };

/** The diagram as one SVG element, laid out for `width` px (at least MIN_LANE_W per lane). */
export function diagramSvg(arrows: Arrow[], explain: boolean, open: (e: ExchangeView) => void, width = 600): SVGSVGElement {
  const lanes = ORDER.filter((l) => arrows.some((a) => a.from === l || a.to === l));
  const W = Math.max(Math.floor(width), GUTTER + lanes.length * MIN_LANE_W);
  const laneW = (W - GUTTER) / lanes.length;
  const laneX = (lane: Lane) => GUTTER + lanes.indexOf(lane) * laneW + laneW / 2;
  const fits = (chars: number) => (text: string) => wrap(text, chars);
  // Header: each lane's title (and in explain mode its meaning), wrapped within the lane.
  const heads = lanes.map((lane) => ({
    lane,
    title: fits((laneW - 8) / CHAR_W.title)(LANES[lane].title),
    // Who the party is, whole (the rest of its explanation is in the lane's tooltip).
    note: explain ? fits((laneW - 8) / CHAR_W.note)(LANES[lane].explanation.split(':')[0] ?? '') : [],
  }));
  const headerH = 8 + Math.max(...heads.map((hd) => hd.title.length * LINE_H.title + hd.note.length * LINE_H.note)) + 8;
  // Rows: the label above the arrow, its timing under it, then (explain mode) the step's meaning across the diagram.
  let y = headerH;
  const rows = arrows.map((a, i) => {
    const x1 = laneX(a.from);
    const x2 = laneX(a.to);
    const left = Math.min(x1, x2) + 6;
    const room = (W - left - 4) / CHAR_W.label;
    const label = a.label.length > room ? `${a.label.slice(0, Math.max(1, Math.floor(room) - 1))}…` : a.label;
    const meta = timing(arrows, i);
    const metaLines = meta ? fits((W - left - 4) / CHAR_W.note)(meta) : [];
    const note = explain ? fits((W - GUTTER - 8) / CHAR_W.note)(STEP_EXPLANATIONS[a.kind]) : [];
    const row = { a, i, top: y, x1, x2, left, label, metaLines, note };
    y += LINE_H.label + 8 + metaLines.length * LINE_H.note + note.length * LINE_H.note + 10;
    return row;
  });
  const height = Math.ceil(y + 4);
  const root = svg(
    'svg',
    {
      xmlns: SVG_NS,
      id: 'diagram',
      width: W,
      height,
      viewBox: `0 0 ${W} ${height}`,
      role: 'list',
      'aria-label': `Sequence diagram, ${arrows.length} steps`,
    },
    svg(
      'defs',
      {},
      svg(
        'marker',
        { id: 'head', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'diagram-head' }),
      ),
    ),
  ) as SVGSVGElement;
  for (const { lane, title, note } of heads) {
    const x = laneX(lane);
    const lines = [
      ...title.map((t, k) => svg('text', { x, y: 8 + (k + 1) * LINE_H.title - 3, 'text-anchor': 'middle', class: 'lane-title' }, t)),
      ...note.map((t, k) =>
        svg('text', { x, y: 8 + title.length * LINE_H.title + (k + 1) * LINE_H.note - 2, 'text-anchor': 'middle', class: 'lane-note' }, t),
      ),
    ];
    root.append(
      svg(
        'g',
        { class: 'lane', 'data-lane': lane },
        svg('title', {}, `${LANES[lane].title}: ${LANES[lane].explanation}`),
        ...lines,
        svg('line', { x1: x, y1: headerH - 4, x2: x, y2: height - 2, class: 'lifeline' }),
      ),
    );
  }
  for (const { a, i, top, x1, x2, left, label, metaLines, note } of rows) {
    const lineY = top + LINE_H.label + 4;
    const dir = x2 > x1 ? 1 : -1;
    const explanation = STEP_EXPLANATIONS[a.kind];
    const meta = metaLines.join(' ');
    const g = svg(
      'g',
      {
        class: `arrow${a.dashed ? ' dashed' : ''}${a.own ? ' own' : ''}`,
        tabindex: 0,
        role: 'listitem',
        'data-kind': a.kind,
        'aria-label': `${i + 1}. ${LANES[a.from].title} to ${LANES[a.to].title}: ${a.label}${meta ? `, ${meta}` : ''}. ${explanation}`,
      },
      svg('title', {}, `${a.label}\n${explanation}`),
      svg('text', { x: 2, y: lineY + 4, class: 'step-number' }, String(i + 1)),
      svg('text', { x: left, y: top + LINE_H.label - 2, class: 'arrow-label' }, label),
      svg('line', { x1: x1 + dir * 4, y1: lineY, x2: x2 - dir * 4, y2: lineY, class: 'arrow-line', 'marker-end': 'url(#head)' }),
      ...metaLines.map((t, k) => svg('text', { x: left, y: lineY + (k + 1) * LINE_H.note, class: 'arrow-timing' }, t)),
      ...note.map((t, k) => svg('text', { x: GUTTER + 4, y: lineY + (metaLines.length + k + 1) * LINE_H.note, class: 'arrow-note' }, t)),
    );
    const activate = () => {
      if (a.exchange) open(a.exchange);
    };
    g.addEventListener('click', activate);
    g.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        e.preventDefault();
        activate();
      }
      // ↑/↓ walk the arrows in order.
      const siblings = [...root.querySelectorAll<SVGGElement>('g.arrow')];
      const next = key === 'ArrowDown' ? siblings[i + 1] : key === 'ArrowUp' ? siblings[i - 1] : undefined;
      if (next) {
        e.preventDefault();
        next.focus();
      }
    });
    root.append(g);
  }
  return root;
}

export interface DiagramSection {
  element: HTMLElement;
  render(trace: TraceEntry[]): void;
}

export function diagramSection(actions: {
  open(e: ExchangeView): void;
  copy(text: string): void;
  saveSvg(svgText: string): void;
}): DiagramSection {
  let all: Arrow[] = [];
  let explain = false;
  let showOwn = false;
  let drawnWidth = 0;
  const shown = () => visibleArrows(all, showOwn);
  const canvas = h('div', { class: 'diagram-canvas' });
  const ownBox = h('vscode-checkbox', {
    id: 'diagram-own',
    label: "Show the playground's own calls",
    onchange: (e: Event) => {
      showOwn = (e.target as unknown as { checked: boolean }).checked;
      draw();
    },
  });
  const draw = () => {
    const arrows = shown();
    const own = all.length - visibleArrows(all, false).length;
    ownBox.setAttribute('label', `Show the playground's own calls (${own})`);
    ownBox.title = 'Profile lists and status reads the playground makes for itself: not part of what your app would do.';
    drawnWidth = canvas.clientWidth;
    clear(
      canvas,
      arrows.length
        ? diagramSvg(arrows, explain, actions.open, drawnWidth || 600)
        : h(
            'p',
            { class: 'muted' },
            all.length
              ? "Only the playground's own calls so far: tick the box to see them."
              : 'Sign in or send a request: each exchange appears here as an arrow.',
          ),
    );
  };
  const explainBox = h('vscode-checkbox', {
    id: 'diagram-explain',
    label: 'Explain each step',
    onchange: (e: Event) => {
      explain = (e.target as unknown as { checked: boolean }).checked;
      draw();
    },
  });
  const element = h('section', { class: 'panel diagram', 'aria-labelledby': 'diagram-title' });
  const fullWidth = h(
    'vscode-button',
    {
      secondary: true,
      id: 'diagram-full-width',
      'aria-pressed': 'false',
      onclick: () => {
        const full = element.classList.toggle('full');
        fullWidth.setAttribute('aria-pressed', String(full));
        fullWidth.textContent = full ? 'Beside the timeline' : 'Full width';
        draw();
      },
    },
    'Full width',
  );
  element.append(
    h(
      'div',
      { class: 'row' },
      h('h2', { id: 'diagram-title' }, 'Sequence diagram'),
      explainBox,
      ownBox,
      fullWidth,
      h('vscode-button', { secondary: true, id: 'copy-mermaid', onclick: () => actions.copy(toMermaid(shown())) }, 'Copy as Mermaid'),
      h(
        'vscode-button',
        {
          secondary: true,
          id: 'save-svg',
          onclick: () => {
            const el = canvas.querySelector('svg');
            if (el) actions.saveSvg(standaloneSvg(el, canvas));
          },
        },
        'Save as SVG',
      ),
    ),
    canvas,
  );
  // Laid out for the width it has: drawn again when the pane is resized (not for a few pixels of scrollbar).
  new ResizeObserver(() => {
    if (all.length && Math.abs(canvas.clientWidth - drawnWidth) > 16) draw();
  }).observe(canvas);
  return {
    element,
    render: (trace) => {
      all = arrowsFrom(trace);
      draw();
    },
  };
}
