// The trace's lines: each recorded exchange (redacted by the host) opens in the exchange panel, where there is
// room; a CIBA wait is one line with its polls counted, a countdown to expiry and Cancel.
import type { ExchangeView } from '../../../shared/protocol';
import { h } from '../dom';
import { pollSummary, type TraceEntry } from '../trace-model';

export interface TraceActions {
  /** Shows the exchange's request and response in the exchange panel. */
  open(exchange: ExchangeView): void;
  /** Cancels the sign-in under way. */
  cancel(): void;
}

export function exchangeSummary(e: ExchangeView): string {
  const path = URL.canParse(e.url) ? new URL(e.url).pathname : e.url;
  return `${e.kind}: ${e.method} ${path} → ${e.status ?? e.error ?? ''}${e.totalMs !== undefined ? ` (${Math.round(e.totalMs)} ms)` : ''}`;
}

/**
 * One numbered line. The number has a column of its own, so it stays beside the line's first row however the
 * text wraps (a list marker sits on the last row of a wrapped button).
 */
export function traceLine(entry: TraceEntry, actions: TraceActions, number: number, now = Date.now()): HTMLElement {
  const numbered = (attrs: Record<string, unknown>, ...content: Array<Node | string | undefined>) =>
    h('li', attrs, h('span', { class: 'step-number', 'aria-hidden': 'true' }, `${number}.`), h('div', { class: 'step-body' }, ...content));
  if ('exchange' in entry) {
    const e = entry.exchange;
    return numbered(
      { class: 'step' },
      h('button', { class: 'link', type: 'button', 'aria-haspopup': 'dialog', onclick: () => actions.open(e) }, exchangeSummary(e)),
    );
  }
  if ('polls' in entry) {
    const g = entry.polls;
    return numbered(
      { class: 'step polls', 'data-expires-at': g.expiresAt, 'aria-live': 'off' },
      h('button', { class: 'link', type: 'button', onclick: () => actions.open(g.last) }, pollSummary(g, now)),
      g.done ? undefined : h('vscode-button', { secondary: true, class: 'cancel-wait', onclick: () => actions.cancel() }, 'Cancel'),
    );
  }
  if ('error' in entry) return numbered({ class: 'step error' }, entry.error);
  return numbered({ class: 'step muted' }, `${entry.step}${entry.detail ? `: ${entry.detail}` : ''}`);
}

/** The exchange panel's content: request and response as the host recorded them (redacted). */
export function exchangeDetail(e: ExchangeView): HTMLElement[] {
  return [
    h('h3', {}, exchangeSummary(e)),
    h(
      'pre',
      { class: 'code', id: 'exchange-text' },
      [
        `${e.method} ${e.url}`,
        ...Object.entries(e.requestHeaders).map(([k, v]) => `${k}: ${v}`),
        '',
        e.requestBody ?? '',
        '',
        `HTTP ${e.status ?? e.error ?? ''}`,
        ...Object.entries(e.responseHeaders ?? {}).map(([k, v]) => `${k}: ${v}`),
        '',
        e.responseBody ?? '',
      ].join('\n'),
    ),
  ];
}
