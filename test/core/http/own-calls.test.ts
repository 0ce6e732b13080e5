// The requests the tool makes for itself are recorded with the reason, by the async context they run in, so
// the playground's diagram can tell them from the user's: concurrent requests keep their own context, and a
// timer started inside an own call stays one.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asOwnCall } from '../../../src/core/http/own-call';
import { HttpTransport } from '../../../src/core/http/transport';

describe("the tool's own calls are marked in the recorded exchanges", () => {
  let server: Server;
  let base = '';
  before(async () => {
    server = createServer((req, res) =>
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), req.url === '/slow' ? 30 : 0),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it("an exchange made inside asOwnCall carries its reason; the user's, made at the same time, does not", async () => {
    const transport = new HttpTransport();
    try {
      const get = (path: string) => transport.send(`${base}${path}`, { method: 'GET' }, { kind: 'api' });
      const later = () => new Promise<void>((resolve, reject) => setTimeout(() => get('/timer').then(() => resolve(), reject), 5));
      await Promise.all([
        asOwnCall('reads the QoS profiles for the form', () => get('/slow')),
        get('/user'),
        asOwnCall('reads a REQUESTED session again', later),
      ]);
      const own = Object.fromEntries(transport.recorder.list().map((e) => [new URL(e.url).pathname, e.own]));
      assert.deepEqual(own, {
        '/user': undefined,
        '/timer': 'reads a REQUESTED session again',
        '/slow': 'reads the QoS profiles for the form',
      });
    } finally {
      await transport.close();
    }
  });
});
