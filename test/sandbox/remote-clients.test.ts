// Issue 17, item 6: a sandbox other machines reach does not share the public demo clients, and one API client's
// sessions stay out of another's sight and reach. Bound to 0.0.0.0, called on 127.0.0.1.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { importJWK, SignJWT, type JWK } from 'jose';
import { runSandbox } from '../../src/cli/sandbox-command';
import { ManualClock } from '../../src/sandbox/clock';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import {
  basic,
  call,
  countingListener,
  postForm,
  startRemoteSandbox,
  tokenFor,
  until,
  V0,
  V1,
  type RemoteSandbox,
} from '../support/remote-sandbox';

const V1_MOUNT = '/quality-on-demand/v1';
const createBody = (phone: string) => ({
  device: { phoneNumber: phone },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
});

async function jwtClientToken(remote: RemoteSandbox, jwk: JWK & { kid?: string }): Promise<{ status: number; error?: string }> {
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
    .setIssuer('qod-demo-jwt')
    .setSubject('qod-demo-jwt')
    .setAudience(remote.sb.url)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomBytes(8).toString('hex'))
    .sign(await importJWK(jwk, 'ES256'));
  const reply = await postForm(`${remote.base}/token`, {
    grant_type: 'client_credentials',
    scope: V1,
    client_id: 'qod-demo-jwt',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });
  return { status: reply.status, error: reply.body?.error };
}

