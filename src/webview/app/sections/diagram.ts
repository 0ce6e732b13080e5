// The sequence diagram of what really happened, drawn as SVG from the trace: a lane per party, one arrow per
// exchange or step in order with the time since the one before, dashed for what is not HTTP (the subscriber's
// consent, the browser). Every arrow is focusable (Tab, or ↑/↓ between arrows) and opens its exchange with
// Enter or a click; explain mode writes each step's meaning under it. Themed by VS Code's colours only.
import type { ExchangeView } from '../../../shared/protocol';
import { LANES, STEP_EXPLANATIONS, type Lane } from '../../../core/explain/flow-explanations';
import { arrowsFrom, gap, toMermaid, type Arrow } from '../diagram-model';
import { clear, h, svg, SVG_NS } from '../dom';
import type { TraceEntry } from '../trace-model';

const ORDER: Lane[] = ['app', 'auth', 'device', 'api', 'sink'];
const LANE_W = 150;
const HEADER_H = 44;


const laneX = (lane: Lane) => ORDER.indexOf(lane) * LANE_W + LANE_W / 2;

/** The diagram as one SVG element (also what "Save as SVG" writes). */
export function diagramSvg(arrows: Arrow[], explain: boolean, open: (e: ExchangeView) => void): SVGElement {
  const rowH = explain ? 46 : 30;
  const height = HEADER_H + arrows.length * rowH + 12;
  const width = ORDER.length * LANE_W;
  const root = svg('svg', { xmlns: SVG_NS, id: 'diagram', width, height, viewBox: `0 0 ${width} ${height}`, role: 'list', 'aria-label': `Sequence diagram, ${arrows.length} steps` },
    svg('defs', {}, svg('marker', { id: 'head', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'diagram-head' }))));
  for (const lane of ORDER) {
    const x = laneX(lane);
    root.append(svg('g', { class: 'lane', 'data-lane': lane },
      svg('title', {}, `${LANES[lane].title}: ${LANES[lane].explanation}`),
      svg('text', { x, y: 16, 'text-anchor': 'middle', class: 'lane-title' }, LANES[lane].title),
      ...(explain ? [svg('text', { x, y: 32, 'text-anchor': 'middle', class: 'lane-note' }, LANES[lane].explanation.split(':')[0]?.slice(0, 28) ?? '')] : []),
      svg('line', { x1: x, y1: HEADER_H - 6, x2: x, y2: height - 4, class: 'lifeline' })));
  }
  arrows.forEach((a, i) => {
    const y = HEADER_H + i * rowH + 18;
    const x1 = laneX(a.from);
    const x2 = laneX(a.to);
    const dir = x2 > x1 ? 1 : -1;
    const when = gap(arrows, i);
    const explanation = STEP_EXPLANATIONS[a.kind];
    const g = svg('g', {
      class: `arrow${a.dashed ? ' dashed' : ''}`, tabindex: 0, role: 'listitem', 'data-kind': a.kind,
      'aria-label': `${i + 1}. ${LANES[a.from].title} to ${LANES[a.to].title}: ${a.label}${when ? `, ${when}` : ''}. ${explanation}`,
    },
    svg('title', {}, explanation),
    svg('line', { x1: x1 + dir * 4, y1: y, x2: x2 - dir * 4, y2: y, class: 'arrow-line', 'marker-end': 'url(#head)' }),
    svg('text', { x: (x1 + x2) / 2, y: y - 5, 'text-anchor': 'middle', class: 'arrow-label' }, `${a.label}${when ? `  (${when})` : ''}`),
    ...(explain ? [svg('text', { x: (x1 + x2) / 2, y: y + 14, 'text-anchor': 'middle', class: 'arrow-note' }, explanation.length > 70 ? `${explanation.slice(0, 69)}…` : explanation)] : []));
    const activate = () => { if (a.exchange) open(a.exchange); };
    g.addEventListener('click', activate);
    g.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') { e.preventDefault(); activate(); }
      // ↑/↓ walk the arrows in order.
      const siblings = [...root.querySelectorAll<SVGGElement>('g.arrow')];
      const next = key === 'ArrowDown' ? siblings[i + 1] : key === 'ArrowUp' ? siblings[i - 1] : undefined;
      if (next) { e.preventDefault(); next.focus(); }
    });
    root.append(g);
  });
  return root;
}

export interface DiagramSection {
  element: HTMLElement;
  render(trace: TraceEntry[]): void;
}

export function diagramSection(actions: { open(e: ExchangeView): void; copy(text: string): void; saveSvg(svgText: string): void }): DiagramSection {
  let arrows: Arrow[] = [];
  let explain = false;
  const canvas = h('div', { class: 'diagram-canvas' });
  const draw = () => clear(canvas, arrows.length ? diagramSvg(arrows, explain, actions.open) : h('p', { class: 'muted' }, 'Sign in or send a request: each exchange appears here as an arrow.'));
  const explainBox = h('vscode-checkbox', { id: 'diagram-explain', label: 'Explain each step', onchange: (e: Event) => { explain = (e.target as unknown as { checked: boolean }).checked; draw(); } });
  const element = h('section', { class: 'panel diagram', 'aria-labelledby': 'diagram-title' },
    h('div', { class: 'row' }, h('h2', { id: 'diagram-title' }, 'Sequence diagram'), explainBox,
      h('vscode-button', { secondary: true, id: 'copy-mermaid', onclick: () => actions.copy(toMermaid(arrows)) }, 'Copy as Mermaid'),
      h('vscode-button', { secondary: true, id: 'save-svg', onclick: () => { const el = canvas.querySelector('svg'); if (el) actions.saveSvg(new XMLSerializer().serializeToString(el)); } }, 'Save as SVG')),
    canvas);
  return { element, render: (trace) => { arrows = arrowsFrom(trace); draw(); } };
}
