// The request history of the active environment (kept by the host, credentials stripped): each entry says when,
// where, with which sign-in, for which device and how it ended; it can be searched, loaded into the form or re-run,
// saved as a request file or copied as curl.
import type { HistoryEntry } from '../../../shared/protocol';
import { clear, h } from '../dom';

export interface HistoryActions {
  /** Puts the entry's request on the form, without sending. */
  load(entry: HistoryEntry): void;
  /** Puts it on the form and sends it. */
  rerun(entry: HistoryEntry): void;
  /** Save as request file / Copy as curl: answer why not when the export failed. */
  save(entry: HistoryEntry): Promise<string | undefined>;
  copyCurl(entry: HistoryEntry): Promise<string | undefined>;
  clear(): void;
}

/** What an entry says, one line: `21:30:02 · Local sandbox · createSession · ciba · tel:+34… → 201`. */
export function describeEntry(e: HistoryEntry): string {
  // Named as the sign-in section names it: a client-credentials token is the application's own, no user consented.
  const flow = e.flow === 'client_credentials' ? 'client_credentials (2-legged)' : e.flow;
  return (
    [
      new Date(e.at).toLocaleTimeString(),
      e.environmentLabel ?? e.environmentId,
      `${e.operation}${e.sessionId ? ` ${e.sessionId.slice(0, 8)}` : ''}`,
      flow,
      e.device,
    ]
      .filter(Boolean)
      .join(' · ') + ` → ${e.status ?? '—'}`
  );
}

export function historySection(actions: HistoryActions): { elements: HTMLElement[]; render(entries: HistoryEntry[]): void } {
  let entries: HistoryEntry[] = [];
  const list = h('ol', { id: 'history', class: 'history', 'aria-label': 'History' });
  const search = h('vscode-textfield', {
    id: 'history-search',
    placeholder: 'Search history (operation, device, status…)',
    'aria-label': 'Search history',
    oninput: () => render(entries),
  }) as HTMLElement & { value: string };

  /** A failed export says why, under the list, until the next one. */
  const status = h('p', { id: 'history-status', class: 'muted', role: 'status' });
  function report(done: Promise<string | undefined>): void {
    status.textContent = '';
    void done.then((message) => (status.textContent = message ?? ''));
  }

  function render(next: HistoryEntry[]): void {
    entries = next;
    const words = (search.value ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const shown = entries.filter((e) => {
      const text = describeEntry(e).toLowerCase();
      return words.every((w) => text.includes(w));
    });
    clear(
      list,
      ...shown.map((e) =>
        h(
          'li',
          {},
          h('span', { class: 'entry' }, describeEntry(e)),
          h(
            'span',
            { class: 'entry-actions' },
            h('vscode-button', { secondary: true, class: 'load', onclick: () => actions.load(e) }, 'Load'),
            h('vscode-button', { secondary: true, class: 'rerun', onclick: () => actions.rerun(e) }, 'Re-run'),
            h(
              'vscode-button',
              { secondary: true, class: 'save-request-file', onclick: () => report(actions.save(e)) },
              'Save as request file',
            ),
            h('vscode-button', { secondary: true, class: 'copy-curl', onclick: () => report(actions.copyCurl(e)) }, 'Copy as curl'),
          ),
        ),
      ),
    );
    if (entries.length > 0 && shown.length === 0) list.append(h('li', { class: 'muted' }, 'No entry matches.'));
  }

  return {
    elements: [
      h('h2', {}, 'History'),
      search,
      list,
      status,
      h('vscode-button', { secondary: true, id: 'clear-history', onclick: () => actions.clear() }, 'Clear history'),
    ],
    render,
  };
}
