import assert from 'node:assert/strict';
import { ManualClock } from '../../src/sandbox/clock';
import { startSandbox } from '../../src/sandbox/server';
import { api, clientCredentials } from '../support/client';

const body = (n: number) => ({
  device: { phoneNumber: `+3466600${String(n).padStart(4, '0')}` },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 60,
});

describe('Sandbox hardening', () => {
  it('binds to 127.0.0.1 by default', async () => {
    const sb = await startSandbox();
    try {
      assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sb.close();
    }
  });

  it('also runs on IPv6 loopback', async () => {
    const sb = await startSandbox({ host: '::1' });
    try {
      assert.match(sb.url, /^http:\/\/\[::1\]:\d+$/);
      const token = await clientCredentials(sb, 'qos-profiles:read');
      assert.equal((await api(sb, 'profiles-v1', { method: 'GET', path: '/qos-profiles/QOS_E', token })).status, 200);
    } finally {
      await sb.close();
    }
  });

  it('rate-limits each client with 429 TOO_MANY_REQUESTS and Retry-After, and recovers', async () => {
    const clock = new ManualClock();
    const sb = await startSandbox({ clock, rateLimit: { perSecond: 2, burst: 3 } });
    try {
      const token = await clientCredentials(sb, 'qos-profiles:read');
      const statuses: number[] = [];
      let retryAfter: unknown;
      for (let i = 0; i < 4; i++) {
        const reply = await api(sb, 'profiles-v1', { method: 'GET', path: '/qos-profiles/QOS_E', token });
        statuses.push(reply.status);
        if (reply.status === 429) {
          retryAfter = reply.headers['retry-after'];
          assert.equal(reply.body.code, 'TOO_MANY_REQUESTS');
        }
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.equal(retryAfter, '1');
      clock.advance(1000);
      assert.equal((await api(sb, 'profiles-v1', { method: 'GET', path: '/qos-profiles/QOS_E', token })).status, 200);
    } finally {
      await sb.close();
    }
  });

  it('caps the number of stored sessions with 429 QUOTA_EXCEEDED', async () => {
    const sb = await startSandbox({ rateLimit: false, maxSessions: 3 });
    try {
      const token = await clientCredentials(sb, 'quality-on-demand:sessions:create');
      for (let i = 0; i < 3; i++) {
        assert.equal((await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body(i) })).status, 201);
      }
      const full = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body(3) });
      assert.equal(full.status, 429);
      assert.equal(full.body.code, 'QUOTA_EXCEEDED');
    } finally {
      await sb.close();
    }
  });

  it('keeps terminated sessions readable for the configured retention', async () => {
    const clock = new ManualClock();
    const sb = await startSandbox({ clock, rateLimit: false, activationDelayMs: 0, retentionSeconds: 10 });
    try {
      const token = await clientCredentials(sb, 'quality-on-demand:sessions:create quality-on-demand:sessions:read');
      const created = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body(1) });
      clock.advance(60_000);
      assert.equal(
        (await api(sb, 'v1', { method: 'GET', path: `/sessions/${created.body.sessionId}`, token })).body.qosStatus,
        'UNAVAILABLE',
      );
      clock.advance(9_000);
      assert.equal((await api(sb, 'v1', { method: 'GET', path: `/sessions/${created.body.sessionId}`, token })).status, 200);
      clock.advance(1_000);
      assert.equal((await api(sb, 'v1', { method: 'GET', path: `/sessions/${created.body.sessionId}`, token })).status, 404);
      // The device is free again once its session has ended.
      assert.equal((await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: body(1) })).status, 201);
    } finally {
      await sb.close();
    }
  });
});
