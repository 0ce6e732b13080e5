// The control endpoint of network scripts, attacked: no token, a wrong or foreign token, bad scripts, bad bodies, a
// huge body, devices it cannot name, methods it does not take, a browser's preflight; always a JSON ErrorInfo naming
// the field, never a 5xx, never CORS.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { ManualClock } from '../../src/sandbox/clock';
import { SessionStore } from '../../src/sandbox/qod/sessions';
import { startSandbox } from '../../src/sandbox/server';
import { MAX_SCRIPTED_DEVICES } from '../../src/sandbox/qod/network-timeline';
import { clientCredentials } from '../support/client';
import { withSandbox } from '../support/sandbox';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

async function send(
  url: string,
  method: string,
  options: { token?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await request(url, { method: method as 'GET', headers, body: options.body });
  const text = await res.body.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Said by the assertion that reads it.
  }
  return { status: res.statusCode, headers: res.headers, body };
}

/** An ErrorInfo `{status, code, message}` with this status, whose message matches. */
function assertError(answer: Answer, status: number, code: string, message: RegExp): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'message', 'status']);
  assert.equal(answer.body.status, status);
  assert.equal(answer.body.code, code);
  assert.match(answer.body.message, message);
  assert.equal(answer.headers['access-control-allow-origin'], undefined, 'no CORS');
}

