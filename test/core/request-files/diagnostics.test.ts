// "The body is validated by the core's rules before sending (field messages as diagnostics in the editor)": each
// row is a request file and the problems the editor shows for it, by line, in a flavour.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Flavour } from '../../../src/core/camara/flavour';
import { requestFileProblems } from '../../../src/core/request-files/diagnostics';
import { parseRequestFile } from '../../../src/core/request-files/parse';

const LIFECYCLE = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'session-lifecycle.http'), 'utf8');

/** A create request whose body starts on line 4. */
function create(body: string): string {
  return `POST {{$qod.sessions}}/sessions\nContent-Type: application/json\n\n${body}\n`;
}

const VALID_BODY = [
  '{',
  '  "device": { "phoneNumber": "+34666666661" },',
  '  "applicationServer": { "ipv4Address": "198.51.100.10" },',
  '  "qosProfile": "QOS_E",',
  '  "duration": 600',
  '}',
];

/** [what the row is, the flavour, the file, the problems as [line, severity, message pattern]] */
const rows: Array<[string, Flavour, string, Array<[number, 'error' | 'warning', RegExp]>]> = [
  ['the lifecycle example', 'v1', LIFECYCLE, []],
  ['a valid create with literal values', 'v1', create(VALID_BODY.join('\n')), []],
  [
    'a duration that is text',
    'v1',
    create(VALID_BODY.join('\n').replace('"duration": 600', '"duration": "ten"')),
    [[8, 'error', /^duration: .*(number|integer)/]],
  ],
  [
    'a bad phone number in the device',
    'v1',
    create(VALID_BODY.join('\n').replace('+34666666661', '12ab')),
    [[5, 'error', /^device\.phoneNumber: /]],
  ],
  [
    'a nested device field that is not one',
    'v1',
    create(VALID_BODY.join('\n').replace('"phoneNumber": "+34666666661"', '"phoneNumber": "+34666666661", "imei": "1"')),
    [[5, 'error', /^device\.imei: is not a field/]],
  ],
  ['a placeholder where a number goes', 'v1', create(VALID_BODY.join('\n').replace('600', '{{d}}')), []],
  ['a placeholder in a string with a format', 'v1', create(VALID_BODY.join('\n').replace('+34666666661', '{{phone}}')), []],
  [
    'extend in v0.8',
    'v0.8',
    'POST {{$qod.sessions}}/sessions/{{id}}/extend\n\n{ "requestedAdditionalDuration": 60 }\n',
    [[1, 'error', /is not part of QoD v0\.8 \(only v1\.2, v1, v0\.10\)/]],
  ],
  ['a session id that is no UUID', 'v1', 'GET {{$qod.sessions}}/sessions/abc\n', [[1, 'error', /^sessionId: must be a UUID/]]],
  [
    'an unknown route',
    'v1',
    'GET {{$qod.sessions}}/nothing-here\n',
    [[1, 'warning', /GET \/nothing-here is no QoD v1 operation; the operations are: createSession/]],
  ],
  ['a URL under no QoD base', 'v1', 'GET https://example.test/a\n', []],
  ['a body that is not JSON', 'v1', create('{ "duration": '), [[4, 'error', /not valid JSON/]]],
];

describe('request-file diagnostics (requestFileProblems)', () => {
  for (const [what, flavour, text, expected] of rows) {
    it(`${what} (${flavour})`, () => {
      const problems = requestFileProblems(parseRequestFile(text), flavour);
      assert.deepEqual(
        problems.map((p) => [p.line, p.severity]),
        expected.map(([line, severity]) => [line, severity]),
        JSON.stringify(problems),
      );
      problems.forEach((p, i) => assert.match(p.message, expected[i]?.[2] as RegExp));
    });
  }

  it("the parser's problems are errors at their lines", () => {
    const file = parseRequestFile('GET {{$qod.sessions}}/sessions/{{id}}\n');
    file.problems.push({ line: 1, message: 'broken' });
    assert.deepEqual(requestFileProblems(file, 'v1'), [{ line: 1, message: 'broken', severity: 'error' }]);
  });
});
