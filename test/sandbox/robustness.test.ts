// No input takes the sandbox down: hostile request targets, encodings and nesting get a clear 4xx in JSON, a
// client that goes away mid-body is not an error, a hanging notification sink costs a bounded number of sockets,
// and the session cap counts live sessions only.
import assert from 'node:assert/strict';
import { connect, createServer, Socket as NetSocket, type Socket } from 'node:net';
import { request } from 'undici';
import { runSandbox } from '../../src/cli/sandbox-command';
import { ManualClock } from '../../src/sandbox/clock';
import { startReceiver } from '../support/receiver';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { api, cibaToken, clientCredentials } from '../support/client';
import { withSandbox } from '../support/sandbox';

const V1 = 'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete qos-profiles:read';
const body = (phone: string, extra: Record<string, unknown> = {}) => ({
  device: { phoneNumber: phone },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
  ...extra,
});

/** Sends raw bytes on a fresh connection and answers what came back before the server closed or `ms` passed. */
function raw(url: string, bytes: string, ms = 2000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = new NetSocket();
    let out = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, ms);
    socket.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (/\r\n\r\n[\s\S]*\}$/.test(out) || /content-length: 0/i.test(out)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(out);
      }
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.connect(Number(port), hostname, () => socket.write(bytes));
  });
}

describe('Sandbox robustness: no input takes it down', () => {
  const { sb } = withSandbox();
  let token: string;
  const errors: unknown[][] = [];
  const originalError = console.error;

  before(async () => {
    token = await clientCredentials(sb, V1);
    console.error = (...args: unknown[]) => {
      errors.push(args);
    };
  });
  after(() => {
    console.error = originalError;
  });
  afterEach(() => assert.deepEqual(errors.splice(0), [], 'nothing is reported as an unexpected error'));

  it('a request target that is not a path (http://[/) is a JSON 400, not a 500', async () => {
    const reply = await raw(sb.url, 'GET http://[/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.match(reply, /application\/json/);
    assert.match(reply, /"code":"INVALID_ARGUMENT"/);
  });

  it('malformed percent-encoding in a session id is a 400 naming the segment', async () => {
    const reply = await api(sb, 'v1', { method: 'GET', path: '/sessions/%E0%A4%A', token });
    assert.equal(reply.status, 400);
    assert.match(reply.body.message, /percent-encoding/);
  });

  it('JSON nested 5,000 deep is a 400 INVALID_ARGUMENT (no stack overflow), in every field', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    for (const where of [
      deep,
      JSON.stringify(body('+34666666661')).replace('"QOS_E"', deep),
      `{"device":${'['.repeat(9000)}${']'.repeat(9000)}}`,
    ]) {
      const reply = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, raw: where });
      assert.equal(reply.status, 400, JSON.stringify(reply.body).slice(0, 200));
      assert.equal(reply.body.code, 'INVALID_ARGUMENT');
      assert.match(reply.body.message, /more than 32 levels deep/);
    }
  });

  it('the authorization server answers a wrong method with a JSON 405 and Allow, an unknown path with a JSON 404', async () => {
    for (const [method, path, allow] of [
      ['GET', '/token', 'POST'],
      ['PUT', '/bc-authorize', 'POST'],
      ['DELETE', '/.well-known/openid-configuration', 'GET'],
      ['POST', '/jwks', 'GET'],
    ] as const) {
      const res = await request(`${sb.url}${path}`, { method });
      const json = (await res.body.json()) as { error: string; error_description: string };
      assert.equal(res.statusCode, 405, `${method} ${path}`);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.ok(String(res.headers.allow).includes(allow));
      assert.equal(json.error, 'invalid_request');
      assert.match(json.error_description, new RegExp(`${method} is not allowed on ${path.replace(/\./g, '\\.')}`));
    }
    for (const path of ['/nope', '/token/extra', '/.env', '/quality-on-demand', '/interactionX']) {
      const res = await request(`${sb.url}${path}`);
      const json = (await res.body.json()) as { status: number; code: string; message: string };
      assert.equal(res.statusCode, 404, path);
      assert.deepEqual(Object.keys(json).sort(), ['code', 'message', 'status']);
      assert.equal(json.code, 'NOT_FOUND');
    }
  });

  it('a client that goes away in the middle of its body is not an error, and the sandbox keeps serving', async () => {
    for (const path of ['/quality-on-demand/v1/sessions', '/token', '/bc-authorize']) {
      const { hostname, port } = new URL(sb.url);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(
            `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"device":`,
          );
          setTimeout(() => {
            socket.destroy();
            setTimeout(resolve, 100);
          }, 50);
        });
      });
    }
    assert.equal((await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} })).status, 200);
  });

  it('a normal CIBA sign-in and session print no warning', async () => {
    const warnings: unknown[][] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings.push(args);
    };
    try {
      const three = await cibaToken(sb, 'tel:+34666666662', V1);
      const created = await api(sb, 'v1', {
        method: 'POST',
        path: '/sessions',
        token: three,
        body: { ...body('+34666666662'), device: undefined },
      });
      assert.equal(created.status, 201);
    } finally {
      console.warn = originalWarn;
    }
    assert.deepEqual(
      warnings.map((w) => String(w[0])).filter((w) => !/Unsupported runtime/.test(w)),
      [],
    );
  });
});

