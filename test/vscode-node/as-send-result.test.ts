// A request file's answer as the playground's response view shows it: the status, the JSON answer and the
// exchange when it passed; when it failed, why (the error, or the failing assertions) in `message`.
import assert from 'node:assert/strict';
import type { Exchange } from '../../src/core/http/exchange';
import type { RequestResult } from '../../src/core/request-files/results';
import { asSendResult } from '../../src/vscode/request-files/as-send-result';

const exchange: Exchange = {
  id: 3,
  kind: 'api',
  method: 'POST',
  url: 'http://127.0.0.1:1/sessions',
  requestHeaders: {},
  status: 201,
  responseBody: '{"sessionId":"s1"}',
  startedAt: 0,
  correlator: 'c-1',
};
const base = { request: {} as RequestResult['request'], label: 'create', durationMs: 5, assertions: [] };

describe("a request file's answer in the playground's response view", () => {
  it('passed: the status, the answer as JSON, the exchange, no message', () => {
    const shown = asSendResult({ ...base, ok: true, status: 201, exchange });
    assert.equal(shown.title, 'create');
    assert.equal(shown.ok, true);
    assert.equal(shown.status, 201);
    assert.deepEqual(shown.body, { sessionId: 's1' });
    assert.equal(shown.exchange?.url, exchange.url);
    assert.equal(shown.correlator, 'c-1');
    assert.equal(shown.message, undefined);
  });

  it('failed: the error, or each failing assertion with its line, in the message', () => {
    const error = { message: 'duration: must be at least 1', line: 4 };
    assert.equal(asSendResult({ ...base, ok: false, error }).message, 'duration: must be at least 1');
    const assertion = { assertion: { line: 7 } as RequestResult['assertions'][number]['assertion'], ok: false };
    const failed = asSendResult({
      ...base,
      ok: false,
      status: 404,
      exchange,
      assertions: [{ ...assertion, message: 'status: expected 201, got 404' }],
    });
    assert.equal(failed.ok, false);
    assert.equal(failed.status, 404);
    assert.equal(failed.message, 'line 7: status: expected 201, got 404');
  });
});