describe('A sandbox bound to 0.0.0.0 makes its own client credentials for the run', () => {
  let remote: RemoteSandbox;
  before(async () => {
    remote = await startRemoteSandbox({ clock: new ManualClock() });
  });
  after(() => remote?.close());

  it("per-run secrets from crypto: the public demo secrets fail, the run's work", async () => {
    const ids = remote.sb.clients.map((c) => c.clientId);
    assert.deepEqual(ids, ['qod-demo', 'qod-demo-post', 'qod-demo-jwt']);
    const secrets = remote.sb.clients.flatMap((c) => (c.clientSecret ? [c.clientSecret] : []));
    assert.equal(secrets.length, 2);
    assert.notEqual(secrets[0], secrets[1]);
    for (const secret of secrets) assert.match(secret, /^[A-Za-z0-9_-]{32,}$/);
    const publicBasic = await postForm(
      `${remote.base}/token`,
      { grant_type: 'client_credentials', scope: V1 },
      { authorization: basic('qod-demo', 'qod-demo-secret') },
    );
    assert.equal(publicBasic.status, 401);
    assert.equal(publicBasic.body.error, 'invalid_client');
    const publicPost = await postForm(`${remote.base}/token`, {
      grant_type: 'client_credentials',
      scope: V1,
      client_id: 'qod-demo-post',
      client_secret: 'qod-demo-post-secret',
    });
    assert.equal(publicPost.body.error, 'invalid_client');
    const post = remote.sb.clients.find((c) => c.clientId === 'qod-demo-post');
    const runPost = await postForm(`${remote.base}/token`, {
      grant_type: 'client_credentials',
      scope: V1,
      client_id: 'qod-demo-post',
      client_secret: post?.clientSecret ?? '',
    });
    assert.equal(runPost.status, 200, JSON.stringify(runPost.body));
    assert.ok(await tokenFor(remote, 'qod-demo'));
  });

  it("private_key_jwt: the key published in the repository fails, the run's own key works", async () => {
    assert.deepEqual(await jwtClientToken(remote, DEMO_PRIVATE_JWK), { status: 401, error: 'invalid_client' });
    const runKey = remote.sb.clients.find((c) => c.clientId === 'qod-demo-jwt')?.privateJwk;
    assert.ok(runKey && runKey.d !== DEMO_PRIVATE_JWK.d);
    assert.equal((await jwtClientToken(remote, runKey)).status, 200);
  });

  it('the public client (no secret to prove who it is) is off', async () => {
    const url = new URL(`${remote.base}/authorize`);
    const params = {
      client_id: 'qod-demo-public',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: 'http://127.0.0.1:9/callback',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 's',
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await request(url, { method: 'GET' });
    const text = await res.body.text();
    assert.equal(res.statusCode, 400);
    assert.match(text, /invalid_client/);
  });
});

describe("A sandbox bound to 0.0.0.0 keeps each client's sessions to itself", () => {
  let remote: RemoteSandbox;
  let a: string;
  let b: string;
  before(async () => {
    remote = await startRemoteSandbox({ clock: new ManualClock() });
    a = await tokenFor(remote, 'qod-demo');
    b = await tokenFor(remote, 'qod-demo-post');
  });
  after(() => remote?.close());

  it('another client can neither find, read, extend, delete nor block a session, even on the same demo number', async () => {
    const phone = '+34666666661';
    const mine = await call(remote, 'POST', `${V1_MOUNT}/sessions`, a, createBody(phone));
    assert.equal(mine.status, 201);
    const id = mine.body.sessionId as string;
    // CAMARA's test definitions (getSession 403.2, …) answer another client's session with 403; its id is a random UUID.
    for (const [method, path, body] of [
      ['GET', `/sessions/${id}`],
      ['DELETE', `/sessions/${id}`],
      ['POST', `/sessions/${id}/extend`, { requestedAdditionalDuration: 60 }],
    ] as const) {
      const reply = await call(remote, method, `${V1_MOUNT}${path}`, b, body);
      assert.equal(reply.status, 403, `${method} ${path}`);
      assert.equal(reply.body.code, 'PERMISSION_DENIED');
    }
    const found = await call(remote, 'POST', `${V1_MOUNT}/retrieve-sessions`, b, { device: { phoneNumber: phone } });
    assert.deepEqual([found.status, found.body], [200, []], "retrieve-by-device shows only the caller's own sessions");
    // One active session per device per client: another client's session neither conflicts nor shows itself.
    const theirs = await call(remote, 'POST', `${V1_MOUNT}/sessions`, b, createBody(phone));
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const again = await call(remote, 'POST', `${V1_MOUNT}/sessions`, a, createBody(phone));
    assert.equal(again.status, 409, 'the same client still gets its own CONFLICT');
    const still = await call(remote, 'GET', `${V1_MOUNT}/sessions/${id}`, a);
    assert.equal(still.body.qosStatus, 'REQUESTED', 'untouched by the other client');
    const own = await call(remote, 'POST', `${V1_MOUNT}/retrieve-sessions`, a, { device: { phoneNumber: phone } });
    assert.deepEqual(
      own.body.map((s: { sessionId: string }) => s.sessionId),
      [id],
    );
  });
});

describe('qod sandbox --allow-remote', () => {
  it("prints the run's credentials once, never the public ones; --allow-sink-host reaches the sandbox", async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const listener = await countingListener();
    const running = runSandbox(
      ['--host', '0.0.0.0', '--allow-remote', '--port', '0', '--allow-sink-host', '127.0.0.1'],
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      abort.signal,
    );
    try {
      assert.ok(await until(() => lines.some((l) => /running at/.test(l))), lines.join('\n'));
      const text = lines.join('\n');
      const port = /running at http:\/\/0\.0\.0\.0:(\d+)/.exec(text)?.[1];
      const secret = /^ {2}qod-demo +([A-Za-z0-9_-]{32,}) +client_secret_basic/m.exec(text)?.[1];
      assert.ok(port && secret, text);
      for (const published of ['qod-demo-secret', 'qod-demo-post-secret', DEMO_PRIVATE_JWK.d])
        assert.ok(!text.includes(published), published);
      assert.match(text, /qod-demo-jwt private JWK: \{.*"d":/);
      assert.match(text, /public demo secrets do not work/);
      assert.doesNotMatch(text, /^ {2}qod-demo-public/m);
      const base = `http://127.0.0.1:${port}`;
      const token = await postForm(
        `${base}/token`,
        { grant_type: 'client_credentials', scope: `${V1} ${V0}` },
        { authorization: basic('qod-demo', secret) },
      );
      assert.equal(token.status, 200);
      const remote = { base } as RemoteSandbox;
      const allowed = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token.body.access_token, {
        ...createBody('+34666666661'),
        sink: `https://127.0.0.1:${listener.port}/n`,
      });
      assert.equal(allowed.status, 201, JSON.stringify(allowed.body));
      const refused = await call(remote, 'POST', `${V1_MOUNT}/sessions`, token.body.access_token, {
        ...createBody('+34666666662'),
        sink: `https://[::1]:${listener.port}/n`,
      });
      assert.equal(refused.body.code, 'INVALID_SINK');
    } finally {
      abort.abort();
      await running;
      await listener.close();
    }
  });
});

