// Each assertion operator against answers that hold and answers that do not, with the words a failure shows.
import assert from 'node:assert/strict';
import { check, type Sent } from '../../../src/core/request-files/assertions';
import type { Assertion } from '../../../src/core/request-files/model';

const ANSWER: Sent = {
  status: 201,
  durationMs: 42,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: {
    sessionId: 'e03822e8-a27b-40b7-ac2d-25b95e0e0a3f',
    qosStatus: 'REQUESTED',
    duration: 600,
    ok: true,
    off: false,
    tags: ['a', 'b'],
  },
};

type Row = [
  subject: Assertion['subject'],
  path: string | undefined,
  operator: Assertion['operator'],
  expected: string | undefined,
  holds: boolean,
];
const ROWS: Row[] = [
  ['status', undefined, '==', '201', true],
  ['status', undefined, '==', '200', false],
  ['status', undefined, '!=', '200', true],
  ['status', undefined, '<', '300', true],
  ['status', undefined, '>=', '300', false],
  ['duration', undefined, '<=', '42', true],
  ['duration', undefined, '>', '1000', false],
  ['header', 'Content-Type', 'includes', 'json', true],
  ['header', 'content-type', 'startsWith', 'text/', false],
  ['header', 'x-missing', 'exists', undefined, false],
  ['body', 'qosStatus', '==', 'REQUESTED', true],
  ['body', 'qosStatus', '==', '"REQUESTED"', true],
  ['body', 'qosStatus', '==', 'AVAILABLE', false],
  ['body', 'duration', '==', '600', true],
  ['body', 'duration', '>', 'ten', false],
  ['body', 'sessionId', 'exists', undefined, true],
  ['body', 'device', 'exists', undefined, false],
  ['body', 'sessionId', 'matches', '^[0-9a-f-]{36}$', true],
  ['body', 'sessionId', 'matches', '/^E0/i', true],
  ['body', 'sessionId', 'matches', '([', false],
  ['body', 'sessionId', 'endsWith', '0a3f', true],
  ['body', 'tags', 'includes', 'b', true],
  ['body', 'tags', 'contains', 'c', false],
  ['body', 'tags.1', '==', 'b', true],
  ['body', 'tags[0]', '==', 'a', true],
  ['body', 'ok', 'isTrue', undefined, true],
  ['body', 'off', 'isFalse', undefined, true],
  ['body', 'duration', 'isNumber', undefined, true],
  ['body', 'qosStatus', 'isString', undefined, true],
  ['body', 'ok', 'isBoolean', undefined, true],
  ['body', 'tags', 'isArray', undefined, true],
  ['body', 'qosStatus', 'isArray', undefined, false],
];

describe('request file assertions', () => {
  for (const [subject, path, operator, expected, holds] of ROWS) {
    const source = `?? ${subject}${path ? ` ${path}` : ''} ${operator}${expected === undefined ? '' : ` ${expected}`}`;
    it(`${source} ${holds ? 'holds' : 'fails'}`, () => {
      const result = check({ source, line: 7, subject, path, operator, expected }, expected, ANSWER);
      assert.equal(result.ok, holds, result.message);
      if (!holds) assert.match(result.message, new RegExp(`^${subject}.*: expected ${operator.replace(/[<>=!]/g, '\\$&')}.*, got `));
    });
  }

  it('says there was no answer when the request was not sent, whatever the operator', () => {
    const result = check({ source: '?? status == 201', line: 3, subject: 'status', operator: '==', expected: '201' }, '201', {
      headers: {},
      durationMs: 0,
      error: 'body: must be a JSON object',
      notSent: true,
    });
    assert.equal(result.ok, false);
    assert.equal(result.message, 'status: expected == 201, got no answer (body: must be a JSON object)');
  });
});
