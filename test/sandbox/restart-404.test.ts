// The sandbox keeps its sessions in memory: one restarted on the same port (a VS Code reload) has none of the
// old ones, and a history Re-run of a request naming one gets a 404. That 404 says why, in CAMARA's error shape
// and with the same code as any unknown session.
import assert from 'node:assert/strict';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { api, clientCredentials } from '../support/client';

const SCOPES = 'quality-on-demand:sessions:create quality-on-demand:sessions:read qod-sessions-read';
const RESTARTED =
  /^The session ([0-9a-f-]{36}) does not exist\. This sandbox started at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC: sessions created before then are gone\.$/;

describe('Sandbox: a session from before a restart', function () {
  this.timeout(20_000);
  let b: Sandbox | undefined;
  const previous = getGlobalDispatcher();
  const fresh = new Agent();
  after(async () => {
    setGlobalDispatcher(previous);
    await Promise.all([b?.close(), fresh.close()]);
  });

  it('a 404 for a session created before the sandbox restarted on the same port says so, code unchanged', async () => {
    const a = await startSandbox({ rateLimit: false });
    let id: string;
    try {
      const token = await clientCredentials(a, SCOPES);
      const created = await api(a, 'v1', {
        method: 'POST',
        path: '/sessions',
        token,
        body: {
          device: { phoneNumber: '+34600000001' },
          applicationServer: { ipv4Address: '198.51.100.10' },
          qosProfile: 'QOS_E',
          duration: 60,
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      id = created.body.sessionId;
    } finally {
      await a.close();
    }
    // A client that starts afresh, as after a reload: no kept-alive connection to A is reused.
    setGlobalDispatcher(fresh);
    const port = Number(new URL(a.url).port);
    const before = Math.floor(Date.now() / 1000) * 1000;
    b = await startSandbox({ rateLimit: false, port });
    const afterStart = Date.now();
    assert.equal(b.url, a.url, 'the same address');
    const token = await clientCredentials(b, SCOPES);

    const gone = await api(b, 'v1', { method: 'GET', path: `/sessions/${id}`, token });
    assert.equal(gone.status, 404);
    assert.equal(gone.body.status, 404);
    assert.equal(gone.body.code, 'NOT_FOUND');
    const [, named, started] = RESTARTED.exec(gone.body.message) ?? [];
    assert.equal(named, id, gone.body.message);
    const startedAt = Date.parse(`${started!.replace(' ', 'T')}Z`);
    assert.ok(startedAt >= before && startedAt <= afterStart, `${started} is when B started`);

    // v0.10 keeps its own shape and code for the same case.
    const v010 = await api(b, 'v0.10', { method: 'GET', path: `/sessions/${id}`, token });
    assert.deepEqual([v010.status, v010.body.status, v010.body.code], [404, 404, 'NOT_FOUND']);
    assert.match(v010.body.message, RESTARTED);
  });
});
