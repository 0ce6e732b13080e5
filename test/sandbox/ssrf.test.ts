// Issue 17, item 3: a sandbox other machines reach is no proxy into its own networks. Bound to 0.0.0.0 (not
// loopback, so the rules apply) and called on 127.0.0.1. Every sink here points at loopback, which is exactly what
// must be refused; names resolve through a test resolver that never asks a DNS server.
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { createServer, type AddressInfo, type LookupFunction } from 'node:net';
import { ManualClock } from '../../src/sandbox/clock';
import { AddressAllowList, restrictedKind } from '../../src/sandbox/qod/address-ranges';
import type { DeliveryReport } from '../../src/sandbox/qod/notifier';
import { SinkGuard } from '../../src/sandbox/qod/sink-guard';
import { startSandbox, type SandboxOptions } from '../../src/sandbox/server';
import {
  call,
  countingListener,
  startRemoteSandbox,
  tokenFor,
  until,
  type CountingListener,
  type RemoteSandbox,
} from '../support/remote-sandbox';

const V1_MOUNT = '/quality-on-demand/v1';
let phones = 0;
/** A fresh phone number ending in 1 (a device that works normally). */
const phone = () => `+3466${String(++phones).padStart(6, '0')}1`;
const v1Body = (sink: string) => ({
  device: { phoneNumber: phone() },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
  sink,
});

