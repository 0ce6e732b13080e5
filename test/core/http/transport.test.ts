import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CancelledError, NetworkError } from '../../../src/core/errors';
import { REDACTED } from '../../../src/core/http/redact';
import { HttpTransport } from '../../../src/core/http/transport';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'fixtures', name), 'utf8');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('HTTP transport (undici)', () => {
  it('records each exchange with timing, redacted headers and bodies, and the x-correlator echo', async () => {
    const server = createHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-correlator': String(req.headers['x-correlator']) });
      res.end(JSON.stringify({ access_token: 'server-token-abcdef', ok: true }));
    });
    const host = await listen(server);
    const transport = new HttpTransport();
    try {
      const response = await transport.fetch(
        `http://${host}/x?code=the-code-123`,
        {
          method: 'POST',
          headers: { authorization: 'Bearer secret-bearer-123', 'content-type': 'application/x-www-form-urlencoded' },
          body: 'client_secret=shh-secret-1&scope=a',
        },
        { kind: 'token', correlator: 'corr-1' },
      );
      assert.deepEqual(await response.json(), { access_token: 'server-token-abcdef', ok: true }, 'the caller sees the real body');
      const [exchange] = transport.recorder.list();
      assert.equal(exchange?.status, 200);
      assert.equal(exchange?.requestHeaders.authorization, `Bearer ${REDACTED}`);
      assert.equal(exchange?.url, `http://${host}/x?code=${encodeURIComponent(REDACTED)}`);
      assert.match(exchange?.requestBody ?? '', /client_secret=\[REDACTED\]&scope=a/);
      assert.match(exchange?.responseBody ?? '', /"access_token": ?"\[REDACTED\]"/);
      assert.equal(exchange?.correlatorEchoed, true);
      assert.equal(
        exchange?.responseBytes,
        Buffer.byteLength(JSON.stringify({ access_token: 'server-token-abcdef', ok: true })),
        'the size as received',
      );
      assert.ok((exchange?.timeToFirstByteMs ?? -1) >= 0 && (exchange?.totalMs ?? -1) >= (exchange?.timeToFirstByteMs ?? 0));
    } finally {
      await transport.close();
      await close(server);
    }
  });

  it('gives up on a server that never answers within the configured bound', async () => {
    const server = createHttpServer(() => undefined);
    const host = await listen(server);
    const transport = new HttpTransport({ timeouts: { headersMs: 300 } });
    const started = Date.now();
    try {
      await assert.rejects(
        transport.fetch(`http://${host}/`, {}, { kind: 'api' }),
        (e: NetworkError) => e.kind === 'timeout' && /did not answer in time/.test(e.message),
      );
      assert.ok(Date.now() - started < 3000);
      assert.match(transport.recorder.list()[0]?.error ?? '', /did not answer/);
    } finally {
      await transport.close();
      await close(server);
    }
  });

  it('says so when the server closes the connection, or refuses it', async () => {
    const server = createHttpServer((req) => req.socket.destroy());
    const host = await listen(server);
    const transport = new HttpTransport();
    try {
      await assert.rejects(
        transport.fetch(`http://${host}/`, {}, { kind: 'api' }),
        (e: NetworkError) => e.kind === 'closed' && /closed the connection/.test(e.message),
      );
      await close(server);
      await assert.rejects(transport.fetch(`http://${host}/`, {}, { kind: 'api' }), (e: NetworkError) => e.kind === 'refused');
    } finally {
      await transport.close();
    }
  });

  it('is cancellable', async () => {
    const server = createHttpServer(() => undefined);
    const host = await listen(server);
    const transport = new HttpTransport();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    try {
      await assert.rejects(transport.fetch(`http://${host}/`, {}, { kind: 'api', signal: abort.signal }), CancelledError);
    } finally {
      await transport.close();
      await close(server);
    }
  });

  it('fails TLS verification with a clear message, and trusts an extra CA when given', async () => {
    const server = createHttpsServer({ key: fixture('test-server.key'), cert: fixture('test-server.crt') }, (_req, res) => res.end('ok'));
    const host = await listen(server);
    const strict = new HttpTransport();
    const trusting = new HttpTransport({ extraCaCertificates: [fixture('test-server.crt')] });
    try {
      await assert.rejects(
        strict.fetch(`https://${host}/`, {}, { kind: 'api' }),
        (e: NetworkError) =>
          e.kind === 'tls' && /TLS verification failed/.test(e.message) && /self-signed/i.test(e.message) && /extra CA/.test(e.message),
      );
      const ok = await trusting.fetch(`https://${host}/`, {}, { kind: 'api' });
      assert.equal(await ok.text(), 'ok');
    } finally {
      await strict.close();
      await trusting.close();
      await close(server);
    }
  });

  it('goes through an explicit proxy', async () => {
    const target = createHttpServer((_req, res) => res.end('through'));
    const targetPort = (await listen(target)).split(':')[1];
    // A name, not 127.0.0.1: loopback never goes through a proxy (proxy-loopback.test.ts). The proxy alone
    // knows that this name is the target on loopback; nothing is resolved or sent anywhere else.
    const targetHost = `qod-target.test:${targetPort}`;
    const tunnels: string[] = [];
    const proxy = createHttpServer();
    proxy.on('connect', (req, socket, head) => {
      tunnels.push(String(req.url));
      const port = String(req.url).split(':')[1];
      const upstream = connect(Number(port), '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    const proxyHost = await listen(proxy);
    const transport = new HttpTransport({ proxy: `http://${proxyHost}` });
    try {
      const response = await transport.fetch(`http://${targetHost}/`, {}, { kind: 'api' });
      assert.equal(await response.text(), 'through');
      assert.deepEqual(tunnels, [targetHost]);
    } finally {
      await transport.close();
      await close(proxy);
      await close(target);
    }
  });
});
