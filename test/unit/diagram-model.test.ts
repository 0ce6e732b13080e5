// The sequence diagram's arrows from a trace, in order and labelled; the Mermaid export round-trips them.
import assert from 'node:assert/strict';
import type { ExchangeView } from '../../src/shared/protocol';
import { arrowsFrom, fromMermaid, gap, toMermaid } from '../../src/webview/app/diagram-model';
import { appendTrace, type TraceEntry } from '../../src/webview/app/trace-model';

const ex = (id: number, kind: string, url: string, status: number, responseBody?: string): ExchangeView => ({ id, kind, method: 'POST', url: `http://127.0.0.1:1${url}`, status, requestHeaders: {}, responseBody });

function cibaRun(): TraceEntry[] {
  let t: TraceEntry[] = [];
  t = appendTrace(t, { exchange: ex(1, 'bc-authorize', '/bc-authorize', 200, '{"expires_in":120,"interval":2}') }, 1_000);
  t = appendTrace(t, { step: 'requested', detail: 'waiting for the subscriber' }, 1_000);
  t = appendTrace(t, { exchange: ex(2, 'ciba-poll', '/token', 400, '{"error":"authorization_pending"}') }, 3_000);
  t = appendTrace(t, { exchange: ex(3, 'ciba-poll', '/token', 400, '{"error":"slow_down"}') }, 4_000);
  t = appendTrace(t, { exchange: ex(4, 'ciba-poll', '/token', 200) }, 11_000);
  t = appendTrace(t, { exchange: ex(5, 'api', '/quality-on-demand/v1/sessions', 201) }, 11_500);
  return t;
}

describe('sequence diagram model', () => {
  it('a CIBA run with a pending poll and a slow_down: exactly the arrows of the trace, in order, with the consent where it happened', () => {
    const arrows = arrowsFrom(cibaRun());
    assert.deepEqual(arrows.map((a) => [a.from, a.to, a.label, a.kind]), [
      ['app', 'auth', 'POST /bc-authorize → 200', 'bc-authorize'],
      ['app', 'auth', 'poll: authorization_pending', 'poll-pending'],
      ['app', 'auth', 'poll: slow_down (interval +5 s)', 'poll-slow-down'],
      ['device', 'auth', 'the subscriber approves', 'consent'],
      ['app', 'auth', 'poll: access token', 'poll-approved'],
      ['app', 'api', 'POST /quality-on-demand/v1/sessions → 201', 'api'],
    ]);
    assert.deepEqual(arrows.map((_a, i) => gap(arrows, i)), ['', '+2.0 s', '+1.0 s', '+7.0 s', '+0 ms', '+500 ms']);
    assert.equal(arrows[4]?.exchange?.id, 4, 'the last poll opens its exchange');
  });

  it('an authorization code run shows the browser, the network authentication, the callback and the token exchange', () => {
    let t: TraceEntry[] = [];
    t = appendTrace(t, { step: 'browser', detail: 'complete the sign-in in the browser' }, 0);
    t = appendTrace(t, { step: 'callback', detail: 'the browser came back with a code' }, 0);
    t = appendTrace(t, { exchange: ex(7, 'token', '/token', 200) }, 0);
    assert.deepEqual(arrowsFrom(t).map((a) => [a.from, a.to, a.kind, !!a.dashed]), [
      ['app', 'device', 'browser', true], ['device', 'auth', 'network-authentication', true], ['auth', 'app', 'callback', true], ['app', 'auth', 'token', false],
    ]);
  });

  it('exports Mermaid that round-trips the arrows', () => {
    const arrows = arrowsFrom(cibaRun());
    const text = toMermaid(arrows);
    assert.match(text, /^sequenceDiagram\n {2}participant App as Your app\n/);
    assert.match(text, /Device-->>Auth: the subscriber approves/);
    assert.deepEqual(fromMermaid(text), arrows.map((a) => ({ from: a.from, to: a.to, label: a.label, dashed: !!a.dashed })));
  });
});