describe('A sandbox bound to loopback but published under a public URL that is not loopback', () => {
  it('is reached from other machines all the same: per-run clients, the public demo secret refused', async () => {
    const { startSandbox } = await import('../../src/sandbox/server');
    const published = await startSandbox({ clock: new ManualClock(), publicUrl: 'http://qod.example:8080' });
    const local = await startSandbox({ clock: new ManualClock(), publicUrl: 'http://localhost:8080' });
    try {
      assert.equal(published.reachableFromOtherMachines, true);
      assert.deepEqual(
        published.clients.map((c) => c.clientId),
        ['qod-demo', 'qod-demo-post', 'qod-demo-jwt'],
      );
      assert.ok(published.clients.every((c) => c.clientSecret !== 'qod-demo-secret' && c.clientSecret !== 'qod-demo-post-secret'));
      // The issuer is the public URL; the token endpoint is reached on the bound loopback address.
      const bound = (await import('node:url')).URL.parse(published.urls.discovery);
      assert.equal(bound?.host, 'qod.example:8080');
      assert.equal(local.reachableFromOtherMachines, false);
      assert.ok(
        local.clients.some((c) => c.clientSecret === 'qod-demo-secret'),
        'a loopback public URL keeps the demo clients',
      );
    } finally {
      await published.close();
      await local.close();
    }
  });
});

describe('qod sandbox --rate-limit and --max-sessions, for load-testing an app', () => {
  const start = async (args: string[]) => {
    const lines: string[] = [];
    const abort = new AbortController();
    const running = runSandbox(['--port', '0', ...args], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, abort.signal);
    const ready = await Promise.race([
      until(() => lines.some((l) => /running at/.test(l))),
      running.then(
        () => false,
        () => false,
      ),
    ]);
    const base = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(lines.join('\n'))?.[1];
    return {
      ready,
      base,
      stop: async () => {
        abort.abort();
        await running.catch(() => undefined);
      },
    };
  };

  it('--rate-limit off takes 300 requests a second from one client without a 429; the default answers 429', async () => {
    for (const [args, limited] of [
      [['--rate-limit', 'off'], false],
      [[], true],
    ] as const) {
      const sb = await start([...args]);
      try {
        assert.ok(sb.ready && sb.base);
        const token = await postForm(
          `${sb.base}/token`,
          { grant_type: 'client_credentials', scope: V1 },
          { authorization: basic('qod-demo', 'qod-demo-secret') },
        );
        const statuses = await Promise.all(
          Array.from({ length: 300 }, () =>
            request(`${sb.base}${V1_MOUNT}/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6`, {
              headers: { authorization: `Bearer ${token.body.access_token as string}` },
            }).then(async (r) => {
              await r.body.dump();
              return r.statusCode;
            }),
          ),
        );
        assert.equal(statuses.includes(429), limited, `${args.join(' ') || 'default'}: ${[...new Set(statuses)].join(', ')}`);
      } finally {
        await sb.stop();
      }
    }
  });

  it('bad values are usage errors before anything starts', async () => {
    for (const args of [
      ['--rate-limit', '0'],
      ['--rate-limit', 'fast'],
      ['--max-sessions', '0'],
      ['--max-sessions', '1.5'],
    ]) {
      await assert.rejects(runSandbox(['--port', '0', ...args], { out: () => undefined, err: () => undefined }), /must be/, args.join(' '));
    }
  });
});
