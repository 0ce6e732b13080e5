// The trace's folding of a CIBA wait into one line, without a browser.
import assert from 'node:assert/strict';
import type { ExchangeView } from '../../../src/shared/protocol';
import { appendTrace, pollOutcome, pollSummary, TRACE_KEPT, type TraceEntry } from '../../../src/webview/app/trace-model';

const exchange = (kind: string, status: number, responseBody?: string): ExchangeView => ({
  id: 1,
  kind,
  method: 'POST',
  url: 'http://127.0.0.1:1/token',
  status,
  requestHeaders: {},
  responseBody,
});

describe('trace model', () => {
  it("folds a CIBA wait's polls into one line with the expiry bc-authorize gave, and opens a new line for the next wait", () => {
    let trace: TraceEntry[] = [];
    trace = appendTrace(
      trace,
      { exchange: exchange('bc-authorize', 200, '{"auth_req_id":"[REDACTED]","expires_in":120,"interval":2}') },
      1_000,
    );
    for (let i = 0; i < 100; i++) {
      trace = appendTrace(trace, { step: `poll ${i + 1}`, detail: 'authorization_pending' }, 2_000);
      trace = appendTrace(
        trace,
        { exchange: exchange('ciba-poll', 400, JSON.stringify({ error: i % 10 === 9 ? 'slow_down' : 'authorization_pending' })) },
        2_000,
      );
    }
    assert.equal(trace.length, 2, 'bc-authorize and one wait, whatever the number of polls');
    const wait = trace[1] as { polls: { count: number; expiresAt?: number; done: boolean } };
    assert.deepEqual([wait.polls.count, wait.polls.expiresAt, wait.polls.done], [100, 121_000, false]);
    assert.equal(
      pollSummary((trace[1] as never as { polls: never }).polls, 61_000),
      'CIBA wait: 100 polls (authorization_pending ×90, slow_down ×10), expires in 1:00',
    );
    trace = appendTrace(trace, { exchange: exchange('ciba-poll', 400, '{"error":"expired_token"}') }, 3_000);
    assert.match(pollSummary((trace[1] as never as { polls: never }).polls, 3_000), /101 polls .*ended: expired_token$/);
    trace = appendTrace(trace, { exchange: exchange('ciba-poll', 400, '{"error":"authorization_pending"}') }, 4_000);
    assert.equal(trace.length, 3, 'a wait that ended is not reopened');
  });

  it("names a poll's outcome from what came back, whatever came back", () => {
    assert.equal(pollOutcome(exchange('ciba-poll', 200)), 'approved');
    assert.equal(pollOutcome(exchange('ciba-poll', 400, '{"error":"access_denied"}')), 'access_denied');
    assert.equal(pollOutcome(exchange('ciba-poll', 502, '<html>Bad gateway</html>')), 'HTTP 502');
    assert.equal(
      pollOutcome(exchange('ciba-poll', 400, '{"error":"<script>alert(1)</script>"}')),
      'HTTP 400',
      'not an OAuth error name: not shown as one',
    );
    assert.equal(pollOutcome(exchange('ciba-poll', 400, '{"error":')), 'HTTP 400');
    assert.equal(pollOutcome({ ...exchange('ciba-poll', 0), status: undefined, error: 'ECONNRESET' }), 'network failure');
  });

  it('keeps the latest lines only', () => {
    let trace: TraceEntry[] = [];
    for (let i = 0; i < TRACE_KEPT + 20; i++) trace = appendTrace(trace, { step: `step ${i}` }, i);
    assert.equal(trace.length, TRACE_KEPT);
    assert.deepEqual(trace.at(-1), { step: `step ${TRACE_KEPT + 19}` });
  });
});
