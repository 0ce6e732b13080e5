// The sign-in trace: each recorded exchange (redacted by the host) expandable, each step and error a line.
import { h } from '../dom';
import type { TraceEntry } from '../store';

export function traceLine(entry: TraceEntry): HTMLElement {
  if ('exchange' in entry) {
    const e = entry.exchange;
    return h('li', { class: 'step' }, h('details', {},
      h('summary', {}, `${e.kind}: ${e.method} ${new URL(e.url).pathname} → ${e.status ?? e.error ?? ''}${e.totalMs !== undefined ? ` (${Math.round(e.totalMs)} ms)` : ''}`),
      h('pre', { class: 'code' }, [
        ...Object.entries(e.requestHeaders).map(([k, v]) => `${k}: ${v}`), '', e.requestBody ?? '', '',
        `HTTP ${e.status ?? ''}`, ...Object.entries(e.responseHeaders ?? {}).map(([k, v]) => `${k}: ${v}`), '', e.responseBody ?? '',
      ].join('\n'))));
  }
  if ('error' in entry) return h('li', { class: 'error' }, entry.error);
  return h('li', { class: 'step muted' }, `${entry.step}${entry.detail ? `: ${entry.detail}` : ''}`);
}
