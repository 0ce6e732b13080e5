// The request history of the active environment (kept by the host, credentials stripped), each entry re-runnable.
import type { HistoryEntry } from '../../../shared/protocol';
import { h } from '../dom';

export function historyView(entries: HistoryEntry[], rerun: (entry: HistoryEntry) => void): HTMLElement[] {
  return entries.map((e) => h('li', {},
    h('span', {}, `${new Date(e.at).toLocaleTimeString()} ${e.operation}${e.sessionId ? ` ${e.sessionId.slice(0, 8)}` : ''} → ${e.status ?? '—'}`),
    h('vscode-button', { secondary: true, class: 'rerun', onclick: () => rerun(e) }, 'Re-run')));
}
