// The request-file grammar, table-driven: every rule of parse.ts as a row (the text and the part of the parsed
// file that matters), the problems with their lines, hostile inputs, and the documented examples of REST Client
// and httpYac (each row names its source page; only the example request texts are taken).
import assert from 'node:assert/strict';
import type { RequestFile } from '../../../src/core/request-files/model';
import { parseRequestFile } from '../../../src/core/request-files/parse';

/** The expected part of a parsed file; problems as [line, pattern of the message]. */
interface Expected {
  variables?: unknown[];
  signIn?: unknown;
  requests?: unknown[];
  problems?: Array<[number, RegExp]>;
}

interface Row {
  name: string;
  text: string;
  expect: Expected;
}

/** `actual` cut down to the keys `expected` names, recursively: rows list only what they are about. */
function projection(actual: unknown, expected: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, index) => (index < expected.length ? projection(item, expected[index]) : item));
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object' && !(expected instanceof RegExp)) {
    return Object.fromEntries(
      Object.keys(expected).map((key) => [key, projection((actual as Record<string, unknown>)[key], (expected as never)[key])]),
    );
  }
  return actual;
}

function check(file: RequestFile, expected: Expected): void {
  const { problems = [], ...rest } = expected;
  assert.deepEqual(projection(file, rest), rest);
  assert.equal(file.problems.length, problems.length, `problems: ${JSON.stringify(file.problems)} (expected ${problems.length})`);
  problems.forEach(([line, pattern], index) => {
    const problem = file.problems[index];
    assert.equal(problem?.line, line, `problem ${index} line: ${JSON.stringify(problem)}`);
    assert.match(problem?.message ?? '', pattern);
  });
}

const one = (request: Record<string, unknown>, more: Expected = {}): Expected => ({ requests: [request], ...more });

const requestLines: Row[] = [
  { name: 'a bare URL is a GET', text: 'https://example.com/a', expect: one({ method: 'GET', url: 'https://example.com/a', line: 1 }) },
  { name: 'METHOD URL', text: 'GET https://example.com/a', expect: one({ method: 'GET', url: 'https://example.com/a' }) },
  {
    name: 'METHOD URL HTTP/1.1: the version is dropped',
    text: 'POST https://example.com/a HTTP/1.1',
    expect: one({ method: 'POST', url: 'https://example.com/a' }),
  },
  { name: 'HTTP/2 too', text: 'GET https://example.com/a HTTP/2', expect: one({ url: 'https://example.com/a' }) },
  ...['PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((method) => ({
    name: `method ${method}`,
    text: `${method} {{host}}/x`,
    expect: one({ method, url: '{{host}}/x' }),
  })),
  { name: 'a lower-case method is read as upper case', text: 'delete {{host}}/x', expect: one({ method: 'DELETE' }) },
  {
    name: 'an unknown method is a problem naming the supported ones',
    text: 'CONNECT example.com:443',
    expect: { requests: [], problems: [[1, /Unknown method 'CONNECT'.*GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS/]] },
  },
  { name: 'a method without a URL', text: 'POST', expect: { requests: [], problems: [[1, /POST needs a URL/]] } },
  {
    name: 'a line with spaces is not a URL',
    text: 'hello there world',
    expect: { requests: [], problems: [[1, /not a request line/]] },
  },
  {
    name: 'a body without its request line is not read as a URL',
    text: '{\n  "a": 1\n}',
    expect: { requests: [], problems: [[1, /not a request line/]] },
  },
  {
    name: 'spaces inside a placeholder are allowed (httpYac)',
    text: 'GET {{ host }}/x',
    expect: one({ url: '{{ host }}/x' }),
  },
  {
    name: 'placeholders stay raw in the URL',
    text: 'GET {{host}}/sessions/{{create.response.body.sessionId}}',
    expect: one({ url: '{{host}}/sessions/{{create.response.body.sessionId}}' }),
  },
  {
    name: 'query continuation lines (? and &) are appended to the URL',
    text: 'GET https://example.com/comments\n    ?page=2\n    &pageSize=10\nAccept: application/json',
    expect: one({
      url: 'https://example.com/comments?page=2&pageSize=10',
      headers: [{ name: 'Accept', value: 'application/json', line: 4 }],
    }),
  },
];

const blocks: Row[] = [
  {
    name: 'a file without ### is one request block starting at line 1',
    text: '\n# a comment\nGET /a\n',
    expect: one({ startLine: 1, line: 3, endLine: 3 }),
  },
  {
    name: '### separates requests; its text is the title',
    text: '### First\nGET /a\n\n###   Second one  \nGET /b\n###\nGET /c',
    expect: {
      requests: [
        { title: 'First', url: '/a', startLine: 1, line: 2, endLine: 2 },
        { title: 'Second one', url: '/b', startLine: 4, line: 5, endLine: 5 },
        { title: undefined, url: '/c', startLine: 6, line: 7, endLine: 7 },
      ],
    },
  },
  { name: '#### is a separator too', text: '#### Title\nGET /a', expect: one({ title: 'Title' }) },
  { name: '## is a comment, not a separator', text: '## note\nGET /a\n## note', expect: one({ startLine: 1, line: 2 }) },
  {
    name: 'an empty block is skipped',
    text: '###\n\n###\nGET /a',
    expect: one({ startLine: 3, line: 4 }),
  },
  {
    name: 'endLine is the last non-blank line of the block',
    text: 'GET /a\n\n{"x":1}\n\n\n###\nGET /b',
    expect: { requests: [{ endLine: 3 }, { endLine: 7 }] },
  },
];

