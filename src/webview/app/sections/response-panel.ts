// The response column: the store's last answer with its follow-ups, an exchange of the trace opened where there is
// room for it, and the history below them.
import type { ExchangeView, SendResult } from '../../../shared/protocol';
import { clear, h } from '../dom';
import type { PageStore } from '../page-store';
import { responseView, type ResponseActions } from './response';
import { exchangeDetail } from './trace';

export interface ResponsePanel {
  element: HTMLElement;
  /** Opens one exchange of the trace in the column. */
  showExchange(exchange: ExchangeView): void;
  /** A request left: the answer gives way to "Sending…", an open exchange closes; answers whether one was open. */
  sending(): boolean;
  /** The request got no answer: what went wrong instead of one. */
  failed(text: string): void;
}

export interface ResponsePanelActions {
  followUp: ResponseActions['followUp'];
  /** The way out an answer offers after a refused create (the device's existing session), if any. */
  findExisting(result: SendResult): (() => void) | undefined;
}

export function responsePanel(store: PageStore, actions: ResponsePanelActions, below: HTMLElement[]): ResponsePanel {
  const response = h(
    'div',
    { id: 'response', class: 'response', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Send a request to see the answer here.'),
  );
  const exchangePanel = h('div', {
    id: 'exchange-detail',
    class: 'exchange-detail',
    hidden: true,
    role: 'region',
    'aria-label': 'Exchange',
  });
  const close = (): void => {
    exchangePanel.hidden = true;
  };

  function showExchange(e: ExchangeView): void {
    const closeButton = h('vscode-button', { secondary: true, id: 'close-exchange', onclick: close }, 'Close');
    clear(exchangePanel, h('div', { class: 'row' }, h('h2', {}, 'Exchange'), closeButton), ...exchangeDetail(e));
    exchangePanel.hidden = false;
    exchangePanel.scrollIntoView?.({ block: 'nearest' });
  }

  store.watch(
    (s) => s.lastResult,
    (r) => {
      if (!r) return;
      if (r.problems?.length) clear(response, h('p', { class: 'error' }, 'Not sent: the request is not valid (see the problems above).'));
      else {
        // An answer from a request file says which request it is; the form above may show another one.
        const source = r.title ? [h('p', { class: 'muted', id: 'response-source' }, `From the request file: ${r.title}`)] : [];
        clear(response, ...source, ...responseView(r, { followUp: actions.followUp, findExisting: actions.findExisting(r) }));
      }
    },
  );

  return {
    element: h(
      'section',
      { class: 'panel', 'aria-labelledby': 'response-title' },
      h('h2', { id: 'response-title' }, 'Response'),
      response,
      exchangePanel,
      ...below,
    ),
    showExchange,
    sending: () => {
      clear(response, h('p', { class: 'muted' }, 'Sending…'));
      const inspecting = !exchangePanel.hidden;
      close();
      return inspecting;
    },
    failed: (text) => clear(response, h('div', { class: 'error', id: 'error-code' }, text)),
  };
}
