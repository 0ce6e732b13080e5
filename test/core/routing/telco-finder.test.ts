// The routing step's client against a Telco Finder that misbehaves on purpose (loopback only): every bad answer is
// a clear RoutingError naming what was wrong, never a crash, a hang or a URL the next request would follow blindly.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { HttpTransport } from '../../../src/core/http/transport';
import { findOperator, listOperators, RoutingError } from '../../../src/core/routing/telco-finder';
import { describeTarget, hintOfDevice, routeTarget } from '../../../src/core/routing/route-target';

const GOOD = {
  operatorId: 'azul',
  operatorName: 'Azul Mobile',
  apiRoot: 'http://127.0.0.1:9/',
  authProviderConfiguration: { issuer: 'http://127.0.0.1:9', openIdConfiguration: 'http://127.0.0.1:9/.well-known/openid-configuration' },
};

/** The answer for each word in the finder's URL (`http://127.0.0.1:P/<word>`). */
const ANSWERS: Record<string, (res: import('node:http').ServerResponse) => void> = {
  good: (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(GOOD)),
  unknown: (res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"code":"NOT_FOUND","message":"no"}'),
  html: (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Login</p>'),
  truncated: (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"operatorId":"azul","apiRo'),
  'wrong-schema': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"operatorId":42}'),
  'plain-http-elsewhere': (res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...GOOD, apiRoot: 'http://203.0.113.9/' })),
  'hostile-id': (res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...GOOD, operatorId: '../../etc\n' })),
  error: (res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":503,"code":"UNAVAILABLE","message":"down"}'),
  reset: (res) => res.socket?.destroy(),
  hang: () => undefined,
  list: (res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ operators: [GOOD, { ...GOOD, operatorId: 'verde' }] })),
};

describe('routing: the Telco Finder client', () => {
  let server: Server;
  let base: string;
  const bodies: unknown[] = [];
  const transport = new HttpTransport({ timeouts: { totalMs: 1500 } });

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (chunks.length) bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        const word = (req.url ?? '').split('/')[1] ?? '';
        (ANSWERS[word] ?? ANSWERS.unknown!)(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    await transport.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('asks with exactly one identifier and reads the route', async () => {
    const route = await findOperator(transport, `${base}/good`, { phoneNumber: '+34666666661' });
    assert.deepEqual(route, {
      operatorId: 'azul',
      operatorName: 'Azul Mobile',
      apiRoot: 'http://127.0.0.1:9',
      issuer: 'http://127.0.0.1:9',
    });
    assert.deepEqual(bodies.at(-1), { target: { phoneNumber: '+34666666661' } });
  });

  it('says no operator serves the device on a 404', async () => {
    await assert.rejects(findOperator(transport, `${base}/unknown`, { ipv4Address: '192.0.2.1' }), (e: unknown) => {
      assert.ok(e instanceof RoutingError);
      assert.equal(e.kind, 'unknown');
      assert.match(e.message, /no operator serves 192\.0\.2\.1/);
      return true;
    });
  });

  const broken: Array<[string, RegExp]> = [
    ['html', /answered 200 with HTML, not the JSON of a route/],
    ['truncated', /text that is not JSON/],
    ['wrong-schema', /not a route \(operatorId: /],
    ['plain-http-elsewhere', /apiRoot: must use https:\/\//],
    ['hostile-id', /operatorId: must be 1–64 letters/],
    ['error', /answered 503: /],
    ['reset', /./],
    ['hang', /./],
  ];
  for (const [word, message] of broken) {
    it(`refuses a finder that answers ${word}, with a clear error`, async () => {
      await assert.rejects(findOperator(transport, `${base}/${word}`, { phoneNumber: '+34666666661' }), (e: unknown) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, message);
        assert.doesNotMatch(e.message, /undefined|at .*\.ts:\d+/);
        return true;
      });
    });
  }

  it('lists every operator', async () => {
    const operators = await listOperators(transport, `${base}/list`);
    assert.deepEqual(
      operators.map((o) => o.operatorId),
      ['azul', 'verde'],
    );
  });
});

describe('routing: what a route hint names', () => {
  const cases: Array<[string, unknown]> = [
    ['+34666666661', { phoneNumber: '+34666666661' }],
    ['tel:+44666666661', { phoneNumber: '+44666666661' }],
    ['203.0.113.5', { ipv4Address: '203.0.113.5' }],
    ['ipport:203.0.113.200:8080', { ipv4Address: '203.0.113.200' }],
    ['2001:db8:a::1', { ipv6Address: '2001:db8:a::1' }],
    ['ipport:[2001:db8:b::1]:80', { ipv6Address: '2001:db8:b::1' }],
  ];
  for (const [hint, target] of cases) {
    it(`reads ${hint}`, () => assert.deepEqual(routeTarget(hint), { target }));
  }
  for (const hint of ['666666661', 'tel:34666', 'operatortoken:abc', '', 'x'.repeat(10_000), '203.0.113.300']) {
    it(`refuses ${JSON.stringify(hint.slice(0, 20))} naming the rule`, () => {
      const found = routeTarget(hint);
      assert.ok('problem' in found);
      assert.match(found.problem, /^route: .* write a phone number/);
      assert.ok(found.problem.length < 300);
    });
  }
  it("reads a create body's device", () => {
    assert.equal(hintOfDevice({ ipv4Address: { publicAddress: '203.0.113.5', publicPort: 80 } }), '203.0.113.5');
    assert.equal(hintOfDevice({ phoneNumber: '+34666666661' }), '+34666666661');
    assert.equal(hintOfDevice({ networkAccessIdentifier: 'a@b' }), undefined);
    assert.equal(hintOfDevice('x'), undefined);
    assert.equal(describeTarget({ ipv6Address: '2001:db8::1' }), '2001:db8::1');
  });
});
