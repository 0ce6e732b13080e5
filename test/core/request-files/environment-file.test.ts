// Variable environments (`http-client.env.json`, the JetBrains / httpYac / Visual Studio convention): `$shared`
// holds everywhere, the chosen environment overrides it, an unknown one says which there are, a credential is
// refused by name (never echoed), and hostile input gives problems, never a throw.
import assert from 'node:assert/strict';
import { environmentVariables, parseEnvironmentFile } from '../../../src/core/request-files/environment-file';

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
    ['not JSON', '{"dev": ', /^http-client\.env\.json is not valid JSON: /],
    ['a list', '[1,2]', /must be an object of environments/],
    ['an environment that is not an object', '{"dev": "x"}', /environment "dev" must be an object of variables/],
    ['a credential by name', '{"dev": {"client_secret": "s3cr3t-value"}}', /dev": client_secret looks like a credential/],
    ['a nested value', '{"dev": {"device": {"phoneNumber": "+34"}}}', /device must be a string, a number or a boolean/],
    ['a name a placeholder cannot hold', '{"dev": {"a b": "1"}}', /"a b" is not a variable name/],
    ['a huge value', JSON.stringify({ dev: { big: 'x'.repeat(20_000) } }), /big is longer than 10000 characters/],
  ];
  for (const [what, text, problem] of cases) {
    it(`${what}: a problem in words, the rest still read, no throw`, () => {
      const file = parseEnvironmentFile(text);
      assert.ok(
        file.problems.some((p) => problem.test(p)),
        file.problems.join('; '),
      );
      assert.ok(!file.problems.join(' ').includes('s3cr3t-value'), 'a refused value is never echoed');
    });
  }

  it('deeply nested, huge and wrongly typed input never throws', () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const text of [deep, 'x'.repeat(2_000_000), '', 'null', '"str"', 42 as unknown as string]) {
      const file = parseEnvironmentFile(text);
      assert.ok(Array.isArray(file.problems));
    }
  });
});
