// The Postman import: folders → files, variables → `@name = value` (credentials left out and reported), the
// collection's client auth → a `# @qod sign-in` line, scripts reported, QoD URLs onto `{{$qod.…}}`, and hostile
// input answered with a report, never a throw or a file holding a secret.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_TABLE } from '../../../src/core/operations';
import { importPostman } from '../../../src/core/request-files/import-postman';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { secretsInFile } from '../../../src/core/request-files/secrets';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'postman', 'operator-qod.postman_collection.json');
const ENVIRONMENT = join(__dirname, '..', '..', 'fixtures', 'postman', 'operator-qod.postman_environment.json');
const INFO = { name: 'My QoD', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' };

const request = (name: string, method: string, raw: string, extra: Record<string, unknown> = {}) => ({
  name,
  request: { method, url: { raw }, header: [], ...extra },
});

describe('importPostman', () => {
  it('imports the operator collection: the QoD folder as one file, the OAuth requests replaced by a CIBA sign-in line', () => {
    const { files, report } = importPostman(JSON.parse(readFileSync(FIXTURE, 'utf8')), OPERATION_TABLE);
    assert.deepEqual(
      files.map((f) => f.path),
      ['qod.http'],
    );
    const text = files[0]!.text;
    const file = parseRequestFile(text);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.signIn && { flow: file.signIn.flow, hint: file.signIn.loginHint }, { flow: 'ciba', hint: 'tel:+34666666661' });
    assert.deepEqual(
      file.requests.map((r) => `${r.method} ${r.url}`),
      [
        'POST {{$qod.sessions}}/sessions',
        'GET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}',
        'DELETE {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}',
      ],
    );
    assert.equal(file.requests[0]!.name, 'create');
    assert.ok(file.requests.every((r) => r.headers.some((h) => h.value === 'Bearer {{$qod.accessToken}}')));
    assert.ok(!text.includes('access_token') && !text.includes('client_secret'), text);
    assert.deepEqual(
      file.variables.map((v) => v.name),
      ['base_url', 'client_id', 'phone_number'],
    );
    assert.ok(text.includes('# not imported: a test script'), text);
    assert.ok(report.includes('not imported: "Create a QoD session" test script'), report.join('\n'));
    assert.ok(report.includes('not imported: variable client_secret looks like a credential: the sign-in replaces it'));
    assert.ok(report.some((l) => l.startsWith('sign-in: ') && l.includes('QOD_CLIENT_SECRET')));
    assert.ok(report.includes('not imported: "token" (an OAuth request: the # @qod sign-in line replaces it)'));
    assert.equal(report.filter((l) => l.includes('client_secret')).length, 1, 'a variable is reported once');
  });

  it("a Postman environment becomes http-client.env.json: the collection's values it also sets go to $shared, credentials left out", () => {
    const environment = JSON.parse(readFileSync(ENVIRONMENT, 'utf8'));
    const { files, report } = importPostman(JSON.parse(readFileSync(FIXTURE, 'utf8')), OPERATION_TABLE, undefined, [environment, {}]);
    assert.deepEqual(
      files.map((f) => f.path),
      ['qod.http', 'http-client.env.json'],
    );
    const envText = files[1]!.text;
    assert.deepEqual(JSON.parse(envText), {
      $shared: { client_id: '', phone_number: '+34666666661' },
      'Operator sandbox': { phone_number: '+34666666662', client_id: 'my-app' },
    });
    assert.ok(!envText.includes('postman-env-secret-123') && !envText.includes('eyJhbGci'), envText);
    // A request file's @phone_number would hide the environment's: the collection's value is $shared's instead.
    const file = parseRequestFile(files[0]!.text);
    assert.deepEqual(
      file.variables.map((v) => v.name),
      ['base_url'],
    );
    assert.ok(
      report.includes(
        "variable phone_number: the collection's value went to $shared in http-client.env.json, under the environments' (as in Postman)",
      ),
      report.join('\n'),
    );
    assert.ok(report.some((l) => /environment "Operator sandbox" variable client_secret looks like a credential/.test(l)));
    assert.ok(report.some((l) => /environment "Operator sandbox" variable access_token looks like a credential/.test(l)));
    assert.ok(report.includes('not imported: an environment that is not a Postman environment (expected "name" and a "values" list)'));
    assert.ok(!report.join('\n').includes('postman-env-secret-123'));
  });

  it("Postman's precedence: an environment without a collection variable (or none chosen) keeps the collection's value", () => {
    const collection = { info: INFO, item: [request('p', 'GET', '{{server}}/x')], variable: [{ key: 'server', value: 'https://c' }] };
    const environments = [
      { name: 'A', values: [{ key: 'server', value: 'https://a' }] },
      { name: 'B', values: [{ key: 'other', value: '1' }] },
    ];
    const env = JSON.parse(importPostman(collection, OPERATION_TABLE, undefined, environments).files[1]!.text);
    assert.deepEqual(env, { $shared: { server: 'https://c' }, A: { server: 'https://a' }, B: { other: '1' } });
  });

  it('a literal credential value (PEM, Basic, JWT) is never written, reported by name only', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzM2NyM3QifQ.c2lnbmF0dXJl';
    const environments = [
      {
        name: 'E',
        values: [
          { key: 'cert', value: '-----BEGIN PRIVATE KEY----- s3cr3t' },
          { key: 'auth', value: 'Basic dXNlcjpzM2NyM3Q=' },
          { key: 'jot', value: jwt },
          { key: 'host', value: 'h' },
        ],
      },
    ];
    const collection = { info: INFO, item: [request('p', 'GET', '{{host}}/x')], variable: [{ key: 'tok', value: jwt }] };
    const { files, report } = importPostman(collection, OPERATION_TABLE, undefined, environments);
    const written = files.map((f) => f.text).join('\n');
    assert.deepEqual(JSON.parse(files[1]!.text), { E: { host: 'h' } });
    assert.ok(!written.includes('s3cr3t') && !written.includes('dXNlcj') && !written.includes('eyJ'), written);
    const said = report.join('\n');
    for (const name of [
      'variable cert holds a PEM',
      'variable auth holds a literal',
      'variable jot holds a token',
      'variable tok holds a token',
    ])
      assert.ok(said.includes(name), said);
    assert.ok(!said.includes('s3cr3t') && !said.includes('dXNlcj') && !said.includes('eyJ'), said);
  });

  it('environments: __proto__ is one, booleans stay text, those past 20 are reported', () => {
    const environments = [
      { name: '__proto__', values: [{ key: 'on', value: true }] },
      ...Array.from({ length: 21 }, (_, i) => ({ name: `e${i}`, values: [] })),
    ];
    const collection = { info: INFO, item: [request('p', 'GET', 'https://h/x')] };
    const { files, report } = importPostman(collection, OPERATION_TABLE, undefined, environments);
    const env = JSON.parse(files[1]!.text);
    assert.deepEqual(Object.getOwnPropertyDescriptor(env, '__proto__')?.value, { on: 'true' });
    assert.ok(report.includes('not imported: 2 environment(s) beyond the first 20'), report.join('\n'));
  });

  it("the shape of Telefónica's published collection: :id path variables, a v0.8 folder, delete listed before get", () => {
    const form = (pairs: Record<string, string>) => ({
      mode: 'urlencoded',
      urlencoded: Object.entries(pairs).map(([key, value]) => ({ key, value })),
    });
    const v08 = JSON.stringify({ ueId: { msisdn: '{{enduser-identifier}}' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E' });
    const collection = {
      info: INFO,
      item: [
        request('1st Authorization request', 'POST', '{{auth-gateway-url}}/bc-authorize', {
          body: form({ login_hint: '{{identifier-type}}:{{enduser-identifier}}', scope: 'dpv:RequestedServiceProvision#qod' }),
        }),
        {
          name: 'v0.8',
          item: [
            request('QoD session', 'POST', '{{api-gateway-url}}/qod/v0/sessions', { body: { mode: 'raw', raw: v08 } }),
            request('QoD session', 'DELETE', '{{api-gateway-url}}/qod/v0/sessions/:id'),
            request('QoD session', 'GET', '{{api-gateway-url}}/qod/v0/sessions/:id'),
          ],
        },
      ],
    };
    const environment = {
      name: 'Open Gateway Sandbox',
      values: [
        { key: 'identifier-type', value: 'tel', enabled: true },
        { key: 'enduser-identifier', value: '+34666666661', enabled: true },
      ],
    };
    const { files, report } = importPostman(collection, OPERATION_TABLE, undefined, [environment]);
    const v0_8 = parseRequestFile(files.find((f) => f.path === 'v0-8.http')!.text);
    assert.deepEqual(
      v0_8.requests.map((r) => `${r.method} ${r.url}`),
      [
        'POST {{$qod.sessions}}/sessions',
        'GET {{$qod.sessions}}/sessions/{{create.response.body.id}}',
        'DELETE {{$qod.sessions}}/sessions/{{create.response.body.id}}',
      ],
      "v0.8's answer names the session `id` (its body says v0.8); the delete runs after the read",
    );
    assert.ok(
      report.includes('"v0.8": the delete request(s) run last, after the requests that read the created session'),
      report.join('\n'),
    );
    // The login hint names the environment's values: the sign-in line has the device.
    assert.equal(v0_8.signIn?.loginHint, 'tel:+34666666661');
  });

  it('names a file per folder (top-level requests in <collection>.http), slugged, unique and safe', () => {
    const { files } = importPostman(
      {
        info: INFO,
        item: [
          request('Profiles', 'POST', '{{host}}/qos-profiles/v1/retrieve-qos-profiles'),
          { name: '../../etc/passwd', item: [request('a', 'GET', '{{host}}/x')] },
          { name: 'Sessions', item: [request('b', 'GET', '{{host}}/y')] },
          { name: 'sessions', item: [request('c', 'GET', '{{host}}/z')] },
          { name: 'x'.repeat(500), item: [request('d', 'GET', '{{host}}/w')] },
        ],
      },
      OPERATION_TABLE,
    );
    const paths = files.map((f) => f.path);
    assert.deepEqual(paths.slice(0, 4), ['my-qod.http', 'etc-passwd.http', 'sessions.http', 'sessions-2.http']);
    assert.ok(paths.every((p) => !p.includes('/') && !p.includes('..') && p.length <= 70));
    assert.match(files[0]!.text, /^POST \{\{\$qod\.profiles\}\}\/retrieve-qos-profiles$/m);
  });

  it('keeps a request that names no QoD operation, and reports that qod run will refuse it', () => {
    const { files, report } = importPostman(
      { info: INFO, item: [request('Weather', 'GET', 'https://api.example.com/weather')] },
      OPERATION_TABLE,
    );
    assert.match(files[0]!.text, /^GET https:\/\/api\.example\.com\/weather$/m);
    assert.ok(report.some((l) => l.startsWith('not a QoD operation: "Weather"') && l.endsWith('qod run will refuse it')));
  });

  it('maps bearer or JWT client auth to a client-credentials sign-in and never copies a credential', () => {
    const { files, report } = importPostman(
      {
        info: INFO,
        auth: { type: 'bearer', bearer: [{ key: 'token', value: 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' }] },
        variable: [
          { key: 'api_key', value: 'abcdef123456' },
          { key: 'token', value: 'eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' },
        ],
        item: [
          request('Create', 'POST', '{{host}}/quality-on-demand/v1/sessions', {
            header: [
              { key: 'X-Api-Key', value: 'abcdef123456' },
              { key: 'Authorization', value: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl' },
            ],
            body: { mode: 'raw', raw: '{"qosProfile":"QOS_E","client_secret":"hunter2hunter2"}' },
          }),
        ],
      },
      OPERATION_TABLE,
    );
    const text = files[0]!.text;
    assert.match(text, /^# @qod sign-in client_credentials$/m);
    assert.deepEqual(secretsInFile(text), []);
    assert.ok(!/eyJ|abcdef123456|hunter2/.test(text), text);
    assert.ok(
      report.some((l) => l.includes('left out: ') && l.startsWith('my-qod.http:')),
      report.join('\n'),
    );
    assert.ok(report.some((l) => l.includes('api_key')));
  });

  it('never throws on hostile input: wrong types, deep nesting, 10,000 items (bounded, the rest reported)', () => {
    for (const input of [null, 42, 'x', [], {}, { info: 1, item: 2 }, { info: {}, item: [null, 1, 'a', { request: 7 }, { item: 'x' }] }]) {
      const result = importPostman(input, OPERATION_TABLE);
      assert.ok(Array.isArray(result.files) && result.report.length > 0);
    }
    let deep: unknown = request('leaf', 'GET', '{{h}}/quality-on-demand/v1/sessions/1');
    for (let i = 0; i < 5000; i++) deep = { name: `f${i}`, item: [deep] };
    const nested = importPostman({ info: INFO, item: [deep] }, OPERATION_TABLE);
    assert.ok(nested.report.some((l) => l.includes('nested deeper than')));
    const many = importPostman(
      { info: INFO, item: Array.from({ length: 10_000 }, (_, i) => request(`r${i}`, 'GET', `{{h}}/quality-on-demand/v1/sessions/${i}`)) },
      OPERATION_TABLE,
    );
    assert.equal(parseRequestFile(many.files[0]!.text).requests.length, 1000);
    assert.ok(many.report.includes('not imported: 9000 request(s) beyond the first 1000'));
    const odd = importPostman(
      {
        info: INFO,
        item: [
          request('Evil\n### GET x', 'GET\nX', '{{h}}/a\nAuthorization: Bearer abc'),
          request('B', 'POST', '{{h}}/b', { body: { mode: 'raw', raw: 'x\n### GET /evil' } }),
        ],
      },
      OPERATION_TABLE,
    );
    const file = parseRequestFile(odd.files[0]!.text);
    assert.deepEqual(
      file.requests.map((r) => r.url),
      ['{{h}}/b'],
    );
    assert.ok(odd.report.some((l) => l.includes('no valid method')));
  });
});