describe('Sink addresses: which ones lead inside (node BlockList)', () => {
  const table: Array<[string, string | undefined]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:c0a8:101', 'private'],
    ['169.254.169.254', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['0.1.2.3', 'unspecified ("this network")'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 (embeds an IPv4 address)'],
    ['2002:7f00:1::1', '6to4 (embeds an IPv4 address)'],
    ['::ffff:0:7f00:1', 'IPv4-translated (embeds an IPv4 address)'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated (embeds an IPv4 address)'],
    ['::ffff:0:808:808', 'IPv4-translated (embeds an IPv4 address)'],
    ['not-an-address', 'not an IP address'],
    // Public addresses a sink may use.
    ['8.8.8.8', undefined],
    ['172.32.0.1', undefined],
    ['192.169.0.1', undefined],
    ['203.0.113.7', undefined],
    ['::ffff:8.8.8.8', undefined],
    ['2001:4860:4860::8888', undefined],
    ['2606:4700::1111', undefined],
  ];
  for (const [address, kind] of table) {
    it(`${address} → ${kind ?? 'public'}`, () => assert.equal(restrictedKind(address), kind));
  }

  it('the operator allow list takes addresses and CIDR ranges, and says no to anything else', () => {
    const list = new AddressAllowList();
    assert.equal(list.add('10.0.0.0/8'), true);
    assert.equal(list.add('fd00::/8'), true);
    assert.equal(list.add('127.0.0.1'), true);
    assert.equal(list.add('10.0.0.0/33'), false);
    assert.equal(list.add('sink.example'), false);
    assert.equal(list.has('10.200.1.1'), true);
    assert.equal(list.has('::ffff:10.200.1.1'), true);
    assert.equal(list.has('fd00::5'), true);
    assert.equal(list.has('127.0.0.2'), false);
    assert.equal(list.has('11.0.0.1'), false);
    assert.equal(SinkGuard.validateAllowEntry('sink.example'), undefined);
    assert.match(SinkGuard.validateAllowEntry('http://sink.example/') ?? '', /neither a host name/);
  });

  it('every spelling of a loopback host is refused before any lookup (WHATWG URL parsing normalises them)', async () => {
    let lookups = 0;
    const lookup: LookupFunction = (_host, _options, callback) => {
      lookups++;
      callback(new Error('no DNS in this test'), '', 0);
    };
    const guard = new SinkGuard({ restrict: true, lookup });
    const spellings = [
      '127.0.0.1',
      '127.1',
      '2130706433',
      '0x7f000001',
      '0x7f.0.0.1',
      '0177.0.0.1',
      '017700000001',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[0:0:0:0:0:0:0:1]',
      'localhost',
      'LOCALHOST.',
      'sink.localhost',
      '0',
      '0.0.0.0',
      '[::]',
      '[::ffff:0:7f00:1]',
      '[::ffff:0:127.0.0.1]',
    ];
    for (const host of spellings) {
      const refusal = await guard.refusal(`https://${host}:8443/n`);
      assert.match(refusal ?? 'accepted', /leads to an? (loopback|unspecified|IPv4-translated)/, host);
    }
    assert.equal(lookups, 0);
    assert.equal(
      await new SinkGuard({ restrict: false }).refusal('https://127.0.0.1/n'),
      undefined,
      'on loopback the sandbox allows its own machine',
    );
  });
});

describe('A sandbox bound to 0.0.0.0 refuses notification sinks that lead inside', () => {
  let listener: CountingListener;
  let remote: RemoteSandbox;
  let token: string;
  const clock = new ManualClock();
  const reports: DeliveryReport[] = [];
  const lookups: string[] = [];
  /** Answers for names without any DNS server: `inside.test` is loopback; `rebind.test` is unknown once, then loopback. */
  const lookup: LookupFunction = (host, options, callback) => {
    lookups.push(host);
    const seen = lookups.filter((h) => h === host).length;
    const answer = host === 'inside.test' || (host === 'rebind.test' && seen > 1) ? '127.0.0.1' : undefined;
    if (!answer) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [{ address: answer, family: 4 }]);
    callback(null, answer, 4);
  };

  before(async () => {
    listener = await countingListener();
    remote = await startRemoteSandbox({ clock, notificationAttempts: 1, sinkLookup: lookup, onNotification: (r) => reports.push(r) });
    token = await tokenFor(remote, 'qod-demo');
  });
  after(async () => {
    await remote?.close();
    await listener?.close();
  });

  it('v1 sink: 400 INVALID_SINK for loopback and unspecified hosts in any spelling; nothing ever connects', async () => {
    const p = listener.port;
    const sinks = [
      `https://127.0.0.1:${p}/n`,
      `https://127.1:${p}/n`,
      `https://2130706433:${p}/n`,
      `https://0x7f.0.0.1:${p}/n`,
      `https://0177.0.0.1:${p}/n`,
      `https://[::1]:${p}/n`,
      `https://[::ffff:127.0.0.1]:${p}/n`,
      `https://localhost:${p}/n`,
      `https://0.0.0.0:${p}/n`,
      `https://[::]:${p}/n`,
    ];
    for (const sink of sinks) {
      const reply = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(sink));
      assert.equal(reply.status, 400, `${sink}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, 'INVALID_SINK', sink);
      assert.match(reply.body.message, /^sink: the sink leads to a (loopback|unspecified).* address.*--allow-sink-host/, sink);
    }
    clock.advance(1000);
    await remote.sb.notificationsSettled();
    assert.equal(listener.connections, 0);
  });

  it('v0.10 webhook.notificationUrl and v0.8 notificationUrl: each its own declared 400', async () => {
    const p = listener.port;
    const v010 = await call(remote, 'POST', '/v0.10/qod/v0/sessions', token, {
      device: { phoneNumber: phone() },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 600,
      webhook: { notificationUrl: `https://127.0.0.1:${p}/n`, notificationAuthToken: 'c8974e592c2fa383d4a3960714' },
    });
    assert.equal(v010.status, 400, JSON.stringify(v010.body));
    assert.equal(v010.body.code, 'INVALID_ARGUMENT');
    assert.match(v010.body.message, /notificationUrl: .*loopback/);
    const v08 = await call(remote, 'POST', '/v0.8/qod/v0/sessions', token, {
      ueId: { msisdn: phone().slice(1) },
      asId: { ipv4addr: '198.51.100.10' },
      qos: 'QOS_E',
      duration: 600,
      notificationUrl: `https://[::1]:${p}/n`,
    });
    assert.equal(v08.status, 400, JSON.stringify(v08.body));
    assert.equal(v08.body.code, 'INVALID_INPUT');
    assert.match(v08.body.message, /notificationUrl: .*loopback/);
    clock.advance(1000);
    await remote.sb.notificationsSettled();
    assert.equal(listener.connections, 0);
  });

  it('a name that resolves inside is refused at create (and a *.localhost name without asking anyone)', async () => {
    const resolved = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(`https://inside.test:${listener.port}/n`));
    assert.equal(resolved.status, 400, JSON.stringify(resolved.body));
    assert.equal(resolved.body.code, 'INVALID_SINK');
    assert.match(resolved.body.message, /inside\.test resolves to 127\.0\.0\.1/);
    const before = lookups.length;
    const local = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(`https://api.localhost:${listener.port}/n`));
    assert.equal(local.body.code, 'INVALID_SINK');
    assert.equal(lookups.length, before, 'localhost names are loopback by definition (RFC 6761)');
  });

  it('DNS rebinding: a name that resolves inside only when connecting is a failed delivery, logged, and never a connection', async () => {
    const created = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(`https://rebind.test:${listener.port}/n`));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    clock.advance(600);
    assert.ok(await until(() => reports.some((r) => r.sessionId === created.body.sessionId)), 'the delivery is reported');
    await remote.sb.notificationsSettled();
    const report = reports.find((r) => r.sessionId === created.body.sessionId) as DeliveryReport;
    assert.equal(report.ok, false);
    assert.equal(report.attempts, 1, 'a refusal is not retried');
    assert.match(report.error ?? '', /not connecting: .*loopback.*rebind\.test resolves to 127\.0\.0\.1/);
    assert.ok(lookups.filter((h) => h === 'rebind.test').length >= 2, 'the name was looked up again when connecting');
    assert.equal(listener.connections, 0);
    assert.equal(remote.sb.notificationStats().failed, 1);
  });
});

