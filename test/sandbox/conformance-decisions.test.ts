// Issue 17: the codes the sandbox answers where its old answer differed from CAMARA's test definitions or from
// what its specification declares, each decided as the README's conformance notes say. Responses are checked
// against the official schemas when they are present (test/support/conformance.ts says once when they are not).
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { Sandbox } from '../../src/sandbox/server';
import { api, clientCredentials } from '../support/client';
import { withSandbox } from '../support/sandbox';

const SCOPES =
  'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete ' +
  'quality-on-demand:sessions:update qod-sessions-write qod-sessions-read qod-sessions-delete';
const NO_SUCH_SESSION = '00000000-0000-4000-8000-000000000000';
let phones = 0;
const phone = () => `+3467${String(++phones).padStart(6, '0')}1`;
const v1 = (extra: Record<string, unknown> = {}) => ({
  device: { phoneNumber: phone() },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
  ...extra,
});
const v08 = (asId: Record<string, unknown>, ueId: Record<string, unknown> = { msisdn: phone().slice(1) }) => ({
  ueId,
  asId,
  qos: 'QOS_E',
  duration: 600,
});
const credential = {
  credentialType: 'ACCESSTOKEN',
  accessToken: 'sink-token-123456',
  accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
  accessTokenType: 'bearer',
};

/** A request target sent exactly as written (undici and browsers would resolve the dot segments first). */
function rawGet(sb: Sandbox, target: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path: target, method: 'GET', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', reject);
    req.end();
  });
}

describe('Conformance decisions (issue 17)', () => {
  const { sb } = withSandbox();
  let token: string;
  before(async () => {
    token = await clientCredentials(sb, SCOPES);
  });

  it('v1 sinkCredential: {} or a malformed access token is INVALID_ARGUMENT (test 400.4); PLAIN stays INVALID_CREDENTIAL (400.6)', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['{}', {}, 'INVALID_ARGUMENT'],
      ['no accessToken', { ...credential, accessToken: undefined }, 'INVALID_ARGUMENT'],
      ['a credentialType the schema does not have', { ...credential, credentialType: 'PASSWORD' }, 'INVALID_ARGUMENT'],
      ['PLAIN', { credentialType: 'PLAIN', identifier: 'a', secret: 'b' }, 'INVALID_CREDENTIAL'],
      [
        'REFRESHTOKEN',
        { credentialType: 'REFRESHTOKEN', refreshToken: 'r', accessToken: 'a', accessTokenExpiresUtc: '2099-01-01T00:00:00Z' },
        'INVALID_CREDENTIAL',
      ],
      ['accessTokenType mac', { ...credential, accessTokenType: 'mac' }, 'INVALID_TOKEN'],
    ];
    for (const [name, sinkCredential, code] of cases) {
      const reply = await api(sb, 'v1', {
        method: 'POST',
        path: '/sessions',
        token,
        body: v1({ sink: 'https://app.example/n', sinkCredential }),
      });
      assert.equal(reply.status, 400, name);
      assert.equal(reply.body.code, code, `${name}: ${reply.body.message}`);
    }
  });

  it('v1 numbers: requestedAdditionalDuration 0 and duration 0 are INVALID_ARGUMENT (400.1); a port out of range stays OUT_OF_RANGE (400.5)', async () => {
    for (const seconds of [0, -1]) {
      const extend = await api(sb, 'v1', {
        method: 'POST',
        path: `/sessions/${NO_SUCH_SESSION}/extend`,
        token,
        body: { requestedAdditionalDuration: seconds },
      });
      assert.equal(extend.status, 400);
      assert.equal(extend.body.code, 'INVALID_ARGUMENT', `extend by ${seconds}`);
      assert.match(extend.body.message, /requestedAdditionalDuration/);
    }
    const create = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: v1({ duration: 0 }) });
    assert.equal(create.body.code, 'INVALID_ARGUMENT');
    const port = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: v1({ devicePorts: { ports: [70_000] } }) });
    assert.equal(port.body.code, 'OUT_OF_RANGE');
  });

  it('v0.8 GET and DELETE /sessions/{malformed id}: 404 NOT_FOUND, as v0.8 declares no 400 there', async () => {
    for (const method of ['GET', 'DELETE']) {
      for (const id of ['null', 'not-a-uuid']) {
        const reply = await api(sb, 'v0.8', { method, path: `/sessions/${id}`, token });
        assert.equal(reply.status, 404, `${method} ${id}: ${JSON.stringify(reply.body)}`);
        assert.equal(reply.body.code, 'NOT_FOUND');
      }
    }
  });

  it('v0.8 ueId/asId with a mask: 400 INVALID_INPUT (0.8.1 declares format ipv4/ipv6), so no echo breaks its schema', async () => {
    for (const [asId, ueId] of [
      [{ ipv4addr: '0.0.0.0/0' }, undefined],
      [{ ipv6addr: '2001:db8::/64' }, undefined],
      [{ ipv4addr: '198.51.100.10' }, { ipv4addr: '203.0.113.0/24' }],
    ] as const) {
      const reply = await api(sb, 'v0.8', { method: 'POST', path: '/sessions', token, body: v08(asId, ueId) });
      assert.equal(reply.status, 400, JSON.stringify(reply.body));
      assert.equal(reply.body.code, 'INVALID_INPUT');
      assert.match(reply.body.message, /single address .*not a subnet/);
    }
    const single = await api(sb, 'v0.8', { method: 'POST', path: '/sessions', token, body: v08({ ipv4addr: '198.51.100.10' }) });
    assert.equal(single.status, 201);
    assert.deepEqual(single.body.asId, { ipv4addr: '198.51.100.10' });
  });

  it('a raw target with dot segments gets the JSON 404 every other unknown path gets', async () => {
    for (const target of [
      '/quality-on-demand/v1/../../jwks',
      '/quality-on-demand/v1/%2e%2e/%2E%2E/jwks',
      '/qod/v0/./../token',
      '/jwks/.',
    ]) {
      const reply = await rawGet(sb, target);
      assert.equal(reply.status, 404, target);
      assert.match(reply.type, /^application\/json/, target);
      assert.deepEqual({ ...JSON.parse(reply.body), message: undefined }, { status: 404, code: 'NOT_FOUND', message: undefined }, target);
    }
    const jwks = await rawGet(sb, '/jwks');
    assert.equal(jwks.status, 200, 'the normal path still works');
  });
});
