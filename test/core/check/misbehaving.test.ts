// "Check this provider" against a provider that misbehaves (a loopback server answering wrongly on purpose):
// an HTML page, cut-off JSON, a hang, a reset connection or a body of the wrong shape is each scenario's clear
// failure; the run ends, in bounded time, with a result for every scenario.
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Environment } from '../../../src/core/environments';
import { runCheck, type CheckInputs } from '../../../src/core/check/run-check';

type Mode = 'html' | 'truncated' | 'hang' | 'reset' | 'wrong-schema' | 'too-many' | 'echo-sink-token';
const SINK_TOKEN = 'users-own-sink-token-0123456789';
let requests = 0;
const TOKEN = 'handed-over-access-token-0123456789';
let mode: Mode = 'html';
let server: Server;
let base: string;
const hanging = new Set<ServerResponse>();

function answer(res: ServerResponse, path: string): void {
  if (path === '/token') return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
  switch (mode) {
    case 'html':
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
    case 'truncated':
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"sessionId": "3fa85f64-57');
    case 'hang':
      hanging.add(res);
      return;
    case 'reset':
      return void res.socket?.destroy();
    case 'too-many':
      return void res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '5' })
        .end('{"status":429,"code":"TOO_MANY_REQUESTS"}');
    case 'echo-sink-token':
      return void res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(`{"status":400,"code":"INVALID_ARGUMENT","message":"sink said ${SINK_TOKEN}"}`);
    case 'wrong-schema':
      return void res
        .writeHead(path.endsWith('/sessions') ? 201 : 200, { 'content-type': 'application/json' })
        .end('{"name": 42, "status": []}');
  }
}

function inputs(): CheckInputs {
  const environment: Environment = {
    id: 'misbehaving',
    label: 'Misbehaving',
    preset: 'custom',
    apiBase: base,
    flavour: 'v1',
    endpoints: { token: `${base}/token` },
    clientId: 'c',
    authMethod: 'client_secret_basic',
    scope: 'x',
  };
  return {
    environment,
    credentials: async () => ({ clientSecret: 'misbehaving-client-secret' }),
    accessToken: TOKEN,
    devices: { valid: () => ({ phoneNumber: '+34666666661' }) },
    transport: { timeouts: { totalMs: 300 } },
  };
}

describe('qod check against a misbehaving provider', function () {
  this.timeout(60_000);
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests += 1;
        answer(res, new URL(req.url ?? '/', 'http://x').pathname);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const res of hanging) res.destroy();
    hanging.clear();
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const cases: [Mode, RegExp][] = [
    ['html', /an HTML page|not JSON|expected HTTP/],
    ['truncated', /truncated or broken JSON|not JSON|expected HTTP/],
    ['hang', /no usable answer: .*(did not answer|deadline|time)/i],
    ['reset', /no usable answer: .*closed the connection/],
    ['wrong-schema', /expected HTTP|not (profile|profiles) as the definition says/],
  ];
  for (const [which, reason] of cases) {
    it(`${which}: every scenario ends as a clear failure (or a skip that says why), and the run ends`, async () => {
      mode = which;
      const results = await runCheck(inputs(), { release: 'r3.2', api: 'profiles', waitMs: 300 });
      assert.equal(results.length, 31);
      assert.ok(
        results.every((r) => r.verdict !== 'pass'),
        'nothing passes against garbage',
      );
      const failed = results.filter((r) => r.verdict === 'fail');
      assert.ok(failed.length > 10);
      for (const r of failed) assert.match(r.reason ?? '', reason, `${r.id}: ${r.reason}`);
      for (const r of results.filter((x) => x.verdict === 'skipped')) assert.match(r.reason ?? '', /^(needs|could not obtain)/);
      assert.ok(!JSON.stringify(results).includes(TOKEN), 'the token never appears');
    });
  }

  it("a 429's Retry-After is not waited out once the run is cancelled: nothing more is sent", async () => {
    mode = 'too-many';
    const abort = new AbortController();
    const started = performance.now();
    setTimeout(() => abort.abort(), 200);
    requests = 0;
    await runCheck(inputs(), { release: 'r3.2', api: 'profiles', signal: abort.signal }).catch(() => undefined);
    assert.ok(performance.now() - started < 4_000, 'the 5-second Retry-After was not waited out');
    assert.equal(requests, 1, 'no request after the cancel');
  });

  it("the user's own sink token is never shown, even when the provider echoes it in an error message", async () => {
    mode = 'echo-sink-token';
    const withSink: CheckInputs = {
      ...inputs(),
      sink: {
        url: 'https://sink.example.invalid/n',
        credential: {
          credentialType: 'ACCESSTOKEN',
          accessToken: SINK_TOKEN,
          accessTokenExpiresUtc: '2030-01-01T00:00:00Z',
          accessTokenType: 'bearer',
        },
      },
    };
    const results = await runCheck(withSink, {
      release: 'r3.2',
      api: 'qod',
      only: ['quality_on_demand_createSession_02_1_sinkcredential_provided'],
    });
    assert.equal(results.length, 1);
    assert.ok(results[0]?.exchanges.length, 'the exchange is kept');
    assert.ok(!JSON.stringify(results).includes(SINK_TOKEN), 'the sink token never appears');
  });

  it('wrong schema on a create: the SessionInfo problem is named', async () => {
    mode = 'wrong-schema';
    const results = await runCheck(inputs(), {
      release: 'r3.2',
      api: 'qod',
      only: [
        'quality_on_demand_createSession_02_1_sinkcredential_provided',
        'quality_on_demand_createSession_01_generic_success_scenario [$.device]',
      ],
    });
    assert.equal(results.length, 2);
    assert.equal(results[0]?.verdict, 'fail');
    assert.match(results[0]?.reason ?? '', /not session as the definition says/);
    assert.equal(results[1]?.verdict, 'skipped', 'no sink offered: 02_1 says what it needs');
  });
});
