// The sequence diagram's arrows from a trace, in order and labelled; the Mermaid export round-trips them.
import assert from 'node:assert/strict';
import type { ExchangeView } from '../../../src/shared/protocol';
import { arrowsFrom, fromMermaid, gap, timing, toMermaid, visibleArrows, wrap } from '../../../src/webview/app/diagram-model';
import { appendTrace, type TraceEntry } from '../../../src/webview/app/trace-model';

const ex = (id: number, kind: string, url: string, status: number, responseBody?: string): ExchangeView => ({
  id,
  kind,
  method: 'POST',
  url: `http://127.0.0.1:1${url}`,
  status,
  requestHeaders: {},
  responseBody,
});

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
    assert.deepEqual(
      arrows.map((a) => [a.from, a.to, a.label, a.kind]),
      [
        ['app', 'auth', 'POST /bc-authorize → 200', 'bc-authorize'],
        ['app', 'auth', 'poll: authorization_pending', 'poll-pending'],
        ['app', 'auth', 'poll: slow_down (interval +5 s)', 'poll-slow-down'],
        ['device', 'auth', 'the subscriber approves', 'consent'],
        ['app', 'auth', 'poll: access token', 'poll-approved'],
        ['app', 'api', 'POST /quality-on-demand/v1/sessions → 201', 'api'],
      ],
    );
    assert.deepEqual(
      arrows.map((_a, i) => gap(arrows, i)),
      ['', '2.0 s later', '1.0 s later', '7.0 s later', '0 ms later', '500 ms later'],
    );
    assert.equal(arrows[4]?.exchange?.id, 4, 'the last poll opens its exchange');
  });

  it('an authorization code run shows the browser, the network authentication, the callback and the token exchange', () => {
    let t: TraceEntry[] = [];
    t = appendTrace(t, { step: 'browser', detail: 'complete the sign-in in the browser' }, 0);
    t = appendTrace(t, { step: 'callback', detail: 'the browser came back with a code' }, 0);
    t = appendTrace(t, { exchange: ex(7, 'token', '/token', 200) }, 0);
    assert.deepEqual(
      arrowsFrom(t).map((a) => [a.from, a.to, a.kind, !!a.dashed]),
      [
        ['app', 'device', 'browser', true],
        ['device', 'auth', 'network-authentication', true],
        ['auth', 'app', 'callback', true],
        ['app', 'auth', 'token', false],
      ],
    );
  });

  it("says how long an exchange took apart from how much later it came, and marks the playground's own calls (hidden unless asked for)", () => {
    let t: TraceEntry[] = [];
    t = appendTrace(t, { exchange: { ...ex(1, 'api', '/quality-on-demand/v1/sessions', 201), totalMs: 2.2 } }, 10_000);
    t = appendTrace(
      t,
      {
        exchange: {
          ...ex(2, 'api', '/qos-profiles/v1/retrieve-qos-profiles', 200),
          totalMs: 3,
          own: 'reads the QoS profiles for the form',
        },
      },
      10_400,
    );
    t = appendTrace(t, { exchange: { ...ex(3, 'api', '/quality-on-demand/v1/sessions/x', 200), totalMs: 1.4 } }, 10_822);
    t = appendTrace(t, { exchange: { ...ex(4, 'api', '/quality-on-demand/v1/sessions/y', 200), totalMs: 1400 } }, 75_822);
    const all = arrowsFrom(t);
    assert.equal(all[1]?.own, 'reads the QoS profiles for the form');
    assert.deepEqual(
      all.map((_a, i) => timing(all, i)),
      [
        'took 2 ms',
        "the playground's own call: reads the QoS profiles for the form · took 3 ms · 400 ms later",
        'took 1 ms · 422 ms later',
        'took 1.4 s · 1 min 5 s later',
      ],
    );
    const mine = visibleArrows(all, false);
    assert.deepEqual(
      mine.map((a) => a.exchange?.id),
      [1, 3, 4],
      'the own call is left out by default',
    );
    assert.deepEqual(
      mine.map((_a, i) => timing(mine, i)),
      ['took 2 ms', 'took 1 ms · 822 ms later', 'took 1.4 s · 1 min 5 s later'],
      'the gap is from the arrow drawn before',
    );
    assert.equal(visibleArrows(all, true).length, 4);
  });

  it('wraps an explanation between words, whole', () => {
    const text =
      'CIBA starts: your app names the device (login_hint); the operator asks its subscriber and answers an auth_req_id to poll with.';
    const lines = wrap(text, 30);
    assert.ok(
      lines.every((l) => l.length <= 30),
      JSON.stringify(lines),
    );
    assert.equal(lines.join(' '), text);
    assert.deepEqual(wrap('a-very-long-identifier-without-spaces', 10), ['a-very-lon', 'g-identifi', 'er-without', '-spaces']);
  });

  it('exports Mermaid that round-trips the arrows', () => {
    const arrows = arrowsFrom(cibaRun());
    const text = toMermaid(arrows);
    assert.match(text, /^sequenceDiagram\n {2}participant App as Your app\n/);
    assert.match(text, /Device-->>Auth: the subscriber approves/);
    assert.deepEqual(
      fromMermaid(text),
      arrows.map((a) => ({ from: a.from, to: a.to, label: a.label, dashed: !!a.dashed })),
    );
  });
});