describe('Sandbox console', () => {
  it('shows sink URLs without their query string (it may carry a token)', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const receiver = await startReceiver();
    const running = runSandbox(['--port', '0'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, abort.signal);
    try {
      const waitFor = async (pattern: RegExp) => {
        for (let i = 0; i < 100 && !lines.some((l) => pattern.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
        return lines.find((l) => pattern.test(l));
      };
      const url = /running at (\S+)/.exec((await waitFor(/running at/)) ?? '')?.[1] as string;
      const sb = { url, urls: { qodV1: `${url}/quality-on-demand/v1` } } as Sandbox;
      const token = await clientCredentials(sb, V1);
      const created = await api(sb, 'v1', {
        method: 'POST',
        path: '/sessions',
        token,
        body: body('+34666666661', { sink: `${receiver.url}?token=sink-query-secret-123` }),
      });
      assert.equal(created.status, 201);
      const line = await waitFor(/^notification /);
      assert.ok(line, lines.join('\n'));
      assert.match(line, /\?\[REDACTED\]/);
      assert.doesNotMatch(lines.join('\n'), /sink-query-secret-123/);
    } finally {
      abort.abort();
      await running;
      await receiver.close();
    }
  });

  it('refuses a non-loopback --host without --allow-remote, before binding anything', async () => {
    await assert.rejects(
      runSandbox(['--host', '0.0.0.0'], { out: () => undefined, err: () => undefined }),
      /not a loopback address; .*--allow-remote/,
    );
  });
});

describe('Sandbox under load from its own sessions', () => {
  it('3,000 sessions with a hanging sink hold fewer than 100 sockets, the API keeps answering, and dropped deliveries are counted', async function () {
    this.timeout(120_000);
    let open = 0;
    let peak = 0;
    const sockets = new Set<Socket>();
    const hanging = createServer((socket) => {
      sockets.add(socket);
      open++;
      peak = Math.max(peak, open);
      socket.on('close', () => {
        open--;
        sockets.delete(socket);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const sink = `http://127.0.0.1:${(hanging.address() as { port: number }).port}/hang?token=not-for-logs`;
    const clock = new ManualClock();
    const sb = await startSandbox({
      clock,
      rateLimit: false,
      activationDelayMs: 1000,
      notificationTimeoutMs: 60_000,
      notificationAttempts: 1,
    });
    try {
      const token = await clientCredentials(sb, V1);
      for (let i = 0; i < 3000; i++) {
        const reply = await request(`${sb.urls.qodV1}/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body(`+346${String(10_000_000 + i * 10 + 1)}`, { sink })),
        });
        await reply.body.dump();
        assert.equal(reply.statusCode, 201);
      }
      clock.advance(1000); // every session becomes AVAILABLE: 3,000 notifications to the hanging sink
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const profiles = await api(sb, 'profiles-v1', { method: 'POST', path: '/retrieve-qos-profiles', token, body: {} });
      assert.equal(profiles.status, 200, 'the API answers while the sink hangs');
      const stats = sb.notificationStats();
      console.log(
        `      hanging sink: peak ${peak} open sockets; ${stats.inFlight} under way, ${stats.queued} queued, ${stats.dropped} dropped`,
      );
      assert.ok(peak < 100, `peak open sockets ${peak}`);
      assert.ok(stats.inFlight > 0 && stats.inFlight <= 16);
      assert.equal(stats.inFlight + stats.queued + stats.dropped, 3000, 'every notification is under way, queued or counted as dropped');
      assert.ok(stats.dropped > 0);
    } finally {
      await sb.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('the session cap counts live sessions only: 200 create+delete cycles under a cap of 5 all succeed; a 6th live one gets 429 with Retry-After', async () => {
    const sb = await startSandbox({ rateLimit: false, maxSessions: 5 });
    try {
      const token = await clientCredentials(sb, V1);
      for (let i = 0; i < 200; i++) {
        const created = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body('+34666666661') });
        assert.equal(created.status, 201, `cycle ${i}: ${JSON.stringify(created.body)}`);
        assert.equal((await api(sb, 'v1', { method: 'DELETE', path: `/sessions/${created.body.sessionId}`, token })).status, 204);
      }
      for (let i = 0; i < 5; i++)
        assert.equal((await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body(`+3466666660${i}`) })).status, 201);
      const refused = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body('+34666666651') });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.code, 'QUOTA_EXCEEDED');
      assert.ok(Number(refused.headers['retry-after']) >= 1, 'says when a live session ends');
    } finally {
      await sb.close();
    }
  });
});