describe('The operator of a remote sandbox may allow sink hosts (allowSinkHosts, --allow-sink-host)', () => {
  it('an allowed range is delivered to; an entry that is no host, address or range stops the sandbox from starting', async () => {
    const listener = await countingListener();
    const clock = new ManualClock();
    const reports: DeliveryReport[] = [];
    const remote = await startRemoteSandbox({
      clock,
      notificationAttempts: 1,
      allowSinkHosts: ['127.0.0.0/8'],
      onNotification: (r) => reports.push(r),
    });
    try {
      const token = await tokenFor(remote, 'qod-demo');
      const created = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(`https://127.0.0.1:${listener.port}/n`));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const ipv6 = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(`https://[::1]:${listener.port}/n`));
      assert.equal(ipv6.body.code, 'INVALID_SINK', '::1 is not in 127.0.0.0/8');
      clock.advance(600);
      assert.ok(await until(() => reports.length > 0));
      await remote.sb.notificationsSettled();
      // The listener speaks no TLS, so the delivery fails, but it was let through to connect.
      assert.ok(listener.connections >= 1);
      assert.doesNotMatch(reports[0]?.error ?? '', /not connecting/);
    } finally {
      await remote.close();
      await listener.close();
    }
    await assert.rejects(
      startSandbox({ host: '0.0.0.0', allowRemote: true, allowSinkHosts: ['https://x/'] }),
      /allowed sink host: .*neither a host name/,
    );
  });
});

/** A port free on 127.0.0.1 now, for a sandbox whose public URL must differ from its bound address. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('A sandbox bound to loopback but published under a public URL (a proxy in front of it)', () => {
  /** Starts it bound to 127.0.0.1 and published as `publicUrl` (`{port}` is the bound port); called on 127.0.0.1. */
  async function published(publicUrl: string, options: SandboxOptions = {}): Promise<RemoteSandbox> {
    const port = await freePort();
    const url = publicUrl.replace('{port}', String(port));
    const sb = await startSandbox({ host: '127.0.0.1', port, publicUrl: url, rateLimit: false, ...options });
    return { sb, base: `http://127.0.0.1:${port}`, close: () => sb.close() };
  }

  it('published as http://qod.example:8080: a loopback sink is refused with 400 before anything connects or is looked up', async () => {
    const listener = await countingListener();
    const clock = new ManualClock();
    const reports: DeliveryReport[] = [];
    let lookups = 0;
    const lookup: LookupFunction = (_host, _options, callback) => {
      lookups++;
      callback(new Error('no DNS in this test'), '', 0);
    };
    const onNotification = (r: DeliveryReport) => reports.push(r);
    const remote = await published('http://qod.example:8080', { clock, notificationAttempts: 1, sinkLookup: lookup, onNotification });
    try {
      assert.equal(remote.sb.url, 'http://qod.example:8080');
      const token = await tokenFor(remote, 'qod-demo');
      const p = listener.port;
      // http:// too: plain-http loopback sinks are for a sandbox only this machine reaches.
      for (const sink of [
        `https://127.0.0.1:${p}/n`,
        `http://127.0.0.1:${p}/n`,
        `https://[::1]:${p}/n`,
        `https://localhost:${p}/n`,
        `https://[::ffff:0:7f00:1]:${p}/n`,
      ]) {
        const reply = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(sink));
        assert.equal(reply.status, 400, `${sink}: ${JSON.stringify(reply.body)}`);
        assert.equal(reply.body.code, 'INVALID_SINK', sink);
        assert.match(reply.body.message, /^sink: the sink leads to an? (loopback|IPv4-translated).* address.*--allow-sink-host/, sink);
      }
      clock.advance(1000);
      await remote.sb.notificationsSettled();
      assert.equal(listener.connections, 0, 'nothing connected to the sink');
      assert.deepEqual(reports, [], 'no delivery was even attempted');
      assert.equal(lookups, 0);
    } finally {
      await remote.close();
      await listener.close();
    }
  });

  it('published under a loopback URL (http://localhost:<port>) it stays a local sandbox: a loopback sink is accepted', async () => {
    const listener = await countingListener();
    const clock = new ManualClock();
    const remote = await published('http://localhost:{port}', { clock });
    try {
      const token = await tokenFor(remote, 'qod-demo');
      const reply = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token, v1Body(`http://127.0.0.1:${listener.port}/n`));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    } finally {
      // The clock never moved, so the session never changed status and nothing was delivered.
      await remote.close();
      await listener.close();
    }
  });
});

describe("The sandbox's loopback is the core's (src/core/http/loopback.ts)", () => {
  it('binds to 127.0.0.1, ::1 and localhost without allowRemote, with the public demo clients and no sink guard', async () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      const sb = await startSandbox({ host, rateLimit: false }).catch((error: NodeJS.ErrnoException) => {
        if (host === '::1' && error.code === 'EADDRNOTAVAIL') return undefined; // no IPv6 on this machine
        throw error;
      });
      if (!sb) continue;
      try {
        assert.equal(sb.clients.find((c) => c.clientId === 'qod-demo')?.clientSecret, 'qod-demo-secret', host);
      } finally {
        await sb.close();
      }
    }
  });
});
