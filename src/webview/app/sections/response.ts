// The answer of a request: status, timing and size, the x-correlator, the CAMARA error with its explanation and
// fix, one-click follow-ups on the session it names, the response headers and the (redacted) body.
import type { Operation, SendResult } from '../../../shared/protocol';
import { h } from '../dom';

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** The answer's parts; `followUp` acts on the session the answer names: get, delete, or prepare an extend. */
export function responseView(r: SendResult, followUp: (operation: Operation, sessionId: string) => void): Array<Node | string> {
  const status = h('vscode-badge', { id: 'status', class: r.ok ? 'ok' : 'bad', variant: 'counter' }, String(r.status ?? 'error'));
  const timing = r.exchange?.totalMs !== undefined ? `${Math.round(r.exchange.totalMs)} ms (first byte ${Math.round(r.exchange.timeToFirstByteMs ?? 0)} ms)${r.exchange.responseBytes !== undefined ? ` · ${size(r.exchange.responseBytes)}` : ''}` : '';
  const parts: Array<Node | string> = [
    h('div', { class: 'row' }, status, h('span', { class: 'muted' }, `${r.exchange?.method ?? ''} ${r.exchange?.url ?? ''}`), h('span', { class: 'muted' }, timing)),
  ];
  if (r.correlator) parts.push(h('div', { class: 'muted' }, `x-correlator: ${r.correlator}`));
  if (!r.ok) {
    parts.push(h('div', { class: 'error', id: 'error-code' }, `${r.code ?? ''}: ${r.message ?? ''}`));
    if (r.explanation) parts.push(h('div', { id: 'error-explanation' }, r.explanation));
    if (r.fix) parts.push(h('div', { id: 'error-fix' }, `Fix: ${r.fix}`));
  }
  const id = r.sessionId;
  if (id) {
    parts.push(h('div', { class: 'row', id: 'session-actions' },
      h('span', { id: 'session-id-value' }, id),
      h('vscode-button', { id: 'action-get', secondary: true, onclick: () => followUp('getSession', id) }, 'Get'),
      h('vscode-button', { id: 'action-extend', secondary: true, onclick: () => followUp('extendSession', id) }, 'Extend…'),
      h('vscode-button', { id: 'action-delete', secondary: true, onclick: () => followUp('deleteSession', id) }, 'Delete')));
  }
  if (r.exchange?.responseHeaders) {
    parts.push(h('details', {}, h('summary', {}, 'Response headers'),
      h('table', { class: 'headers' }, ...Object.entries(r.exchange.responseHeaders).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))))));
  }
  if (r.body !== undefined) parts.push(h('pre', { id: 'response-body', class: 'code' }, JSON.stringify(r.body, null, 2)));
  return parts;
}
