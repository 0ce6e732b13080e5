// Variable environments (`http-client.env.json`, the JetBrains / httpYac / Visual Studio convention): `$shared`
// holds everywhere, the chosen environment overrides it, an unknown one says which there are, a credential is
// refused by name (never echoed), and hostile input gives problems, never a throw.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import {
  environmentFileFindings,
  environmentVariables,
  findEnvironmentFile,
  parseEnvironmentFile,
  problemsFor,
} from '../../../src/core/request-files/environment-file';

const values = (text: string, name?: string) =>
  Object.fromEntries(environmentVariables(parseEnvironmentFile(text), name).map((v) => [v.name, v.value]));

describe('environment files (http-client.env.json)', () => {
  it('$shared holds in every environment; the chosen one overrides it; numbers and booleans become text', () => {
    const text = JSON.stringify({ $shared: { device: '+34600000001', duration: 60 }, staging: { duration: 120, notify: true } });
    assert.deepEqual(values(text), { device: '+34600000001', duration: '60' });
    assert.deepEqual(values(text, 'staging'), { device: '+34600000001', duration: '120', notify: 'true' });
  });

  it('an unknown environment is an error naming the ones the file has', () => {
    const text = JSON.stringify({ $shared: {}, dev: {}, prod: {} });
    assert.throws(() => values(text, 'qa'), { message: 'No environment "qa" in http-client.env.json: it has "dev", "prod"' });
    assert.throws(() => values('{}', '$shared'), { message: 'No environment "$shared" in http-client.env.json: it has none' });
  });

  const cases: Array<[string, string, RegExp]> = [
    ['not JSON', '{"dev": ', /^http-client\.env\.json is not valid JSON at line 1, column 9$/],
    ['a list', '[1,2]', /must be an object of environments/],
    ['an environment that is not an object', '{"dev": "x"}', /environment "dev" must be an object of variables/],
    ['a credential by name', '{"dev": {"client_secret": "s3cr3t-value"}}', /dev": client_secret looks like a credential/],
    ['a name a placeholder cannot hold', '{"dev": {"a b": "1"}}', /"a b" is not a variable name/],
    ['a huge value', JSON.stringify({ dev: { big: 'x'.repeat(20_000) } }), /big is longer than 10000 characters/],
  ];
  for (const [what, text, problem] of cases) {
    it(`${what}: a problem in words, the rest still read, no throw`, () => {
      const problems = problemsFor(parseEnvironmentFile(text), 'dev');
      assert.ok(
        problems.some((p) => problem.test(p)),
        problems.join('; '),
      );
      assert.ok(!problems.join(' ').includes('s3cr3t-value'), 'a refused value is never echoed');
    });
  }

  it('a literal credential by its value (PEM, Basic/Bearer, a JWT) is refused, never echoed; placeholders are fine', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzM2NyM3QifQ.c2lnbmF0dXJl';
    const file = parseEnvironmentFile(
      JSON.stringify({
        $shared: { cert: '-----BEGIN PRIVATE KEY----- s3cr3t', auth: 'Basic dXNlcjpzM2NyM3Q=' },
        dev: { hdr: `Bearer ${jwt}`, raw: jwt, ok: 'Bearer {{$qod.accessToken}}', plan: 'Basic' },
      }),
    );
    const said = file.problems.join('\n');
    for (const name of ['cert holds a PEM private key block', 'auth holds a literal Authorization', 'hdr holds', 'raw holds a token (JWT)'])
      assert.ok(said.includes(name), said);
    assert.equal(file.problems.length, 4, said);
    assert.ok(!said.includes('s3cr3t') && !said.includes('dXNlcj') && !said.includes('eyJ'), said);
    assert.deepEqual(problemsFor(file, undefined), file.problems, 'a credential stops every run');
  });

  it("malformed JSON holding a token: the position only, never V8's text (which quotes the input)", () => {
    const file = parseEnvironmentFile('{"dev": {\n  "tok": eyJhbGciOiJIUzI1NiJ9}}');
    assert.deepEqual(file.problems, ['http-client.env.json is not valid JSON at line 2, column 10']);
  });

  it("another tool's object values (JetBrains' Security block) are skipped with a note; only $shared and the chosen environment stop a run", () => {
    const text = JSON.stringify({
      $shared: { host: 'h' },
      dev: { device: '+34600000001', Security: { Auth: { bearer: { Type: 'OAuth2' } } } },
      broken: { 'a b': '1' },
    });
    const file = parseEnvironmentFile(text);
    assert.deepEqual(file.notes, ['environment "dev": Security is skipped (an object or list: another tool\'s setting, not a variable)']);
    assert.deepEqual(problemsFor(file, undefined), []);
    assert.deepEqual(problemsFor(file, 'dev'), []);
    assert.deepEqual(values(text, 'dev'), { host: 'h', device: '+34600000001' });
    assert.match(problemsFor(file, 'broken').join(), /"a b" is not a variable name/);
    assert.match(problemsFor(parseEnvironmentFile('{"$shared": {"a b": 1}}'), undefined).join(), /"a b" is not a variable name/);
  });

  it('what passes the bounds is reported; an environment named __proto__ is an environment', () => {
    const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`v${i}`, i]));
    const file = parseEnvironmentFile(`{"__proto__": {"x": "1"}, "dev": ${JSON.stringify(many)}}`);
    assert.deepEqual(file.notes, ['environment "dev": only the first 500 of 501 variables were read']);
    assert.deepEqual(values(`{"__proto__": {"x": "1"}}`, '__proto__'), { x: '1' });
  });

  it('a variable shaped like a named answer (create.response.body.id) is refused: it would hide the answer', () => {
    const file = parseEnvironmentFile('{"$shared": {"create.response.body.sessionId": "x", "a.b": "1"}}');
    assert.deepEqual(problemsFor(file, undefined), [
      'environment "$shared": create.response.body.sessionId is shaped like a named answer (name.response.…): rename it',
    ]);
  });

  it('findings for the editor: each problem and note at the line of the name it is about, never the value', () => {
    const text =
      '{\n  "$shared": {\n    "host": "h",\n    "cert": "-----BEGIN PRIVATE KEY----- s3cr3t"\n  },\n  "dev": { "S": {} },\n  "bad": 1\n}';
    assert.deepEqual(
      environmentFileFindings(text).map((f) => [f.line, f.severity, f.message.replace(/:.*/, '')]),
      [
        [4, 'error', 'environment "$shared"'],
        [7, 'error', 'environment "bad" must be an object of variables'],
        [6, 'info', 'environment "dev"'],
      ],
    );
    assert.ok(!JSON.stringify(environmentFileFindings(text)).includes('s3cr3t'));
    assert.deepEqual(environmentFileFindings('{\n  "dev": {"tok": eyJhbGciOiJIUzI1NiJ9}}')[0]?.line, 2);
  });

  describe('findEnvironmentFile (the one search, for the CLI and VS Code)', () => {
    const files = new Map([
      ['/w/http-client.env.json', '{"dev": {"at": "w"}}'],
      ['/http-client.env.json', '{"dev": {"at": "root"}}'],
      ['/tmp/http-client.env.json', '{"dev": {"at": "tmp"}}'],
    ]);
    const reads: string[] = [];
    const read = async (path: string) => (reads.push(path), files.get(path));
    const find = (start: string, top: string | undefined, name?: string) => findEnvironmentFile(start, top, name, read, posix);

    it('walks up from the file to the top folder, no further', async () => {
      reads.length = 0;
      const found = await find('/w/a/b', '/w', 'dev');
      assert.deepEqual(found.variables, [{ name: 'at', value: 'w', line: 0 }]);
      assert.deepEqual(reads, ['/w/a/b/http-client.env.json', '/w/a/http-client.env.json', '/w/http-client.env.json']);
      reads.length = 0;
      const none = await find('/w2/a', '/w2', 'dev');
      assert.deepEqual(reads, ['/w2/a/http-client.env.json', '/w2/http-client.env.json']);
      assert.match(
        none.problems.join(),
        /the environment "dev" was asked for, but there is no http-client\.env\.json beside the file or above it/,
      );
    });

    it('a file outside the top folder (or with none) looks in its own folder only', async () => {
      for (const top of ['/w', undefined]) {
        reads.length = 0;
        const found = await find('/tmp/x', top);
        assert.deepEqual(reads, ['/tmp/x/http-client.env.json']);
        assert.deepEqual(found, { variables: [], problems: [], notes: [] });
      }
    });

    it('problems name the file; notes are passed on', async () => {
      files.set('/v/http-client.env.json', '{"dev": {"S": {}}, "bad": {"a b": 1}}');
      assert.deepEqual(await find('/v', '/v', 'dev'), {
        path: '/v/http-client.env.json',
        variables: [],
        problems: [],
        notes: ['/v/http-client.env.json: environment "dev": S is skipped (an object or list: another tool\'s setting, not a variable)'],
      });
      assert.match((await find('/v', '/v', 'bad')).problems.join(), /^\/v\/http-client\.env\.json: environment "bad": "a b"/);
    });
  });

  it('deeply nested, huge and wrongly typed input never throws', () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const text of [deep, 'x'.repeat(2_000_000), '', 'null', '"str"', 42 as unknown as string]) {
      const file = parseEnvironmentFile(text);
      assert.ok(Array.isArray(file.problems));
    }
  });
});
