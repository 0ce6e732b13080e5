// Loopback never goes through a proxy. With HTTP_PROXY / HTTPS_PROXY set and no NO_PROXY for loopback (or
// VS Code's http.proxy), requests to the local sandbox went to the proxy, bearer token and all. A proxy-like
// listener on 127.0.0.1 counts the connections it gets: 0 for every loopback target; a name that is not
// loopback still goes to it (so the 0 means something). Nothing is sent anywhere but loopback.
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { isLoopbackHost } from '../../../src/core/http/loopback';
import { HttpTransport } from '../../../src/core/http/transport';

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

/** Listens on host:port (0: any free port); undefined when this machine has no such address (no IPv6, say). */
async function listenOn(server: Server | TcpServer, host: string, port = 0): Promise<number | undefined> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

const close = (server: Server | TcpServer) =>
  new Promise<void>((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });

describe('loopback never goes through a proxy', () => {
  let proxy: TcpServer;
  let proxyUrl: string;
  let proxied = 0;
  const targets: Server[] = [];
  /** Loopback URLs of a server answering "direct". */
  const loopbackUrls: string[] = [];
  const saved: Partial<Record<(typeof PROXY_VARIABLES)[number], string>> = {};

  before(async () => {
    // Proxy-like: counts each connection and answers every request (CONNECT or absolute-form) with 502.
    proxy = createTcpServer((socket) => {
      proxied++;
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n'));
    });
    proxyUrl = `http://127.0.0.1:${await listenOn(proxy, '127.0.0.1')}`;
    const target = () => {
      const server = createHttpServer((_req, res) => res.end('direct'));
      targets.push(server);
      return server;
    };
    const port = await listenOn(target(), '127.0.0.1');
    assert.ok(port);
    loopbackUrls.push(`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://LocalHost:${port}/`);
    // The same port on ::1 when there is IPv6 loopback, so localhost works whichever address it resolves to.
    if (await listenOn(target(), '::1', port)) loopbackUrls.push(`http://[::1]:${port}/`);
    // Linux answers all of 127.0.0.0/8.
    const other = await listenOn(target(), '127.0.0.2');
    if (other) loopbackUrls.push(`http://127.0.0.2:${other}/`);
  });
  after(async () => {
    await Promise.all([proxy, ...targets].map(close));
  });
  beforeEach(() => {
    for (const name of PROXY_VARIABLES) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
    proxied = 0;
  });
  afterEach(() => {
    for (const name of PROXY_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  async function expectDirect(transport: HttpTransport): Promise<void> {
    try {
      for (const url of loopbackUrls) {
        const result = await transport.send(url, { headers: { authorization: 'Bearer loopback-only-token' } }, { kind: 'api' });
        assert.equal(result.text, 'direct', url);
      }
      assert.equal(proxied, 0, `connections to the proxy for ${loopbackUrls.join(', ')}`);
      // A name that is not loopback does go to the proxy (502 from it): the listener is in use.
      // (A proxy's refusal is a failure in words, not a silent "cancelled".)
      const refused = /The proxy answered 502 when asked for a tunnel to qod-target\.test/;
      await assert.rejects(transport.send('http://qod-target.test/', {}, { kind: 'api' }), refused);
      assert.equal(proxied, 1, 'a non-loopback name goes through the proxy');
    } finally {
      await transport.close();
    }
  }

  it('with HTTP_PROXY and HTTPS_PROXY set and no NO_PROXY', async () => {
    process.env.HTTP_PROXY = proxyUrl;
    process.env.HTTPS_PROXY = proxyUrl;
    await expectDirect(new HttpTransport({ timeouts: { totalMs: 5000 } }));
  });

  it('with lower-case http_proxy, and a NO_PROXY that names something else', async () => {
    process.env.http_proxy = proxyUrl;
    process.env.NO_PROXY = 'example.com';
    await expectDirect(new HttpTransport({ timeouts: { totalMs: 5000 } }));
  });

  it("with an explicit proxy (VS Code's http.proxy)", async () => {
    await expectDirect(new HttpTransport({ proxy: proxyUrl, timeouts: { totalMs: 5000 } }));
  });

  it('what counts as loopback: 127.0.0.0/8, ::1 (also IPv4-mapped), localhost and *.localhost; nothing else', () => {
    const mapped = new URL('http://[::ffff:127.0.0.1]/').hostname;
    for (const host of ['127.0.0.1', '127.1.2.3', '[::1]', '::1', mapped, 'localhost', 'LocalHost.', 'api.localhost']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    const others = [
      '10.0.0.1',
      '0.0.0.0',
      '[::]',
      '127.0.0.1.nip.io',
      'localhost.example.com',
      'mylocalhost',
      '[::ffff:a00:1]',
      '128.0.0.1',
    ];
    for (const host of others) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
