// The rules for a `qod.environments` entry: every entry is either an environment or ignored with a reason that
// names the field and the rule. Nothing disappears silently.
import assert from 'node:assert/strict';
import { FLAVOURS } from '../../src/core/camara/flavour';
import { checkEnvironmentEntry, defaultScope, entryScope, readEnvironments, urlProblem } from '../../src/core/environments';

const RESERVED = ['sandbox', 'sandbox-v0.10', 'sandbox-v0.8'];
const GOOD = {
  id: 'acme',
  clientId: 'app',
  preset: 'custom',
  issuer: 'https://id.acme.example',
  apiBase: 'https://api.acme.example',
  flavour: 'v1',
};

describe('qod.environments entries: one set of rules', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', 'acme', /must be an object/],
    ['an array', [GOOD], /must be an object/],
    ['null', null, /must be an object/],
    ['no id', { ...GOOD, id: undefined }, /^id: missing/],
    ['an empty id', { ...GOOD, id: '  ' }, /^id: missing/],
    ['a built-in id', { ...GOOD, id: 'sandbox' }, /^id: "sandbox" is a built-in/],
    ['no clientId', { ...GOOD, clientId: undefined }, /^clientId: missing/],
    ['a numeric clientId', { ...GOOD, clientId: 42 }, /^clientId: missing/],
    ['no apiBase', { ...GOOD, apiBase: undefined }, /^apiBase: missing/],
    ['an apiBase that is not a URL', { ...GOOD, apiBase: 'api.acme.example' }, /^apiBase: "api\.acme\.example" is not a URL/],
    ['a plain-http apiBase off loopback', { ...GOOD, apiBase: 'http://api.acme.example' }, /^apiBase: must use https:\/\//],
    ['an unknown flavour', { ...GOOD, flavour: 'v2' }, /^flavour: must be one of v0\.8, v0\.10, v1, v1\.2 \(got "v2"\)/],
    ['an unknown preset', { ...GOOD, preset: 'vodafone' }, /^preset: must be "telefonica" or "custom"/],
    ['an unknown authMethod', { ...GOOD, authMethod: 'mtls' }, /^authMethod: must be one of/],
    [
      'neither issuer nor token endpoint',
      { ...GOOD, issuer: undefined },
      /^issuer: missing \(set the issuer, for discovery, or endpoints\.token/,
    ],
    ['an issuer that is not a URL', { ...GOOD, issuer: 'acme' }, /^issuer: "acme" is not a URL/],
    [
      'a plain-http token endpoint off loopback',
      { ...GOOD, issuer: undefined, endpoints: { token: 'http://id.acme.example/token' } },
      /^endpoints\.token: must use https/,
    ],
    ['endpoints that are not an object', { ...GOOD, endpoints: 'https://id.acme.example/token' }, /^endpoints: must be an object/],
    ['a label that is not a string', { ...GOOD, label: 7 }, /^label: must be a string/],
    ['a path without its leading /', { ...GOOD, paths: { sessions: 'qod/v1' } }, /^paths\.sessions: must be a path starting with \//],
    ['an unknown path', { ...GOOD, paths: { tokens: '/t' } }, /^paths\.tokens: unknown/],
    // A line break URL parsing would drop silently, and the raw text would reach exported scripts and headers.
    [
      'an apiBase with a line break inside',
      { ...GOOD, apiBase: 'https://x/\ntouch /tmp/p #' },
      /^apiBase: must not contain control characters/,
    ],
    ['an issuer with a tab inside', { ...GOOD, issuer: 'https://id.acme\t.example' }, /^issuer: must not contain control characters/],
    [
      'a token endpoint with a carriage return',
      { ...GOOD, endpoints: { token: 'https://id.acme.example/to\rken' } },
      /^endpoints\.token: must not contain control characters/,
    ],
    [
      'an apiBase with a DEL character',
      { ...GOOD, apiBase: 'https://api.acme.example/\u007f' },
      /^apiBase: must not contain control characters/,
    ],
    ['an apiBase with a space inside', { ...GOOD, apiBase: 'https://api.acme.example/a b' }, /^apiBase: must not contain spaces/],
    [
      'an apiBase with a user and password',
      { ...GOOD, apiBase: 'https://me:pw@api.acme.example' },
      /^apiBase: must not carry a user name or password/,
    ],
    [
      'a path with a line break',
      { ...GOOD, paths: { sessions: '/qod/v1\nX-Evil: 1' } },
      /^paths\.sessions: must be a path starting with \//,
    ],
    ['a path with a space', { ...GOOD, paths: { sessions: '/qod v1' } }, /^paths\.sessions: must be a path/],
    ['a path with .. segments', { ...GOOD, paths: { profiles: '/qod/../admin' } }, /^paths\.profiles: must be a path/],
    ['a path that is another host (//)', { ...GOOD, paths: { sessions: '//evil.example/qod' } }, /^paths\.sessions: must be a path/],
    ['a path with a query', { ...GOOD, paths: { sessions: '/qod?x=1' } }, /^paths\.sessions: must be a path/],
    [
      'a Telefónica preset with an unknown flavour',
      { id: 'tef', preset: 'telefonica', clientId: 'app', flavour: '0.10' },
      /^flavour: must be one of/,
    ],
  ];
  for (const [what, entry, reason] of bad) {
    it(`ignores ${what}, saying why`, () => {
      const checked = checkEnvironmentEntry(entry, RESERVED);
      assert.ok('reason' in checked, `accepted: ${JSON.stringify(checked)}`);
      assert.match(checked.reason, reason);
    });
  }

  it('ignores a later entry with an id already taken, and keeps the first', () => {
    const read = readEnvironments([GOOD, { ...GOOD, clientId: 'other' }], RESERVED);
    assert.deepEqual(
      read.environments.map((e) => e.clientId),
      ['app'],
    );
    assert.deepEqual(read.ignored, [{ index: 1, id: 'acme', reason: 'id: "acme" is used by an earlier entry (ids must be unique)' }]);
  });

  it('reads good entries as environments and lists every bad one with its position, id and reason', () => {
    const read = readEnvironments(
      [{ id: 'no-base', clientId: 'app', issuer: 'https://id.example' }, GOOD, { id: 'tef', preset: 'telefonica', clientId: ' app ' }, 3],
      RESERVED,
    );
    assert.deepEqual(
      read.environments.map((e) => [e.id, e.preset, e.flavour, e.clientId]),
      [
        ['acme', 'custom', 'v1', 'app'],
        ['tef', 'telefonica', 'v0.10', 'app'],
      ],
    );
    assert.deepEqual(
      read.ignored.map((i) => [i.index, i.id, i.reason.split(':')[0]]),
      [
        [0, 'no-base', 'apiBase'],
        [3, undefined, 'must be an object with at least "id" and "clientId"'],
      ],
    );
  });

  it('accepts plain http on loopback, endpoints by hand without an issuer, and fills the defaults', () => {
    const checked = checkEnvironmentEntry({
      id: 'local',
      clientId: 'app',
      apiBase: 'http://127.0.0.1:9000',
      endpoints: { token: 'http://localhost:9000/token' },
    });
    assert.ok('environment' in checked);
    assert.deepEqual(checked.environment, {
      id: 'local',
      label: 'local',
      preset: 'custom',
      endpoints: { token: 'http://localhost:9000/token' },
      apiBase: 'http://127.0.0.1:9000/',
      flavour: 'v1',
      clientId: 'app',
      authMethod: 'client_secret_basic',
      scope: defaultScope('v1'),
    });
  });

  it('trims a URL before its rules, and stores what the URL parser makes of it', () => {
    // Blanks around a pasted URL are not the scheme: "must use https" would send the user looking for the wrong thing.
    assert.equal(urlProblem('apiBase', ' https://api.acme.example '), undefined);
    assert.match(urlProblem('apiBase', ' http://api.acme.example') ?? '', /^apiBase: must use https:\/\//);
    const checked = checkEnvironmentEntry({
      ...GOOD,
      apiBase: ' HTTPS://API.Acme.Example:443/base ',
      issuer: '\thttps://ID.acme.example\n',
      endpoints: { token: 'https://id.acme.example/a/./token' },
      paths: { sessions: '/qod/v0', profiles: '/qod/v0' },
    });
    assert.ok('environment' in checked, JSON.stringify(checked));
    const { apiBase, issuer, endpoints, paths } = checked.environment;
    assert.deepEqual(
      { apiBase, issuer, endpoints, paths },
      {
        apiBase: 'https://api.acme.example/base',
        issuer: 'https://id.acme.example/',
        endpoints: { token: 'https://id.acme.example/a/token' },
        paths: { sessions: '/qod/v0', profiles: '/qod/v0' },
      },
    );
  });

  it("an entry without a scope gets its flavour's default, the one Add Environment writes (v1's when no flavour)", () => {
    for (const flavour of FLAVOURS) {
      const checked = checkEnvironmentEntry({ ...GOOD, flavour });
      assert.ok('environment' in checked);
      assert.equal(checked.environment.scope, defaultScope(flavour), flavour);
      assert.equal(entryScope(flavour), defaultScope(flavour), flavour);
    }
    const unset = checkEnvironmentEntry({ ...GOOD, flavour: undefined });
    assert.ok('environment' in unset);
    assert.equal(unset.environment.scope, defaultScope('v1'));
    // A scope given is kept as given.
    const given = checkEnvironmentEntry({ ...GOOD, scope: 'dpv:RequestedServiceProvision#qod' });
    assert.ok('environment' in given);
    assert.equal(given.environment.scope, 'dpv:RequestedServiceProvision#qod');
  });

  it('a setting that is not an array is one ignored entry, not a crash', () => {
    assert.deepEqual(readEnvironments({ id: 'acme' }), {
      environments: [],
      ignored: [{ index: 0, reason: 'qod.environments: must be an array of environments' }],
    });
    assert.deepEqual(readEnvironments(undefined), { environments: [], ignored: [] });
  });
});
