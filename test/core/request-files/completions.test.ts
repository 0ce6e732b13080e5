// "Completions for operations, profiles and fields from the flavour's schema": each row is a request file with a
// `|` where the cursor is, a flavour, and the labels that must (and must not) be offered there.
import assert from 'node:assert/strict';
import type { Flavour } from '../../../src/core/camara/flavour';
import { requestFileCompletions, type Completion } from '../../../src/core/request-files/completions';

const PROFILES = ['QOS_E', 'QOS_L', 'LOW_LATENCY'];

/** The completions at the `|` of a text. */
function at(marked: string, flavour: Flavour): Completion[] {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'a row marks its cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const beforeLines = text.slice(0, offset).split('\n');
  const position = { line: beforeLines.length - 1, character: (beforeLines.at(-1) as string).length };
  return requestFileCompletions(text, position, { flavour, profiles: PROFILES });
}

const V1_CREATE = 'POST {{$qod.sessions}}/sessions\nContent-Type: application/json\n\n';
const V08_CREATE = 'POST {{$qod.sessions}}/sessions\nContent-Type: application/json\n\n';

/** [what the row is, flavour, text with |, labels offered, labels not offered] */
const rows: Array<[string, Flavour, string, string[], string[]]> = [
  [
    'an empty file: the v1 operations',
    'v1',
    '|',
    [
      'POST {{$qod.sessions}}/sessions',
      'GET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}',
      'POST {{$qod.profiles}}/retrieve-qos-profiles',
    ],
    [],
  ],
  [
    'v0.8 has no extend, no retrieve-sessions, no profiles; its id is `id`',
    'v0.8',
    '### A\n# @name made\n|',
    ['POST {{$qod.sessions}}/sessions', 'DELETE {{$qod.sessions}}/sessions/{{create.response.body.id}}'],
    ['POST {{$qod.sessions}}/sessions/{{create.response.body.id}}/extend', 'POST {{$qod.sessions}}/retrieve-sessions'],
  ],
  [
    'a method being typed after ###',
    'v1',
    '@x = 1\n### Create\nPO|',
    ['POST {{$qod.sessions}}/sessions', 'DELETE {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}'],
    [],
  ],
  [
    "the session operations read the id from the file's own create request",
    'v1',
    '# @name made\nPOST {{$qod.sessions}}/sessions\n\n{}\n\n###\n|',
    ['GET {{$qod.sessions}}/sessions/{{made.response.body.sessionId}}'],
    ['GET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}'],
  ],
  ['no operation on a header line', 'v1', 'POST {{$qod.sessions}}/sessions\nCont|', [], ['POST {{$qod.sessions}}/sessions']],
  ['no operation in a comment', 'v1', '# PO|', [], ['POST {{$qod.sessions}}/sessions']],
  [
    'v1 create: the top-level fields',
    'v1',
    `${V1_CREATE}{\n  |\n}`,
    ['device', 'applicationServer', 'qosProfile', 'duration', 'sink'],
    ['ueId', 'asId', 'qos', 'phoneNumber'],
  ],
  [
    'v1 create: a key typed inside its quotes, fields already present left out',
    'v1',
    `${V1_CREATE}{\n  "duration": 600,\n  "q|"\n  "sink": "https://x.test"\n}`,
    ['qosProfile', 'device', 'applicationServer'],
    ['duration', 'sink'],
  ],
  [
    'v1 create: a key typed on a new line before its comma is written',
    'v1',
    `${V1_CREATE}{\n  "duration": 600\n  "q|"\n}`,
    ['qosProfile'],
    ['duration'],
  ],
  [
    'v1 create: inside device, its identifiers',
    'v1',
    `${V1_CREATE}{\n  "device": {\n    |\n  },\n  "duration": 1\n}`,
    ['phoneNumber', 'ipv4Address', 'networkAccessIdentifier'],
    ['duration', 'qosProfile', 'msisdn'],
  ],
  [
    'v1 create: two levels down, device.ipv4Address',
    'v1',
    `${V1_CREATE}{ "device": { "ipv4Address": { "|" } } }`,
    ['publicAddress', 'publicPort'],
    ['phoneNumber'],
  ],
  ['v1 create: inside an array of port ranges', 'v1', `${V1_CREATE}{ "devicePorts": { "ranges": [ { | } ] } }`, ['from', 'to'], ['ports']],
  ['v1 create: after "qosProfile": the offered profiles', 'v1', `${V1_CREATE}{\n  "qosProfile": |\n}`, PROFILES, ['qosProfile']],
  ['v1 create: a profile typed inside its quotes', 'v1', `${V1_CREATE}{ "qosProfile": "QO|" }`, PROFILES, []],
  [
    'v0.8 create: ueId and asId at the top, the v1 names not',
    'v0.8',
    `${V08_CREATE}{\n  |\n}`,
    ['ueId', 'asId', 'qos', 'duration', 'notificationUrl'],
    ['device', 'applicationServer', 'qosProfile'],
  ],
  [
    'v0.8 create: inside ueId, its identifiers',
    'v0.8',
    `${V08_CREATE}{ "ueId": { "| } }`,
    ['msisdn', 'ipv4addr', 'externalId'],
    ['phoneNumber'],
  ],
  ['v0.8 create: qos is an enum: its values', 'v0.8', `${V08_CREATE}{ "qos": "|" }`, ['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L'], ['LOW_LATENCY']],
  [
    'v1 profiles filter: status is an enum',
    'v1',
    'POST {{$qod.profiles}}/retrieve-qos-profiles\n\n{ "status": | }',
    ['ACTIVE', 'INACTIVE', 'DEPRECATED'],
    [],
  ],
  ['v1 extend: one field', 'v1', 'POST {{$qod.sessions}}/sessions/{{id}}/extend\n\n{ | }', ['requestedAdditionalDuration'], ['duration']],
  ['a body of a URL that names no operation: nothing', 'v1', 'POST https://example.test/other\n\n{ | }', [], ['duration', 'qosProfile']],
  ['a field value that is neither enum nor profile: nothing', 'v1', `${V1_CREATE}{ "duration": | }`, [], ['duration', 'QOS_E']],
  [
    'after {{: the variables, the named requests, $qod.accessToken',
    'v1',
    '@server = 198.51.100.10\n# @name create\nPOST {{$qod.sessions}}/sessions\nAuthorization: Bearer {{|',
    ['server', 'create.response.body.', '$qod.accessToken'],
    ['POST {{$qod.sessions}}/sessions'],
  ],
  ['after {{ in a body value', 'v1', `@d = 600\n${V1_CREATE}{ "duration": {{| }`, ['d', '$qod.accessToken'], ['qosProfile']],
];