const comments: Row[] = [
  { name: '# comments (a # inside a line is not one)', text: '# hello\nGET /a#fragment', expect: one({ url: '/a#fragment', line: 2 }) },
  { name: '// comments', text: '// hello\nGET /a', expect: one({ line: 2 }) },
  { name: '# @name names the request', text: '# @name create\nPOST /s', expect: one({ name: 'create' }) },
  { name: '// @name names the request', text: '// @name create\nPOST /s', expect: one({ name: 'create' }) },
  { name: '#@name without a space', text: '#@name create\nPOST /s', expect: one({ name: 'create' }) },
  { name: 'names may hold - and _', text: '# @name get-session_2\nGET /s', expect: one({ name: 'get-session_2' }) },
  {
    name: 'a name with a dot is a problem (it would break {{name.response…}})',
    text: '# @name a.b\nGET /s',
    expect: one({ name: undefined }, { problems: [[1, /request name is one word/]] }),
  },
  {
    name: '# @name without a name',
    text: '# @name\nGET /s',
    expect: one({ name: undefined }, { problems: [[1, /request name/]] }),
  },
  {
    name: 'a second @name in one block',
    text: '# @name a\n# @name b\nGET /s',
    expect: one({ name: 'a' }, { problems: [[2, /already named a \(line 1\)/]] }),
  },
  {
    name: 'the same name twice in a file',
    text: '# @name a\nGET /s\n###\n# @name a\nGET /t',
    expect: { requests: [{ name: 'a' }, { name: 'a' }], problems: [[4, /name a is already used on line 1/]] },
  },
  {
    name: 'problems come in line order',
    text: '# @name a\nGET /s\n###\n# @name a\nGET /t\n\n?? js x',
    expect: {
      requests: [{}, {}],
      problems: [
        [4, /already used/],
        [7, /subject 'js'/],
      ],
    },
  },
  {
    name: '# @name in a block without a request',
    text: 'GET /a\n###\n# @name lonely\n',
    expect: { requests: [{ name: undefined }], problems: [[3, /names no request/]] },
  },
  {
    name: '# @name after the request line (httpYac allows it among the headers)',
    text: 'GET /a\n# @name late\nAccept: */*',
    expect: one({ name: 'late', headers: [{ name: 'Accept', value: '*/*', line: 3 }] }),
  },
  {
    name: 'other tools\u2019 meta comments are left alone',
    text: '# @no-redirect\n# @prompt id\nGET /a',
    expect: one({ url: '/a' }),
  },
  {
    name: 'an unknown # @qod line is a problem naming what is supported',
    text: '# @qod signin ciba\nGET /a',
    expect: one({ url: '/a' }, { problems: [[1, /Unknown # @qod line 'signin'.*sign-in.*eventually/]] }),
  },
  { name: 'a bare # @qod line', text: '# @qod\nGET /a', expect: one({}, { problems: [[1, /Unknown # @qod line: supported/]] }) },
];

const variables: Row[] = [
  {
    name: '@name = value before the first request is a file variable',
    text: '@host = http://localhost:9000\n@phone=+34666666661\n\nGET {{host}}/a',
    expect: {
      variables: [
        { name: 'host', value: 'http://localhost:9000', line: 1 },
        { name: 'phone', value: '+34666666661', line: 2 },
      ],
      requests: [{ variables: [] }],
    },
  },
  {
    name: 'a file variable in its own block before the first request',
    text: '@host = x\n\n###\nGET {{host}}/a',
    expect: { variables: [{ name: 'host', value: 'x', line: 1 }], requests: [{ startLine: 3 }] },
  },
  {
    name: 'placeholders stay raw in a variable',
    text: '@id = {{create.response.body.sessionId}}\nGET /a',
    expect: { variables: [{ name: 'id', value: '{{create.response.body.sessionId}}' }] },
  },
  {
    name: '@x = y inside a later block is a request variable',
    text: '@a = 1\nGET /a\n###\n@b = 2\nGET /b\n@c = 3\nAccept: */*',
    expect: {
      variables: [{ name: 'a', value: '1', line: 1 }],
      requests: [
        { variables: [] },
        {
          variables: [
            { name: 'b', value: '2', line: 4 },
            { name: 'c', value: '3', line: 6 },
          ],
        },
      ],
    },
  },
  {
    name: 'an empty value',
    text: '@empty =\nGET /a',
    expect: { variables: [{ name: 'empty', value: '' }] },
  },
  {
    name: 'a value with = and spaces',
    text: '@q = a=b c\nGET /a',
    expect: { variables: [{ name: 'q', value: 'a=b c' }] },
  },
  {
    name: '@name without = is a problem',
    text: '@host\nGET /a',
    expect: { variables: [], problems: [[1, /variable is written @name = value/]] },
  },
  {
    name: 'a variable shaped like a named answer is refused: it would hide the answer (a.b is fine)',
    text: '@create.response.body.sessionId = x\n@a.b = 1\nGET /a',
    expect: {
      variables: [{ name: 'a.b', value: '1' }],
      problems: [[1, /create\.response\.body\.sessionId is shaped like a named answer/]],
    },
  },
  {
    name: 'variables in a block without a request are a problem',
    text: 'GET /a\n###\n@late = 1\n',
    expect: { requests: [{ variables: [] }], problems: [[3, /block without a request/]] },
  },
];

const signIn: Row[] = [
  {
    name: 'ciba with a login hint',
    text: '# @qod sign-in ciba tel:+34666666661\nGET /a',
    expect: { signIn: { flow: 'ciba', loginHint: 'tel:+34666666661', line: 1 } },
  },
  {
    name: '// form, authorization_code without a hint',
    text: '// @qod sign-in authorization_code\nGET /a',
    expect: { signIn: { flow: 'authorization_code', loginHint: undefined, line: 1 } },
  },
  {
    name: 'client_credentials after file variables',
    text: '@host = x\n\n# @qod sign-in client_credentials\n###\nGET /a',
    expect: { signIn: { flow: 'client_credentials', line: 3 } },
  },
  {
    name: 'an ipport login hint',
    text: '# @qod sign-in ciba ipport:203.0.113.25:5000\nGET /a',
    expect: { signIn: { flow: 'ciba', loginHint: 'ipport:203.0.113.25:5000' } },
  },
  {
    name: 'a second sign-in line is a problem',
    text: '# @qod sign-in ciba tel:+1\n# @qod sign-in client_credentials\nGET /a',
    expect: { signIn: { flow: 'ciba', line: 1 }, problems: [[2, /already has a sign-in line \(line 1\)/]] },
  },
  {
    name: 'an unknown flow is a problem naming the flows',
    text: '# @qod sign-in password alice\nGET /a',
    expect: { signIn: undefined, problems: [[1, /Unknown sign-in flow 'password': use ciba, authorization_code, client_credentials/]] },
  },
  { name: 'no flow', text: '# @qod sign-in\nGET /a', expect: { signIn: undefined, problems: [[1, /names no flow/]] } },
  {
    name: 'a sign-in line after the first request is a problem',
    text: 'GET /a\n###\n# @qod sign-in ciba tel:+1\nGET /b',
    expect: { signIn: undefined, problems: [[3, /before the first request line/]] },
  },
  {
    name: 'client_credentials takes no login hint',
    text: '# @qod sign-in client_credentials tel:+1\nGET /a',
    expect: { signIn: undefined, problems: [[1, /takes no login hint/]] },
  },
  {
    name: 'more than one login hint',
    text: '# @qod sign-in ciba tel:+1 tel:+2\nGET /a',
    expect: { signIn: undefined, problems: [[1, /one login hint at most/]] },
  },
];

const headersAndBody: Row[] = [
  {
    name: 'headers up to the blank line; values trimmed, with colons and placeholders raw',
    text: 'POST {{host}}/s\nHost: localhost:9000\nAuthorization:   Bearer {{$qod.accessToken}}  \nx-correlator: {{$guid}}',
    expect: one({
      headers: [
        { name: 'Host', value: 'localhost:9000', line: 2 },
        { name: 'Authorization', value: 'Bearer {{$qod.accessToken}}', line: 3 },
        { name: 'x-correlator', value: '{{$guid}}', line: 4 },
      ],
      body: undefined,
    }),
  },
  {
    name: 'the body follows the blank line, without trailing blank lines',
    text: 'POST /s\nContent-Type: application/json\n\n{\n  "a": "{{x}}"\n}\n\n\n',
    expect: one({ body: '{\n  "a": "{{x}}"\n}', bodyLine: 4 }),
  },
  {
    name: 'blank lines inside the body are kept; blank lines before it are not',
    text: 'POST /s\n\n\nline one\n\nline three',
    expect: one({ body: 'line one\n\nline three', bodyLine: 4 }),
  },
  { name: 'no body when it is empty', text: 'POST /s\nA: b\n\n\n', expect: one({ body: undefined, bodyLine: undefined }) },
  { name: 'a body with no headers', text: 'POST /s\n\nhello', expect: one({ headers: [], body: 'hello', bodyLine: 3 }) },
  {
    name: 'a body needs the blank line (REST Client): a problem, and the rest is read as the body',
    text: 'POST /s\nContent-Type: application/json\n{\n  "a": 1\n}',
    expect: one(
      { headers: [{ name: 'Content-Type' }], body: '{\n  "a": 1\n}', bodyLine: 3 },
      { problems: [[3, /not a header.*body starts after a blank line/]] },
    ),
  },
  {
    name: 'a comment right before ### is a comment, not body',
    text: 'POST /s\n\n{"a":1}\n# next: read it back\n###\nGET /s',
    expect: { requests: [{ body: '{"a":1}', endLine: 4 }, { line: 6 }] },
  },
  {
    name: 'comments between headers are skipped',
    text: 'GET /s\n# Accept: text/plain\nAccept: application/json',
    expect: one({ headers: [{ name: 'Accept', value: 'application/json', line: 3 }] }),
  },
  {
    name: 'a form body',
    text: 'POST /token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials\n&scope={{scope}}',
    expect: one({ body: 'grant_type=client_credentials\n&scope={{scope}}', bodyLine: 4 }),
  },
  {
    name: 'a response handler script is refused, not sent as a body',
    text: 'GET /a\n\n> {%\nclient.test("x", function() {});\n%}',
    expect: one({ body: undefined }, { problems: [[3, /Response handler scripts.*not run here/]] }),
  },
  {
    name: 'a body read from a file is refused',
    text: 'POST /a\n\n< ./body.json',
    expect: one({ body: undefined }, { problems: [[3, /body read from a file/]] }),
  },
];

const assertionRows: Row[] = [
  {
    name: 'assertions at the end of the block are not body',
    text: 'POST /s\n\n{"a":1}\n\n?? status == 201\n?? body sessionId exists\n\n',
    expect: one({
      body: '{"a":1}',
      endLine: 6,
      assertions: [
        { source: '?? status == 201', line: 5, subject: 'status', operator: '==', expected: '201', path: undefined },
        { source: '?? body sessionId exists', line: 6, subject: 'body', path: 'sessionId', operator: 'exists', expected: undefined },
      ],
    }),
  },
  {
    name: 'assertions right after the headers, without a blank line',
    text: 'GET /s\nAccept: */*\n?? status < 300',
    expect: one({ headers: [{ name: 'Accept' }], assertions: [{ subject: 'status', operator: '<', expected: '300', line: 3 }] }),
  },
  {
    name: 'assertions after a blank line and no body',
    text: 'GET /s\n\n?? status == 200',
    expect: one({ body: undefined, assertions: [{ line: 3 }] }),
  },
  {
    name: 'a ?? line in the middle of a text body stays body',
    text: 'POST /s\n\nwhat ??\n?? not an assertion here\nlast line',
    expect: one({ body: 'what ??\n?? not an assertion here\nlast line', assertions: [] }),
  },
  {
    name: 'a header assertion',
    text: 'GET /s\n\n?? header content-type includes json',
    expect: one({ assertions: [{ subject: 'header', path: 'content-type', operator: 'includes', expected: 'json' }] }),
  },
  {
    name: 'a body path assertion',
    text: 'GET /s\n\n?? body qosStatus == AVAILABLE',
    expect: one({ assertions: [{ subject: 'body', path: 'qosStatus', operator: '==', expected: 'AVAILABLE' }] }),
  },
  {
    name: 'a nested body path and a + in the expected value',
    text: 'GET /s\n\n?? body device.phoneNumber == +34666666661',
    expect: one({ assertions: [{ path: 'device.phoneNumber', expected: '+34666666661' }] }),
  },
  {
    name: 'the whole body',
    text: 'GET /s\n\n?? body == {"qosStatus": "AVAILABLE"}',
    expect: one({ assertions: [{ subject: 'body', path: undefined, operator: '==', expected: '{"qosStatus": "AVAILABLE"}' }] }),
  },
  {
    name: 'duration',
    text: 'GET /s\n\n?? duration < 500',
    expect: one({ assertions: [{ subject: 'duration', operator: '<', expected: '500' }] }),
  },
  {
    name: 'the expected value keeps its inner spaces',
    text: 'GET /s\n\n?? body message ==   the   device is busy  ',
    expect: one({ assertions: [{ expected: 'the   device is busy' }] }),
  },
  {
    name: 'a placeholder as the expected status',
    text: 'GET /s\n\n?? status == {{expectedStatus}}',
    expect: one({ assertions: [{ expected: '{{expectedStatus}}' }] }),
  },
  {
    name: 'httpYac\u2019s equals is ==',
    text: 'GET /s\n\n?? status equals 200',
    expect: one({ assertions: [{ operator: '==', expected: '200' }] }),
  },
  ...(['==', '!=', '<', '<=', '>', '>='] as const).map((operator) => ({
    name: `status ${operator}`,
    text: `GET /s\n\n?? status ${operator} 204`,
    expect: one({ assertions: [{ subject: 'status', operator, expected: '204' }] }),
  })),
  ...(['includes', 'contains', 'startsWith', 'endsWith', 'matches'] as const).map((operator) => ({
    name: `body ${operator}`,
    text: `GET /s\n\n?? body qosProfile ${operator} QOS`,
    expect: one({ assertions: [{ subject: 'body', path: 'qosProfile', operator, expected: 'QOS' }] }),
  })),
  ...(['exists', 'isFalse', 'isTrue', 'isNumber', 'isString', 'isBoolean', 'isArray'] as const).map((operator) => ({
    name: `body ${operator} (no expected value)`,
    text: `GET /s\n\n?? body field ${operator}`,
    expect: one({ assertions: [{ subject: 'body', path: 'field', operator, expected: undefined }] }),
  })),
  {
    name: 'the whole body exists',
    text: 'GET /s\n\n?? body exists',
    expect: one({ assertions: [{ subject: 'body', path: undefined, operator: 'exists' }] }),
  },
  {
    name: 'an assertion inside a CRLF file keeps no \\r',
    text: 'GET /s\r\n\r\n?? status == 200\r\n',
    expect: one({ assertions: [{ source: '?? status == 200', expected: '200' }] }),
  },
];

const assertionProblems: Row[] = [
  {
    name: 'httpYac\u2019s js subject is refused, naming the supported subjects',
    text: 'GET /s\n\n?? js response.parsedBody.id == 1',
    expect: one({ assertions: [] }, { problems: [[3, /Unknown assertion subject 'js': supported are status, header, body, duration/]] }),
  },
  {
    name: 'xpath is refused',
    text: 'GET /s\n\n?? xpath /a/b == 1',
    expect: one({}, { problems: [[3, /subject 'xpath'/]] }),
  },
  {
    name: 'an unknown operator names the supported ones',
    text: 'GET /s\n\n?? status ~= 200',
    expect: one({}, { problems: [[3, /Unknown assertion operator '~=': use ==, !=, <, <=, >, >=, includes.*isArray/]] }),
  },
  { name: 'no operator', text: 'GET /s\n\n?? status', expect: one({}, { problems: [[3, /no operator/]] }) },
  { name: 'an empty ??', text: 'GET /s\n\n??', expect: one({}, { problems: [[3, /says what it checks/]] }) },
  {
    name: 'a header assertion without a header name',
    text: 'GET /s\n\n?? header == x',
    expect: one({}, { problems: [[3, /names the header/]] }),
  },
  {
    name: 'exists with a value',
    text: 'GET /s\n\n?? body id exists yes',
    expect: one({}, { problems: [[3, /exists takes no expected value/]] }),
  },
  { name: '== without a value', text: 'GET /s\n\n?? body id ==', expect: one({}, { problems: [[3, /== needs an expected value/]] }) },
  {
    name: 'a status compared with a word',
    text: 'GET /s\n\n?? status == created',
    expect: one({}, { problems: [[3, /status is a number/]] }),
  },
  {
    name: 'a duration compared with a word',
    text: 'GET /s\n\n?? duration < fast',
    expect: one({}, { problems: [[3, /duration is a number/]] }),
  },
  {
    name: '?? eventually is refused with the # @qod form',
    text: 'GET /s\n\n?? eventually qosStatus == AVAILABLE within 30s',
    expect: one({}, { problems: [[3, /subject 'eventually'.*# @qod eventually/]] }),
  },
  {
    name: 'an assertion before its request line',
    text: '?? status == 200\nGET /s',
    expect: one({ assertions: [] }, { problems: [[1, /goes after its request line/]] }),
  },
  {
    name: 'a good assertion after a bad one is still read',
    text: 'GET /s\n\n?? js x\n?? status == 200',
    expect: one({ assertions: [{ line: 4 }] }, { problems: [[3, /subject 'js'/]] }),
  },
];

const eventually: Row[] = [
  {
    name: '# @qod eventually … within 30s',
    text: 'GET /s\n\n# @qod eventually body qosStatus == AVAILABLE within 30s',
    expect: one({
      assertions: [
        {
          source: '# @qod eventually body qosStatus == AVAILABLE within 30s',
          line: 3,
          subject: 'body',
          path: 'qosStatus',
          operator: '==',
          expected: 'AVAILABLE',
          eventually: { withinMs: 30_000 },
        },
      ],
    }),
  },
  {
    name: '// @qod eventually … within 500ms',
    text: 'GET /s\n\n// @qod eventually status == 200 within 500ms',
    expect: one({ assertions: [{ subject: 'status', expected: '200', eventually: { withinMs: 500 } }] }),
  },
  {
    name: 'ten minutes is the bound',
    text: 'GET /s\n\n# @qod eventually body qosStatus exists within 600s',
    expect: one({ assertions: [{ operator: 'exists', eventually: { withinMs: 600_000 } }] }),
  },
  {
    name: 'more than ten minutes is a problem',
    text: 'GET /s\n\n# @qod eventually body qosStatus exists within 601s',
    expect: one({ assertions: [] }, { problems: [[3, /at most 10 minutes/]] }),
  },
  {
    name: 'zero is a problem',
    text: 'GET /s\n\n# @qod eventually status == 200 within 0s',
    expect: one({}, { problems: [[3, /more than 0/]] }),
  },
  {
    name: 'without within',
    text: 'GET /s\n\n# @qod eventually status == 200',
    expect: one({}, { problems: [[3, /ends with how long to wait/]] }),
  },
  {
    name: 'minutes are not a unit',
    text: 'GET /s\n\n# @qod eventually status == 200 within 2m',
    expect: one({}, { problems: [[3, /ends with how long to wait/]] }),
  },
  {
    name: 'the assertion grammar applies inside',
    text: 'GET /s\n\n# @qod eventually js x == 1 within 5s',
    expect: one({}, { problems: [[3, /subject 'js'/]] }),
  },
  {
    name: 'eventually before the request line',
    text: '# @qod eventually status == 200 within 5s\nGET /s',
    expect: one({ assertions: [] }, { problems: [[1, /goes after its request line/]] }),
  },
  {
    name: 'eventually mixed with ?? lines at the end of the block, in order',
    text: 'POST /s\n\n{}\n?? status == 201\n# @qod eventually body qosStatus == AVAILABLE within 1s\n?? body sessionId exists',
    expect: one({ body: '{}', assertions: [{ line: 4 }, { line: 5, eventually: { withinMs: 1000 } }, { line: 6 }] }),
  },
];

const lineEnds: Row[] = [
  {
    name: 'CRLF line ends',
    text: '@host = x\r\n### T\r\nPOST /s\r\nA: b\r\n\r\n{\r\n}\r\n',
    expect: {
      variables: [{ name: 'host', value: 'x', line: 1 }],
      requests: [{ title: 'T', line: 3, headers: [{ name: 'A', value: 'b', line: 4 }], body: '{\n}', bodyLine: 6 }],
    },
  },
  {
    name: 'a byte-order mark',
    text: '\ufeff@host = x\nGET /a',
    expect: { variables: [{ name: 'host', line: 1 }], requests: [{ line: 2 }] },
  },
  { name: 'a BOM before ###', text: '\ufeff### Title\nGET /a', expect: one({ title: 'Title' }) },
  { name: 'old Mac CR line ends', text: 'GET /a\rAccept: x', expect: one({ headers: [{ name: 'Accept', line: 2 }] }) },
];

// Documented examples of the two tools (only the request texts, as their pages show them).
const documented: Row[] = [
  {
    // REST Client, request variables: https://deepwiki.com/Huachao/vscode-restclient/5.3-request-variables
    name: 'REST Client: a named request and a later request reading its answer',
    text: [
      '### Request with a variable name',
      '# @name myVariable',
      'GET https://api.example.com/data',
      '### Subsequent request using the variable',
      'GET https://api.example.com/details',
      'Authorization: Bearer {{myVariable.response.body.token}}',
    ].join('\n'),
    expect: {
      requests: [
        { title: 'Request with a variable name', name: 'myVariable', method: 'GET', url: 'https://api.example.com/data', line: 3 },
        {
          title: 'Subsequent request using the variable',
          name: undefined,
          headers: [{ name: 'Authorization', value: 'Bearer {{myVariable.response.body.token}}', line: 6 }],
        },
      ],
    },
  },
  {
    // REST Client, request chaining example: https://apis.io/examples/rest-client/rest-client-request-chaining-example/
    name: 'REST Client: login, then requests using its token',
    text: [
      '@host = https://api.example.com',
      '',
      '### Login - obtain access token',
      '# @name login',
      'POST {{host}}/auth/token HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{',
      '  "username": "{{$dotenv USERNAME}}",',
      '  "password": "{{$dotenv PASSWORD}}"',
      '}',
      '',
      '### Get Profile - use token from login response',
      'GET {{host}}/v1/me HTTP/1.1',
      'Authorization: Bearer {{login.response.body.$.access_token}}',
      '',
      '### Create Resource - chained auth',
      '# @name createUser',
      'POST {{host}}/v1/users HTTP/1.1',
      'Content-Type: application/json',
      'Authorization: Bearer {{login.response.body.$.access_token}}',
      'X-Request-ID: {{$guid}}',
      '',
      '{',
      '  "name": "New User",',
      '  "email": "newuser@example.com"',
      '}',
    ].join('\n'),
    expect: {
      variables: [{ name: 'host', value: 'https://api.example.com', line: 1 }],
      requests: [
        { name: 'login', method: 'POST', url: '{{host}}/auth/token', line: 5, bodyLine: 8, endLine: 11 },
        { name: undefined, method: 'GET', url: '{{host}}/v1/me', body: undefined },
        {
          name: 'createUser',
          headers: [{ name: 'Content-Type' }, { name: 'Authorization' }, { name: 'X-Request-ID', value: '{{$guid}}' }],
          body: '{\n  "name": "New User",\n  "email": "newuser@example.com"\n}',
        },
      ],
    },
  },
  {
    // REST Client request syntax and file variables: https://yudady.github.io/concepts/rest-client-request-syntax/
    name: 'REST Client: file variables built from variables, HTTP/1.1, headers and a JSON body',
    text: [
      '@localhostBWS = http://localhost:8080/business-web-service/resources',
      '@domain = {{localhostBWS}}',
      'GET {{domain}}/workflow/allMission/count',
      '',
      '###',
      'POST http://localhost:8080/business-web-service/resources/sessions HTTP/1.1',
      'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      'Content-Type: application/json',
      '',
      '{',
      '"operatorName": "tommyyyy",',
      '"language": "zh-cn"',
      '}',
    ].join('\n'),
    expect: {
      variables: [
        { name: 'localhostBWS', value: 'http://localhost:8080/business-web-service/resources' },
        { name: 'domain', value: '{{localhostBWS}}' },
      ],
      requests: [
        { url: '{{domain}}/workflow/allMission/count' },
        {
          url: 'http://localhost:8080/business-web-service/resources/sessions',
          headers: [{ name: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' }, { name: 'Content-Type' }],
          bodyLine: 10,
        },
      ],
    },
  },
  {
    // REST Client token reuse: https://openillumi.com/en/en-vscode-rest-client-token-auto-reuse
    name: 'REST Client: a request variable holding a value of an earlier answer',
    text: '@authToken = {{tokenAPI.response.body.token}}\nGET {{baseUrl}}/User\nAuthorization: Bearer {{authToken}}',
    expect: {
      variables: [{ name: 'authToken', value: '{{tokenAPI.response.body.token}}' }],
      requests: [{ headers: [{ name: 'Authorization', value: 'Bearer {{authToken}}' }] }],
    },
  },
  {
    // httpYac assertions, as shown at https://http-files.org/spec/response-handlers
    name: 'httpYac: status, header and duration assertions',
    text: 'GET https://api.example.com/users\n\n?? status == 200\n?? header content-type includes json\n?? duration < 500',
    expect: one({
      body: undefined,
      assertions: [
        { subject: 'status', operator: '==', expected: '200', line: 3 },
        { subject: 'header', path: 'content-type', operator: 'includes', expected: 'json', line: 4 },
        { subject: 'duration', operator: '<', expected: '500', line: 5 },
      ],
    }),
  },
  {
    // httpYac assert syntax: https://httpyac.github.io/guide/assert.html
    name: 'httpYac: the first example of its Assert guide',
    text: 'GET https://httpbin.org/anything\n\n?? status == 200',
    expect: one({ url: 'https://httpbin.org/anything', assertions: [{ subject: 'status', operator: '==', expected: '200' }] }),
  },
  // httpYac's table of conditions, one row per example: https://httpyac.github.io/guide/assert.html
  ...(
    [
      ['?? status == 200', { subject: 'status', operator: '==', expected: '200' }],
      ['?? status != 201', { subject: 'status', operator: '!=', expected: '201' }],
      ['?? status > 199', { subject: 'status', operator: '>', expected: '199' }],
      ['?? status >= 200', { subject: 'status', operator: '>=', expected: '200' }],
      ['?? duration < 300', { subject: 'duration', operator: '<', expected: '300' }],
      ['?? status <= 200', { subject: 'status', operator: '<=', expected: '200' }],
      ['?? status startsWith 20', { subject: 'status', operator: 'startsWith', expected: '20' }],
      ['?? status endsWith 00', { subject: 'status', operator: 'endsWith', expected: '00' }],
      ['?? header content-type includes json', { subject: 'header', path: 'content-type', operator: 'includes', expected: 'json' }],
      ['?? header range exists', { subject: 'header', path: 'range', operator: 'exists', expected: undefined }],
      ['?? header range isFalse', { subject: 'header', path: 'range', operator: 'isFalse' }],
      ['?? status isNumber', { subject: 'status', operator: 'isNumber' }],
      ['?? body active isBoolean', { subject: 'body', path: 'active', operator: 'isBoolean' }],
      ['?? header content-type isString', { subject: 'header', path: 'content-type', operator: 'isString' }],
      ['?? body links isArray', { subject: 'body', path: 'links', operator: 'isArray' }],
      ['?? status matches ^\\\\d+', { subject: 'status', operator: 'matches', expected: '^\\\\d+' }],
    ] as const
  ).map(([line, assertion]) => ({
    name: `httpYac condition: ${line}`,
    text: `GET https://httpbin.org/anything\n\n${line}`,
    expect: one({ assertions: [{ source: line, line: 3, ...assertion }] }),
  })),
  // The hash conditions of the same table are not read here: a problem, not a silent pass.
  ...['?? body sha256 eji/gfOD9pQzrW6QDTWz4jhVk/dqe3q11DVbi6Qe4ks=', '?? body md5 m7WPJhkuS6APAeLnsTa72A=='].map((line) => ({
    name: `httpYac condition refused: ${line.split(' ')[2]}`,
    text: `GET https://httpbin.org/anything\n\n${line}`,
    expect: one({ assertions: [] }, { problems: [[3, /Unknown assertion operator '(sha256|md5)'/]] }),
  })),
];

const qodFile: Row[] = [
  {
    name: 'the QoD lifecycle: sign-in, create, eventually AVAILABLE, extend, delete',
    text: [
      '@host = {{$qod.apiBase}}',
      '# @qod sign-in ciba tel:+34666666661',
      '',
      '### Create a session',
      '# @name create',
      'POST {{host}}/sessions',
      'Content-Type: application/json',
      'Authorization: Bearer {{$qod.accessToken}}',
      '',
      '{',
      '  "qosProfile": "QOS_E",',
      '  "duration": 60',
      '}',
      '',
      '?? status == 201',
      '# @qod eventually body qosStatus == AVAILABLE within 30s',
      '',
      '### Extend it',
      'POST {{host}}/sessions/{{create.response.body.sessionId}}/extend',
      'Content-Type: application/json',
      '',
      '{ "requestedAdditionalDuration": 30 }',
      '',
      '?? status == 200',
      '',
      '### Delete it',
      'DELETE {{host}}/sessions/{{create.response.body.sessionId}}',
      '',
      '?? status == 204',
    ].join('\n'),
    expect: {
      variables: [{ name: 'host', value: '{{$qod.apiBase}}', line: 1 }],
      signIn: { flow: 'ciba', loginHint: 'tel:+34666666661', line: 2 },
      requests: [
        {
          name: 'create',
          title: 'Create a session',
          startLine: 4,
          line: 6,
          endLine: 16,
          bodyLine: 10,
          assertions: [{ line: 15 }, { line: 16, eventually: { withinMs: 30_000 } }],
        },
        { title: 'Extend it', method: 'POST', startLine: 18, line: 19, endLine: 24, body: '{ "requestedAdditionalDuration": 30 }' },
        { title: 'Delete it', method: 'DELETE', startLine: 26, line: 27, endLine: 29, body: undefined, assertions: [{ expected: '204' }] },
      ],
    },
  },
];

/** `# @qod route <device>` and `# @qod needs …` (issue 22: several operators, the advisor). */
const routing: Row[] = [
  {
    name: 'a route line before the request line routes that request',
    text: '# @qod route +44666666661\nPOST {{$qod.sessions}}/sessions',
    expect: one({ route: { hint: '+44666666661', line: 1 }, line: 2 }),
  },
  {
    name: 'a route line may name a variable',
    text: '@azul = +34666666661\n###\n# @qod route {{azul}}\nGET {{$qod.sessions}}/sessions/x',
    expect: one({ route: { hint: '{{azul}}', line: 3 } }),
  },
  {
    name: 'the needs before the first request hold for the file; a request may have its own',
    text: '# @qod needs latency<=50ms down>=2Mbps\nGET /a\n###\n# @qod needs up>=10Mbps\nGET /b',
    expect: {
      requests: [
        { line: 2, needs: undefined },
        { line: 5, needs: { text: 'up>=10Mbps', line: 4 } },
      ],
    },
  },
  {
    name: 'a route line after the request line is a problem at its line',
    text: 'GET /a\n# @qod route +34666666661',
    expect: one({ route: undefined }, { problems: [[2, /# @qod route goes before its request line/]] }),
  },
  {
    name: 'a route line names exactly one device',
    text: '# @qod route\nGET /a\n###\n# @qod route +34 +44\nGET /b',
    expect: {
      problems: [
        [1, /names one device/],
        [4, /names one device/],
      ],
    },
  },
  {
    name: 'one route line per request',
    text: '# @qod route +34666666661\n# @qod route +44666666661\nGET /a',
    expect: one({ route: { hint: '+34666666661', line: 1 } }, { problems: [[2, /already routed \(line 1\)/]] }),
  },
  {
    name: 'a network line sets the device script before the request; it names a device and a script',
    text: '# @qod network +34666666661 network-ends:30s\nPOST /a\n###\n# @qod network +34666666661\nGET /b',
    expect: {
      requests: [{ network: { device: '+34666666661', script: 'network-ends:30s', line: 1 } }, { network: undefined }],
      problems: [[4, /names a device and a script/]],
    },
  },
  {
    name: 'needs the advisor cannot read are a problem at the line, naming the need and the rule',
    text: '# @qod needs latency<=fast\nGET /a',
    expect: { problems: [[1, /^# @qod needs: latency: must be a time like 50ms/]] },
  },
  {
    name: 'empty needs, and a second file-level needs line, are problems',
    text: '# @qod needs\n# @qod needs latency<=50ms\n# @qod needs jitter<=5ms\nGET /a',
    expect: {
      problems: [
        [1, /names what the app needs/],
        [3, /already says what it needs \(line 2\)/],
      ],
    },
  },
];

const tables: Record<string, Row[]> = {
  routing,
  'request lines': requestLines,
  blocks,
  'comments and names': comments,
  variables,
  'the sign-in line': signIn,
  'headers and body': headersAndBody,
  assertions: assertionRows,
  'assertion problems': assertionProblems,
  'eventually assertions': eventually,
  'line ends and BOM': lineEnds,
  'documented examples of REST Client and httpYac': documented,
  'a QoD request file': qodFile,
};

describe('request files: parseRequestFile', () => {
  for (const [table, rows] of Object.entries(tables)) {
    describe(table, () => {
      for (const row of rows) it(row.name, () => check(parseRequestFile(row.text), row.expect));
    });
  }

  describe('hostile input never throws and is read as far as it goes', () => {
    const hostile: Array<[string, () => string, (file: RequestFile) => void]> = [
      ['empty text', () => '', (file) => assert.deepEqual(file, { variables: [], requests: [], problems: [] })],
      ['only ###', () => '###', (file) => assert.deepEqual(file, { variables: [], requests: [], problems: [] })],
      ['a thousand ### lines', () => '###\n'.repeat(1000), (file) => assert.equal(file.requests.length, 0)],
      ['only blank lines', () => '\n\n\r\n  \n', (file) => assert.equal(file.requests.length, 0)],
      [
        'NUL bytes',
        () => 'GET /a\u0000b\n\u0000: x\n\n\u0000\u0000',
        (file) => {
          assert.equal(file.requests[0]?.url, '/a\u0000b');
          assert.ok(file.problems.length >= 1);
        },
      ],
      [
        'a 10 MB single line is a problem, not a URL',
        () => 'a'.repeat(10_000_000),
        (file) => {
          assert.equal(file.requests.length, 0);
          assert.match(file.problems[0]?.message ?? '', /longer than 65536 characters/);
          assert.ok((file.problems[0]?.message.length ?? 0) < 200, 'the message does not echo the line');
        },
      ],
      [
        '10 MB of requests',
        () => 'GET /a\n\n?? status == 200\n###\n'.repeat(400_000),
        (file) => assert.equal(file.requests.length, 400_000),
      ],
      [
        'a huge body is kept whole',
        () => `POST /a\n\n${'x'.repeat(5_000_000)}`,
        (file) => assert.equal(file.requests[0]?.body?.length, 5_000_000),
      ],
      [
        'a huge header line is a problem',
        () => `GET /a\nX: ${'y'.repeat(100_000)}`,
        (file) => assert.match(file.problems[0]?.message ?? '', /longer than/),
      ],
      ['unclosed placeholders', () => `GET {{${'{'.repeat(60_000)} x`, (file) => assert.equal(file.requests.length, 1)],
      [
        'a long run of spaces in an eventually line',
        () => `GET /a\n\n# @qod eventually status ==${' '.repeat(30_000)}200${' '.repeat(30_000)}within 1s`,
        (file) => assert.equal(file.requests[0]?.assertions[0]?.expected, '200'),
      ],
      [
        'binary junk gives at most 201 problems',
        () => Array.from({ length: 5000 }, (_, index) => `\u0001 \u0002 ${index}`).join('\n###\n'),
        (file) => {
          assert.equal(file.problems.length, 201);
          assert.match(file.problems[200]?.message ?? '', /More than 200 problems/);
        },
      ],
      ['a number instead of text', () => 42 as unknown as string, (file) => assert.deepEqual(file.requests, [])],
      ['undefined instead of text', () => undefined as unknown as string, (file) => assert.deepEqual(file.requests, [])],
      [
        'a line separator character is not taken for a line end, and is no URL',
        () => 'GET /a\u2028b',
        (file) => {
          assert.equal(file.requests.length, 0);
          assert.match(file.problems[0]?.message ?? '', /not a request line/);
        },
      ],
    ];
    for (const [name, text, expect] of hostile) it(name, () => expect(parseRequestFile(text())));
  });

  it('a 1,000-request file gives 1,000 requests with their lines (no clock here: the bench measures time)', () => {
    const block = (index: number) =>
      `### Request ${index}\n# @name r${index}\nPOST {{host}}/sessions\nContent-Type: application/json\n\n{"n": ${index}}\n\n?? status == 201\n`;
    const file = parseRequestFile(Array.from({ length: 1000 }, (_, index) => block(index)).join(''));
    assert.equal(file.requests.length, 1000);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(projection(file.requests[999], { name: 0, startLine: 0, line: 0, bodyLine: 0, endLine: 0 }), {
      name: 'r999',
      startLine: 7993,
      line: 7995,
      bodyLine: 7998,
      endLine: 8000,
    });
  });
});
