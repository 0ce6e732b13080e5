// Retry-After at the live-session cap says when the soonest live session ends, and stays true as sessions are
// extended, deleted, activated and expire (the sandbox's clock moves, nothing waits). The soonest end is tracked
// (src/sandbox/qod/end-times.ts) rather than found by scanning every live session at each refusal. And `qod sandbox`,
// which sets the cap, names every wrong option at once.
import assert from 'node:assert/strict';
import { runSandbox } from '../../src/cli/sandbox-command';
import { EndTimes } from '../../src/sandbox/qod/end-times';
import { api, clientCredentials } from '../support/client';
import { withSandbox } from '../support/sandbox';

const SCOPES =
  'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:update quality-on-demand:sessions:delete';
const ACTIVATION_MS = 10_000;

describe('Sandbox: Retry-After at the live-session cap', () => {
  const { sb, clock } = withSandbox({ maxSessions: 3, activationDelayMs: ACTIVATION_MS }, { perTest: true, manualClock: true });
  let token: string;
  let device = 0;

  beforeEach(async () => {
    token = await clientCredentials(sb, SCOPES);
  });

  /** Creates a session for a new device (ending in 1: served normally); answers its id, or the refusal. */
  async function create(duration: number): Promise<{ status: number; id?: string; retryAfter?: number; code?: string }> {
    const phone = `+346000${String(device++).padStart(5, '0')}1`;
    const reply = await api(sb, 'v1', {
      method: 'POST',
      path: '/sessions',
      token,
      body: { device: { phoneNumber: phone }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration },
    });
    const retry = reply.headers['retry-after'];
    return {
      status: reply.status,
      id: reply.body?.sessionId,
      code: reply.body?.code,
      ...(retry === undefined ? {} : { retryAfter: Number(retry) }),
    };
  }

  async function retryAfter(): Promise<number | undefined> {
    const refused = await create(60);
    assert.equal(refused.status, 429, 'the cap is reached');
    assert.equal(refused.code, 'QUOTA_EXCEEDED');
    return refused.retryAfter;
  }

  const seconds = (ms: number) => clock.advance(ms);

  it('follows the soonest session through extend, delete, activation and expiry', async () => {
    const a = await create(100);
    const b = await create(200);
    const c = await create(300);
    assert.deepEqual([a.status, b.status, c.status], [201, 201, 201]);
    seconds(ACTIVATION_MS);
    // All three AVAILABLE since 10 s: a ends in 100 s.
    assert.equal(await retryAfter(), 100);
    seconds(10_000);
    assert.equal(await retryAfter(), 90, 'counts down with the clock');

    // Extending the soonest moves it back: b (ends 200 s after activation, 190 s from now) is next.
    const extended = await api(sb, 'v1', {
      method: 'POST',
      path: `/sessions/${a.id}/extend`,
      token,
      body: { requestedAdditionalDuration: 500 },
    });
    assert.equal(extended.status, 200, JSON.stringify(extended.body));
    assert.equal(await retryAfter(), 190);

    // Deleting the soonest (and refilling its place with a longer one): c (300 s after activation, 290 s from now).
    assert.equal((await api(sb, 'v1', { method: 'DELETE', path: `/sessions/${b.id}`, token })).status, 204);
    assert.equal((await create(3000)).status, 201);
    assert.equal(await retryAfter(), 290);
  });

  it('a session not yet AVAILABLE ends its duration after its scheduled activation, however long ago it was requested', async () => {
    const long = [await create(3000), await create(3000)];
    assert.ok(long.every((s) => s.status === 201));
    const pending = await create(50);
    assert.equal(pending.status, 201);
    // 9 s into its 10 s activation delay: it will end in 1 + 50 s, not 10 + 50 s from now.
    seconds(9_000);
    assert.equal(await retryAfter(), 51);
    seconds(1_000);
    assert.equal(await retryAfter(), 50, 'activated on time: the same end');
  });

  it('when the soonest session expires, the next one is named, and its place can be taken', async () => {
    const short = await create(20);
    const mid = await create(400);
    const late = await create(3000);
    assert.ok([short, mid, late].every((s) => s.status === 201));
    seconds(ACTIVATION_MS);
    assert.equal(await retryAfter(), 20);
    seconds(20_000);
    // `short` expired (DURATION_EXPIRED): a slot is free, and once taken, `mid` is the soonest.
    const got = await api(sb, 'v1', { method: 'GET', path: `/sessions/${short.id}`, token });
    assert.equal(got.body.statusInfo, 'DURATION_EXPIRED');
    assert.equal((await create(5000)).status, 201);
    assert.equal(await retryAfter(), 380);
    // Deleting every live session and refilling: only the new ones count.
    for (const s of [mid, late]) assert.equal((await api(sb, 'v1', { method: 'DELETE', path: `/sessions/${s.id}`, token })).status, 204);
    assert.equal((await create(7000)).status, 201);
    assert.equal((await create(9000)).status, 201);
    // The 5000 s one, still REQUESTED, is the soonest: 10 s to its activation, then its 5000 s.
    assert.equal(await retryAfter(), ACTIVATION_MS / 1000 + 5000);
  });
});

/**
 * A seeded generator, the same run every time so a failure can be replayed: the classic LCG, seed' = (a·seed + c)
 * mod 2^31, in 32-bit integer arithmetic (Math.imul): a·seed in plain numbers goes past 2^53 and loses its low bits.
 */
function seededRandom(seed: number): (n: number) => number {
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
}

describe('EndTimes (the soonest end of the live sessions)', () => {
  it('is driven by an exact seeded generator (the LCG computed in BigInt agrees, step after step)', () => {
    const random = seededRandom(42);
    let exact = 42n;
    for (let step = 0; step < 1000; step++) {
      exact = (exact * 1103515245n + 12345n) % 2n ** 31n;
      assert.equal(random(2 ** 31), Number(exact), `step ${step}`);
    }
  });

  it('agrees with a scan of every item after any mix of set, move and delete', () => {
    const random = seededRandom(42);
    const heap = new EndTimes<number>();
    const model = new Map<number, number>();
    for (let step = 0; step < 20_000; step++) {
      const item = random(300);
      const op = random(3);
      if (op === 2) {
        heap.delete(item);
        model.delete(item);
      } else {
        const at = random(1_000_000);
        heap.set(item, at);
        model.set(item, at);
      }
      const expected = model.size === 0 ? undefined : Math.min(...model.values());
      assert.equal(heap.soonest(), expected, `step ${step}`);
      assert.equal(heap.size, model.size);
    }
    heap.clear();
    assert.equal(heap.soonest(), undefined);
  });
});

describe('qod sandbox: every wrong option at once', () => {
  it('names each bad option (and what it got) in one usage error, before anything is bound', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    await assert.rejects(
      runSandbox(['--port', 'x', '--v0-flavour', 'v2', '--rate-limit', 'fast', '--max-sessions', '0', '--host', '0.0.0.0'], io),
      (error: Error) => {
        assert.equal(error.name, 'UsageError');
        for (const expected of [
          /--host 0\.0\.0\.0 is not a loopback address/,
          /--v0-flavour must be v0\.8 or v0\.10 \(got v2\)/,
          /--port must be an integer 0\.\.65535 \(got x\)/,
          /--rate-limit must be off or an integer.*got fast/,
          /--max-sessions must be an integer 1\.\.1000000.*got 0/,
        ]) {
          assert.match(error.message, expected);
        }
        return true;
      },
    );
    assert.deepEqual(lines, [], 'nothing started, nothing printed');
  });
});