describe('request file completions', () => {
  for (const [what, flavour, text, offered, notOffered] of rows) {
    it(`${flavour}: ${what}`, () => {
      const labels = at(text, flavour).map((c) => c.label);
      for (const label of offered) assert.ok(labels.includes(label), `${label} offered; got ${JSON.stringify(labels)}`);
      for (const label of notOffered) assert.ok(!labels.includes(label), `${label} not offered; got ${JSON.stringify(labels)}`);
    });
  }

  it('an operation carries its title, and replaces the method typed so far', () => {
    const item = at('  PO|', 'v1').find((c) => c.label === 'POST {{$qod.sessions}}/sessions');
    assert.deepEqual([item?.detail, item?.kind, item?.replace], ['Create session', 'operation', { start: 2, end: 4 }]);
  });

  it('a key outside quotes is inserted quoted with its colon; inside quotes, bare', () => {
    const outside = at(`${V1_CREATE}{ | }`, 'v1').find((c) => c.label === 'duration');
    const inside = at(`${V1_CREATE}{ "dur| }`, 'v1').find((c) => c.label === 'duration');
    assert.equal(outside?.insertText, '"duration": ');
    assert.deepEqual([inside?.insertText, inside?.replace], ['duration', { start: 3, end: 6 }]);
  });

  it("after {{: the environment file's variables (after the file's own, which win) and $qod.flavour", () => {
    const text = '@phone = +34611111111\nGET {{';
    const items = requestFileCompletions(
      text,
      { line: 1, character: 6 },
      {
        flavour: 'v1',
        environmentVariables: [
          { name: 'phone', value: '+34699999999', line: 2 },
          { name: 'profile', value: 'QOS_L', line: 3 },
        ],
      },
    );
    const phone = items.filter((c) => c.label === 'phone');
    assert.equal(phone.length, 1, 'a name is offered once');
    assert.equal(phone[0]?.detail, '@phone = +34611111111', "the file's own value, which a run uses");
    assert.equal(items.find((c) => c.label === 'profile')?.detail, 'http-client.env.json: QOS_L');
    assert.ok(items.some((c) => c.label === '$qod.flavour'));
  });

  it('a value after a colon is quoted; the closing }} is added only when missing', () => {
    assert.equal(at(`${V1_CREATE}{ "qosProfile":| }`, 'v1').find((c) => c.label === 'QOS_E')?.insertText, ' "QOS_E"');
    assert.equal(at('@a = 1\nGET {{|', 'v1').find((c) => c.label === 'a')?.insertText, 'a}}');
    assert.equal(at('@a = 1\nGET {{|}}', 'v1').find((c) => c.label === 'a')?.insertText, 'a');
  });

  it('hostile input never throws: garbage, unbalanced braces, deep nesting, huge text, positions out of range', () => {
    const texts = [
      '',
      '\u0000\u0001{{{{"""',
      `${V1_CREATE}}}}]]]{{{{[[[`,
      `${V1_CREATE}${'{"a":'.repeat(10_000)}|`,
      `${V1_CREATE}${'['.repeat(50_000)}`,
      `${V1_CREATE}{ "a\\`,
      `${V1_CREATE}{ "device": { "phoneNumber": "\\"|`,
      'x'.repeat(2_000_000),
      `${V1_CREATE}{${' "k": 1,'.repeat(100_000)} | }`,
      '###\n'.repeat(10_000),
      '{{'.repeat(10_000),
      `${V1_CREATE}{ "qosProfile": "Q\\\n  "dur|" }`,
    ];
    for (const text of texts) {
      const clean = text.replace('|', '');
      const lines = clean.split('\n');
      for (const flavour of ['v1', 'v0.10', 'v0.8'] as const) {
        for (const position of [
          { line: 0, character: 0 },
          { line: lines.length - 1, character: (lines.at(-1) as string).length },
          { line: 3, character: 5 },
          { line: -1, character: -1 },
          { line: 1e9, character: 1e9 },
        ]) {
          const line = lines[position.line] ?? '';
          for (const item of requestFileCompletions(clean, position, { flavour })) {
            const { start, end } = item.replace ?? { start: 0, end: 0 };
            assert.ok(0 <= start && start <= end && end <= line.length, `${item.label}: ${start}..${end} on a line of ${line.length}`);
          }
        }
      }
    }
    assert.ok(Array.isArray(at(`${V1_CREATE}{${' "k": 1,'.repeat(100_000)} | }`, 'v1')));
  });

  it('a backslash at the end of a line does not run a string into the next: every range is on the cursor line', () => {
    const text = `${V1_CREATE}{ "qosProfile": "Q\\\n  "dur" }`;
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line]!.length; character++) {
        for (const item of requestFileCompletions(text, { line, character }, { flavour: 'v1', profiles: ['QOS_E'] })) {
          const { start, end } = item.replace ?? { start: 0, end: 0 };
          assert.ok(0 <= start && start <= end && end <= lines[line]!.length, `(${line},${character}) ${item.label}: ${start}..${end}`);
        }
      }
    }
  });

  it('asks for the profile list only where a qosProfile value goes (the editor fetches it only then)', () => {
    const asked = (text: string) => {
      const clean = text.replace('|', '');
      const before = text.slice(0, text.indexOf('|')).split('\n');
      let called = 0;
      requestFileCompletions(
        clean,
        { line: before.length - 1, character: before.at(-1)!.length },
        {
          flavour: 'v1',
          onProfileValue: () => called++,
        },
      );
      return called;
    };
    assert.equal(asked(`${V1_CREATE}{ "qosProfile": "|" }`), 1);
    assert.equal(asked(`${V1_CREATE}{ "duration": |`), 0);
    assert.equal(asked(`${V1_CREATE}{ "|" }`), 0);
    assert.equal(asked('POST {{$qod.sessions}}/sessions\nContent-Type: |'), 0);
    assert.equal(asked(`${V1_CREATE}{ "qosProfile": {{|`), 0);
  });
});
