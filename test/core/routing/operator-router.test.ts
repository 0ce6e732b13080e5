// An aggregator's runtime against two real sandboxes and a Telco Finder on loopback: every operation reaches the
// operator serving its device, each operator signs in at its own issuer, and what cannot be routed says why.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { sandboxAggregatorEnvironment } from '../../../src/core/environments';
import type { Exchange } from '../../../src/core/http/exchange';
import { RoutingError } from '../../../src/core/routing/telco-finder';
import { createRuntime } from '../../../src/core/runtime';
import { withSandbox } from '../../support/sandbox';

const body = (phoneNumber: string) => ({
  device: { phoneNumber },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 60,
});

describe('routing: an aggregator runtime over two operators', () => {
  const one = withSandbox();
  const two = withSandbox();
  let finder: Server;
  let finderUrl: string;
  const exchanges: Exchange[] = [];
  let moved = false;

  before(async () => {
    // +34… is the first operator's, +44… the second's; anything else is nobody's.
    finder = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const phone = (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { target?: { phoneNumber?: string } }).target?.phoneNumber;
        const sb = phone?.startsWith('+34') ? one.sb : phone?.startsWith('+44') ? two.sb : undefined;
        if (!sb) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"code":"NOT_FOUND","message":"no"}');
        // `moved`: operator "one" now answers at the second sandbox's address.
        const operatorId = sb === one.sb || moved ? 'one' : 'two';
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ operatorId, apiRoot: sb.url, authProviderConfiguration: { issuer: sb.url } }));
      });
    });
    await new Promise<void>((resolve) => finder.listen(0, '127.0.0.1', resolve));
    finderUrl = `http://127.0.0.1:${(finder.address() as { port: number }).port}`;
  });
  after(async () => {
    finder.closeAllConnections();
    await new Promise<void>((resolve) => finder.close(() => resolve()));
  });

  const runtime = () =>
    createRuntime(sandboxAggregatorEnvironment(finderUrl, 'v1'), {
      secrets: new MemorySecretStore(),
      credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
      log: (e) => exchanges.push(e),
    });

  it('creates at the operator serving each device, reads and deletes there by id, each signed in at its own issuer', async () => {
    const r = runtime();
    try {
      const spain = await r.client.run('createSession', { body: body('+34666666661') });
      const uk = await r.client.run('createSession', { body: body('+44666666661') });
      assert.ok(spain.exchange?.url.startsWith(one.sb.url), spain.exchange?.url);
      assert.ok(uk.exchange?.url.startsWith(two.sb.url), uk.exchange?.url);
      const id = (spain.raw as { sessionId: string }).sessionId;
      const read = await r.client.run('getSession', { id });
      assert.ok(read.exchange?.url.startsWith(one.sb.url));
      const ukId = (uk.raw as { sessionId: string }).sessionId;
      // The other operator does not know it: the session lives where it was routed.
      const atOne = r.router?.routed.find((x) => x.route.operatorId === 'one');
      await assert.rejects(
        atOne!.runtime.client.run('getSession', { id: ukId }),
        (e: unknown) => (e as { status?: number }).status === 404,
      );
      await r.client.run('deleteSession', { id: ukId });
      const tokenCalls = exchanges.filter((e) => e.kind === 'token').map((e) => new URL(e.url).origin);
      assert.deepEqual(new Set(tokenCalls), new Set([one.sb.url, two.sb.url]), 'one sign-in per operator, at its own issuer');
      assert.ok(exchanges.some((e) => e.kind === 'routing' && e.url.startsWith(finderUrl)));
    } finally {
      await r.router?.close();
      await r.transport.close();
    }
  });

  it('says which device no operator serves, which operation needs a device, and which id it did not create', async () => {
    const r = runtime();
    try {
      await assert.rejects(r.client.run('createSession', { body: body('+15555550101') }), (e: unknown) => {
        assert.ok(e instanceof RoutingError);
        assert.match(e.message, /no operator serves \+15555550101/);
        return true;
      });
      await assert.rejects(r.client.run('listProfiles', { body: {} }), /listProfiles needs a device/);
      await assert.rejects(
        r.client.run('getSession', { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }),
        /names a session by id, and no operator/,
      );
      await assert.rejects(r.client.getProfile('QOS_E'), /Through an aggregator, profiles are read per operator/);
    } finally {
      await r.router?.close();
      await r.transport.close();
    }
  });

  it('lists profiles for a device at its operator', async () => {
    const r = runtime();
    try {
      const listed = await r.client.run('listProfiles', { body: { device: { phoneNumber: '+44666666661' } } });
      assert.ok(listed.exchange?.url.startsWith(two.sb.url));
      assert.ok(listed.value.some((p) => p.name === 'QOS_E'));
    } finally {
      await r.router?.close();
      await r.transport.close();
    }
  });

  it("an operator that moved gets a runtime of its own at the new place, and the old one's connections close", async () => {
    const r = runtime();
    try {
      const before = await r.router!.route('+34666666661');
      assert.equal(before.route.apiRoot, one.sb.url);
      moved = true;
      const after = await r.router!.route('+44666666661');
      assert.equal(after.route.operatorId, 'one');
      assert.equal(after.route.apiRoot, two.sb.url);
      assert.notEqual(after.runtime, before.runtime, 'a new runtime (and sign-in) at the new place');
      await assert.rejects(before.runtime.transport.send(`${one.sb.url}/.well-known/openid-configuration`, {}, { kind: 'other' }));
      assert.deepEqual(
        r.router!.routed.map((x) => x.route.apiRoot),
        [two.sb.url],
      );
    } finally {
      moved = false;
      await r.router?.close();
      await r.transport.close();
    }
  });
});