describe('Network scripts control endpoint (PUT/GET/DELETE /sandbox/v1/network/devices/{device})', () => {
  const { sb } = withSandbox({});
  let token: string;
  const at = (device: string) => `${sb.urls.networkControl}/${encodeURIComponent(device)}`;
  const put = (device: string, body: unknown, t = token) => send(at(device), 'PUT', { token: t, body: JSON.stringify(body) });

  before(async () => {
    token = await clientCredentials(sb, 'qod-profiles-read');
  });

  it('sets, reads, lists and clears a script with any access token of the sandbox (any scope)', async () => {
    const set = await put('+34666666661', { script: 'network-ends:30s' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(
      { ...set.body, description: undefined },
      { device: 'tel:+34666666661', script: 'network-ends:30s', description: undefined, withdrawnProfiles: [] },
    );
    assert.equal(set.headers['cache-control'], 'no-store');
    const read = await send(at('34666666661'), 'GET', { token });
    assert.deepEqual(read.body, set.body, 'the same device, however written');
    const list = await send(sb.urls.networkControl, 'GET', { token });
    assert.ok(list.body.devices.some((d: { device: string }) => d.device === 'tel:+34666666661'));
    const cleared = await send(at('tel:+34666666661'), 'DELETE', { token });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.script, null);
    assert.match(cleared.body.description, /^No script: the last digit of the device decides/);
    assert.equal((await send(at('+34666666661'), 'DELETE', { token })).status, 200, 'clearing twice is fine');
  });

  it('refuses without a token, with a malformed one, and with one another sandbox issued (401, nothing changes)', async () => {
    const other = await startSandbox({ rateLimit: false });
    try {
      const foreign = await clientCredentials(other, 'qod-profiles-read');
      for (const t of [undefined, 'not-a-token', foreign]) {
        const answer = await send(at('+34666666662'), 'PUT', { token: t, body: JSON.stringify({ script: 'unavailable-on-create' }) });
        assertError(answer, 401, 'UNAUTHENTICATED', /^Request not authenticated/);
      }
      const basic = await send(at('+34666666662'), 'GET', { headers: { authorization: 'Basic cW9kLWRlbW86cW9kLWRlbW8tc2VjcmV0' } });
      assertError(basic, 401, 'UNAUTHENTICATED', /Authorization must be "Bearer <access token>"/);
      assert.equal((await send(at('+34666666662'), 'GET', { token })).body.script, null, 'nothing was set');
    } finally {
      await other.close();
    }
  });

  it('refuses bad scripts and bodies with 400 naming the field', async () => {
    assertError(
      await put('+34666666663', { script: 'network-ends:soon' }),
      400,
      'INVALID_ARGUMENT',
      /^script: network-ends: the time must be 1 to 86400 seconds/,
    );
    assertError(await put('+34666666663', { script: 42 }), 400, 'INVALID_ARGUMENT', /^script: must be a string/);
    assertError(await put('+34666666663', {}), 400, 'INVALID_ARGUMENT', /^script: must be a string/);
    assertError(
      await put('+34666666663', { script: 'network-ends:30s', extra: 1 }),
      400,
      'INVALID_ARGUMENT',
      /^extra: is not a field here \(only "script"\)$/,
    );
    assertError(await put('+34666666663', ['network-ends:30s']), 400, 'INVALID_ARGUMENT', /^body: must be an object/);
    assertError(await put('+34666666663', null), 400, 'INVALID_ARGUMENT', /^body: must be an object/);
    const notJson = await send(at('+34666666663'), 'PUT', { token, body: '{"script":' });
    assertError(notJson, 400, 'INVALID_ARGUMENT', /^body: must be JSON/);
    const form = await send(at('+34666666663'), 'PUT', {
      token,
      body: 'script=network-ends:30s',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assertError(form, 400, 'INVALID_ARGUMENT', /^Content-Type must be application\/json \(got "application\/x-www-form-urlencoded"\)$/);
    assertError(
      await send(at('+34666666663'), 'PUT', { token }),
      400,
      'INVALID_ARGUMENT',
      /^Content-Type must be application\/json \(got none\)$/,
    );
    assert.equal((await send(at('+34666666663'), 'GET', { token })).body.script, null, 'nothing was set');
  });

  it('refuses a huge body (400), both past its own bound and past the sandbox-wide one', async () => {
    const big = JSON.stringify({ script: 'x'.repeat(5000) });
    assertError(await send(at('+34666666664'), 'PUT', { token, body: big }), 400, 'INVALID_ARGUMENT', /^body: must be at most 4096 bytes/);
    const huge = JSON.stringify({ script: 'x'.repeat(200_000) });
    assertError(
      await send(at('+34666666664'), 'PUT', { token, body: huge }),
      400,
      'INVALID_ARGUMENT',
      /^body: request body is larger than 64 KiB/,
    );
  });

  it('refuses devices it cannot name (400 device: …) and paths that are not a device (404)', async () => {
    for (const device of ['alice@example.com', '+0123', '203.0.113.256', 'x'.repeat(400), '%E0%A4%A']) {
      const answer = await send(`${sb.urls.networkControl}/${device === '%E0%A4%A' ? device : encodeURIComponent(device)}`, 'GET', {
        token,
      });
      assertError(
        answer,
        400,
        'INVALID_ARGUMENT',
        device === '%E0%A4%A' ? /not valid percent-encoding/ : /^device: must be a phone number/,
      );
    }
    assertError(await send(`${at('+34666666661')}/more`, 'GET', { token }), 404, 'NOT_FOUND', /^No such endpoint/);
  });

  it('answers other methods, and a browser preflight, 405 with Allow and no CORS headers', async () => {
    for (const method of ['POST', 'PATCH', 'OPTIONS']) {
      const answer = await send(at('+34666666661'), method, {
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
      });
      assertError(answer, 405, 'METHOD_NOT_ALLOWED', new RegExp(`^${method} is not allowed here; use GET, PUT, DELETE$`));
      assert.equal(answer.headers.allow, 'GET, PUT, DELETE');
    }
    assertError(await send(sb.urls.networkControl, 'PUT', { token, body: '{}' }), 405, 'METHOD_NOT_ALLOWED', /use GET$/);
  });

  it(`holds scripts for at most ${MAX_SCRIPTED_DEVICES} (409 beyond); a client replaces and clears its own`, async () => {
    // The sandbox's own scripts fill all but one place; a client's scripts are its own (kept apart per client).
    const local = await startSandbox({
      rateLimit: false,
      networkScripts: Object.fromEntries(
        Array.from({ length: MAX_SCRIPTED_DEVICES - 1 }, (_, i) => [`+3460${String(i).padStart(7, '0')}`, 'network-ends:30s']),
      ),
    });
    try {
      const t = await clientCredentials(local, 'qod-profiles-read');
      const url = (device: string) => `${local.urls.networkControl}/${encodeURIComponent(device)}`;
      const put = (device: string, script: string) => send(url(device), 'PUT', { token: t, body: JSON.stringify({ script }) });
      assert.equal((await put('+34699999998', 'network-ends:30s')).status, 200, 'the last place');
      assertError(await put('+34699999999', 'network-ends:30s'), 409, 'CONFLICT', /at most 1000 devices: clear some first/);
      assert.equal((await put('+34699999998', 'available-after:5s')).status, 200, 'replacing its own is fine');
      const cleared = await send(url('+34699999998'), 'DELETE', { token: t });
      assert.deepEqual([cleared.status, cleared.body.script], [200, null]);
      assert.equal((await put('+34699999999', 'network-ends:30s')).status, 200, 'a place again');
      // Clearing its own override of a sandbox-wide script leaves the sandbox's.
      assert.equal((await put('+34600000001', 'available-after:5s')).status, 409, 'the override would be a new place');
      const wide = await send(url('+34600000001'), 'DELETE', { token: t });
      assert.deepEqual([wide.status, wide.body.script], [200, 'network-ends:30s']);
    } finally {
      await local.close();
    }
  });
});

describe('Network script steps and the session store', () => {
  const init = {
    flavour: 'v1' as const,
    clientId: 'c',
    deviceKey: 'tel:+34666666661',
    request: {},
    qosProfile: 'QOS_E',
    duration: 600,
    maxDuration: 3600,
  };

  it('cancels the steps still to come when the store closes, and when the session ends first', () => {
    const clock = new ManualClock();
    const store = new SessionStore(clock, { activationDelayMs: 1000, retentionSeconds: 360, maxSessions: 10 }, () => undefined);
    const ran: string[] = [];
    store.create(init, { steps: [{ afterMs: 30_000, run: () => ran.push('closed') }] });
    const deleted = store.create(
      { ...init, deviceKey: 'tel:+34666666662' },
      { steps: [{ afterMs: 30_000, run: () => ran.push('deleted') }] },
    );
    clock.advance(1000);
    store.delete(deleted);
    store.close();
    clock.advance(60_000);
    assert.deepEqual(ran, []);
  });
});
