// The two servers the client itself opens on loopback (the notification sink and the sign-in redirect receiver)
// meet hostile requests: a request target that is not a path, junk bodies, deep JSON. Each is a clear 4xx and
// the receiver keeps working; none throws in its request handler (which would take the host process down).
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'undici';
import { startLoopbackRedirect } from '../../src/core/auth/redirect';
import { startNotificationSink } from '../../src/core/notifications/sink';

function rawRequest(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = connect(Number(port), hostname, () => socket.write(head));
    socket.on('data', (d: Buffer) => {
      out += d.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
    setTimeout(() => socket.destroy(), 2000);
  });
}

describe('Local receivers under hostile input', () => {
  it('the notification sink answers 4xx to junk and keeps receiving', async () => {
    const sink = await startNotificationSink();
    try {
      assert.match(await rawRequest(sink.url, 'POST http://[/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 404/);
      const post = (body: string, token = sink.token) =>
        request(sink.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      for (const body of [
        '{"trunc',
        `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
        'null',
        '"x"',
        JSON.stringify({ specversion: '1.0', data: { sessionId: 1 } }),
        'x'.repeat(70_000),
      ]) {
        const res = await post(body);
        await res.body.dump();
        assert.equal(res.statusCode, 400, body.slice(0, 40));
      }
      const wrongToken = await post('{}', 'nope');
      await wrongToken.body.dump();
      assert.equal(wrongToken.statusCode, 401);
      const received: string[] = [];
      sink.onNotification((n) => received.push(n.sessionId));
      const ok = await post(
        JSON.stringify({
          id: '1',
          source: 's',
          specversion: '1.0',
          type: 'org.camaraproject.quality-on-demand.v1.qos-status-changed',
          time: '2026-01-01T00:00:00Z',
          datacontenttype: 'application/json',
          data: { sessionId: 'abc', qosStatus: 'AVAILABLE' },
        }),
      );
      await ok.body.dump();
      assert.equal(ok.statusCode, 204);
      assert.deepEqual(received, ['abc']);
    } finally {
      await sink.close();
    }
  });

  it('the sign-in redirect receiver answers 400 to a request target that is not a path, and still takes the real callback', async () => {
    const redirect = await startLoopbackRedirect({ timeoutMs: 5000 });
    try {
      const waiting = redirect.waitForCallback('the-state');
      assert.match(
        await rawRequest(redirect.redirectUri, 'GET http://[/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        /^HTTP\/1\.1 400/,
      );
      const res = await request(`${redirect.redirectUri}?code=abc&state=wrong`);
      await res.body.dump();
      assert.equal(res.statusCode, 400);
      const real = await request(`${redirect.redirectUri}?code=abc&state=the-state`);
      await real.body.dump();
      assert.equal(real.statusCode, 302);
      assert.equal((await waiting).get('code'), 'abc');
    } finally {
      await redirect.close();
    }
  });
});
