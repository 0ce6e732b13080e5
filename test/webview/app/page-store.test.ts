// The playground page's store: every notification of the host becomes state, and a section watching a part of it
// hears of that part's changes only, in the order the sections watched. Without a browser.
import assert from 'node:assert/strict';
import type { ExchangeView, PlaygroundState } from '../../../src/shared/protocol';
import { PageStore, reduce, signInKey, type PageState } from '../../../src/webview/app/page-store';

const EMPTY: PageState = { history: [], sessions: [], trace: [], sendRequests: 0 };
const HOST: PlaygroundState = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [],
  scopePresets: {},
};
const exchange: ExchangeView = { id: 1, kind: 'api', method: 'POST', url: 'http://127.0.0.1:1/sessions', status: 201, requestHeaders: {} };

describe('playground page store', () => {
  it('turns each notification into state: the host state, the trace lines, history, sessions, a request to send', () => {
    let state = reduce(EMPTY, { type: 'notification', method: 'didChangeState', params: HOST }, 1000);
    assert.equal(state.host, HOST);
    state = reduce(state, { type: 'notification', method: 'didRecordExchange', params: exchange }, 2000);
    state = reduce(state, { type: 'notification', method: 'didStepSignIn', params: { step: 'requested', detail: 'waiting' } }, 3000);
    const notification = { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', status: 'UNAVAILABLE', statusInfo: 'DURATION_EXPIRED' };
    state = reduce(state, { type: 'notification', method: 'didReceiveNotification', params: notification }, 4000);
    assert.deepEqual(state.trace, [
      { exchange, at: 2000 },
      { step: 'requested', detail: 'waiting' },
      { step: 'notification', detail: 'session 3fa85f64 is UNAVAILABLE (DURATION_EXPIRED)' },
    ]);
    state = reduce(state, { type: 'notification', method: 'didRequestSend', params: {} }, 5000);
    state = reduce(state, { type: 'notification', method: 'didChangeHistory', params: [] }, 6000);
    assert.equal(state.sendRequests, 1);
    assert.equal(state.host, HOST, 'what a notification does not name stays as it was');
    const shown = { ok: true, status: 201, body: { sessionId: 's1' }, title: 'POST /sessions' };
    state = reduce(state, { type: 'notification', method: 'didShowResult', params: shown }, 7000);
    assert.deepEqual(state.lastResult, shown, "a request file's answer becomes the answer the response view shows");
  });

  it('tells a watcher of a part about changes of that part only, in the order the watches were made', () => {
    const store = new PageStore(EMPTY);
    const heard: string[] = [];
    store.watch(
      (s) => s.host,
      (host) => heard.push(`host ${host?.flavour}`),
    );
    store.watch(
      (s) => signInKey(s.host),
      (key) => heard.push(`sign-in ${key}`),
    );
    store.watch(
      (s) => s.trace,
      (trace) => heard.push(`trace ${trace.length}`),
      true,
    );
    store.receive({ type: 'notification', method: 'didChangeState', params: HOST });
    store.receive({
      type: 'notification',
      method: 'didChangeState',
      params: { ...HOST, signedIn: { flow: 'ciba', subject: 'tel:+34666666661' } },
    });
    store.receive({
      type: 'notification',
      method: 'didChangeState',
      params: { ...HOST, signedIn: { flow: 'ciba', subject: 'tel:+34666666661' } },
    });
    store.update({ trace: [{ step: 'Cancelled' }] });
    assert.deepEqual(heard, ['trace 0', 'host v1', 'host v1', 'sign-in ciba tel:+34666666661', 'host v1', 'trace 1']);
  });
});
