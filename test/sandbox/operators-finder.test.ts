// The sandbox's Telco Finder over real HTTP on loopback, as the core's routing client and a curl user reach it: a phone
// number, an IPv4 or an IPv6 address → the operator serving it (its API root and issuer); nobody's → 404; anything
// malformed, too large, too deep or of the wrong type → 400 naming the field; wrong method 405, other paths 404.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { HttpTransport } from '../../src/core/http/transport';
import { findOperator, listOperators, RoutingError } from '../../src/core/routing/telco-finder';
import { startOperatorNetwork, type OperatorNetwork } from '../../src/sandbox/operators/network';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

describe('operators: the Telco Finder (routing step)', () => {
  let net: OperatorNetwork;
  before(async () => {
    net = await startOperatorNetwork({ rateLimit: false });
  });
  after(async () => {
    await net?.close();
  });

  const call = async (method: string, path: string, raw?: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await request(`${net.finderUrl}${path}`, {
      method: method as 'POST',
      headers: raw === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: raw,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const search = (target: unknown) => call('POST', '/telco-finder/v1/search', JSON.stringify({ target }));
  const operator = (id: string) => net.operators.find((o) => o.id === id)!;
  const expected = (id: string) => {
    const { sandbox, name } = operator(id);
    return {
      operatorId: id,
      operatorName: name,
      apiRoot: sandbox.url,
      authProviderConfiguration: { issuer: sandbox.url, openIdConfiguration: `${sandbox.url}/.well-known/openid-configuration` },
    };
  };

  it('runs each operator as its own sandbox: its own port and issuer', () => {
    assert.deepEqual(
      net.operators.map((o) => [o.id, o.name]),
      [
        ['azul', 'Azul Mobile'],
        ['verde', 'Verde Telecom'],
      ],
    );
    const [azul, verde] = net.operators;
    assert.notEqual(azul!.sandbox.url, verde!.sandbox.url);
    assert.notEqual(net.finderUrl, azul!.sandbox.url);
  });

  it('routes by phone number: +34… to Azul, +44… to Verde, with API root and issuer', async () => {
    const spain = await search({ phoneNumber: '+34666666661' });
    assert.equal(spain.status, 200, JSON.stringify(spain.body));
    assert.deepEqual(spain.body, expected('azul'));
    const uk = await search({ phoneNumber: '+44666666661' });
    assert.deepEqual([uk.status, uk.body], [200, expected('verde')]);
    const discovery = await request(uk.body.authProviderConfiguration.openIdConfiguration);
    assert.equal(
      ((await discovery.body.json()) as { issuer: string }).issuer,
      operator('verde').sandbox.url,
      'the issuer it names is real',
    );
  });

  it('routes by IPv4 (203.0.113.0/25 Azul, 203.0.113.128/25 Verde) and by IPv6 (2001:db8:a::/48, 2001:db8:b::/48)', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ipv4Address: '203.0.113.5' }, 'azul'],
      [{ ipv4Address: '203.0.113.127' }, 'azul'],
      [{ ipv4Address: '203.0.113.128' }, 'verde'],
      [{ ipv4Address: '203.0.113.200' }, 'verde'],
      [{ ipv6Address: '2001:db8:a::1' }, 'azul'],
      [{ ipv6Address: '2001:db8:a:ffff::42' }, 'azul'],
      [{ ipv6Address: '2001:db8:b::1' }, 'verde'],
    ];
    for (const [target, id] of cases) {
      const found = await search(target);
      assert.deepEqual([found.status, found.body.operatorId], [200, id], JSON.stringify(target));
    }
  });

  it('answers 404 NOT_FOUND for a device nobody serves (+1…, 192.0.2.1, 2001:db8:c::1)', async () => {
    for (const target of [{ phoneNumber: '+15555550101' }, { ipv4Address: '192.0.2.1' }, { ipv6Address: '2001:db8:c::1' }]) {
      const none = await search(target);
      assert.equal(none.status, 404, JSON.stringify(target));
      assert.deepEqual(Object.keys(none.body).sort(), ['code', 'message', 'status']);
      assert.deepEqual([none.body.status, none.body.code], [404, 'NOT_FOUND']);
    }
  });

  it('lists every operator as a search answers it', async () => {
    const list = await call('GET', '/telco-finder/v1/operators');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, { operators: [expected('azul'), expected('verde')] });
  });

  it("speaks the core's routing client's contract: findOperator and listOperators read its answers", async () => {
    const transport = new HttpTransport({ timeouts: { totalMs: 5000 } });
    const verde = operator('verde').sandbox.url;
    assert.deepEqual(await findOperator(transport, net.finderUrl, { ipv6Address: '2001:db8:b::7' }), {
      operatorId: 'verde',
      operatorName: 'Verde Telecom',
      apiRoot: verde,
      issuer: verde,
    });
    assert.deepEqual(
      (await listOperators(transport, net.finderUrl)).map((o) => o.operatorId),
      ['azul', 'verde'],
    );
    await assert.rejects(
      findOperator(transport, net.finderUrl, { phoneNumber: '+15555550101' }),
      (e: RoutingError) => e.kind === 'unknown',
    );
  });

  it('refuses malformed, wrongly typed, huge and deep bodies with 400 INVALID_ARGUMENT naming the field', async () => {
    const cases: Array<[string | undefined, RegExp]> = [
      ['{"target":', /^body: must be JSON/],
      ['', /^body: must be JSON/],
      ['[]', /^body: must be a JSON object/],
      ['"+34666666661"', /^body: must be a JSON object/],
      ['{}', /^target: must be an object with exactly one of phoneNumber, ipv4Address or ipv6Address/],
      ['{"target":"+34666666661"}', /^target: must be an object/],
      ['{"target":{}}', /^target: must be an object with exactly one .*\(got 0 fields\)/],
      ['{"target":{"phoneNumber":"+34666666661","ipv4Address":"203.0.113.5"}}', /^target: .*\(got 2 fields\)/],
      ['{"target":{"phoneNumber":34666666661}}', /^target\.phoneNumber: must be an E\.164 number/],
      ['{"target":{"phoneNumber":"0034666666661"}}', /^target\.phoneNumber: must be an E\.164 number/],
      ['{"target":{"ipv4Address":{"publicAddress":"203.0.113.5"}}}', /^target\.ipv4Address: must be an IPv4 address/],
      ['{"target":{"ipv4Address":"203.0.113.256"}}', /^target\.ipv4Address: must be an IPv4 address/],
      ['{"target":{"ipv6Address":"2001:db8:a::g"}}', /^target\.ipv6Address: must be an IPv6 address/],
      [`{"target":{"ipv6Address":"${'a'.repeat(5000)}"}}`, /^target\.ipv6Address: must be an IPv6 address/],
      ['{"target":{"msisdn":"+34666666661"}}', /^target\.msisdn: is not allowed/],
      ['{"target":{"phoneNumber":"+34666666661"},"extra":1}', /^extra: is not allowed/],
      [`{"target":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, /^target: must be an object/],
      [`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, /^a: is not allowed/],
      [JSON.stringify({ target: { phoneNumber: 'x'.repeat(100_000) } }), /^body: request body is larger than 64 KiB/],
    ];
    for (const [raw, message] of cases) {
      const bad = await call('POST', '/telco-finder/v1/search', raw ?? '');
      assert.equal(bad.status, 400, `${raw?.slice(0, 80)}: ${JSON.stringify(bad.body)}`);
      assert.deepEqual([bad.body.status, bad.body.code], [400, 'INVALID_ARGUMENT']);
      assert.match(bad.body.message, message, raw?.slice(0, 80));
      assert.ok(bad.body.message.length < 200, 'the error never echoes the input at length');
    }
  });

  it('answers 405 to the wrong method (with Allow) and 404 to any other path; the finder keeps serving', async () => {
    const get = await call('GET', '/telco-finder/v1/search');
    assert.deepEqual([get.status, get.body.code, get.headers.allow], [405, 'METHOD_NOT_ALLOWED', 'POST']);
    const post = await call('POST', '/telco-finder/v1/operators', '{}');
    assert.deepEqual([post.status, post.headers.allow], [405, 'GET']);
    for (const path of [
      '/',
      '/telco-finder/v1',
      '/telco-finder/v2/search',
      '/telco-finder/v1/search/extra',
      '/.well-known/openid-configuration',
    ]) {
      const other = await call('GET', path);
      assert.deepEqual([other.status, other.body.code], [404, 'NOT_FOUND'], path);
    }
    const withQuery = await call('POST', '/telco-finder/v1/search?x=1', JSON.stringify({ target: { phoneNumber: '+44666666661' } }));
    assert.equal(withQuery.body.operatorId, 'verde', 'a query string does not change the path');
    assert.equal((await search({ phoneNumber: '+34666666661' })).status, 200);
  });
});
