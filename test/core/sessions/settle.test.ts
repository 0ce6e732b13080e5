// The one "wait until the session settles" loop, on a ManualClock: no real waiting.
import { strict as assert } from 'node:assert';
import { ManualClock, sleepOn } from '../../../src/core/clock';
import type { SessionView } from '../../../src/core/camara/normalise';
import { CancelledError } from '../../../src/core/errors';
import { settle } from '../../../src/core/sessions/settle';

const view = (status: SessionView['status']): SessionView => ({
  flavour: 'v1',
  id: 's-1',
  status,
  qosProfile: 'QOS_E',
  durationSeconds: 60,
});

/** A fake get answering `statuses` in turn (the last one again after that), recording when it was asked. */
function fakeGet(clock: ManualClock, statuses: SessionView['status'][]) {
  const readAt: number[] = [];
  const read = async () => {
    readAt.push(clock.now());
    return { value: view(statuses[Math.min(readAt.length - 1, statuses.length - 1)] ?? 'REQUESTED') };
  };
  return { read, readAt };
}

/** Moves the clock in steps, letting the loop's promises run between them. */
async function advance(clock: ManualClock, ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.advance(step);
    await new Promise((r) => setImmediate(r));
  }
}

describe('settle: wait until a REQUESTED session settles', () => {
  it('stops at the first AVAILABLE, after the given delays', async () => {
    const clock = new ManualClock(0);
    const { read, readAt } = fakeGet(clock, ['REQUESTED', 'AVAILABLE']);
    const outcome = settle({ read, delaysMs: [1000, 2000, 4000], sleep: sleepOn(clock) });
    await advance(clock, 10_000);
    const done = await outcome;
    assert.equal(done.kind, 'settled');
    assert.equal(done.kind === 'settled' && done.result.value.status, 'AVAILABLE');
    assert.deepEqual(readAt, [1000, 3000]);
  });

  it('stops at UNAVAILABLE (the network refused it)', async () => {
    const clock = new ManualClock(0);
    const { read, readAt } = fakeGet(clock, ['UNAVAILABLE']);
    const outcome = settle({ read, delaysMs: [1000, 1000], sleep: sleepOn(clock) });
    await advance(clock, 5000);
    const done = await outcome;
    assert.equal(done.kind === 'settled' && done.result.value.status, 'UNAVAILABLE');
    assert.equal(readAt.length, 1);
  });

  it('stops at the bound: one read per delay, then a timeout with the last answer', async () => {
    const clock = new ManualClock(0);
    const { read, readAt } = fakeGet(clock, ['REQUESTED']);
    const outcome = settle({ read, delaysMs: [1000, 1000, 1000], sleep: sleepOn(clock) });
    await advance(clock, 60_000);
    const done = await outcome;
    assert.equal(done.kind, 'timeout');
    assert.equal(done.kind === 'timeout' && done.result?.value.status, 'REQUESTED');
    assert.deepEqual(readAt, [1000, 2000, 3000]);
  });

  it('honours cancellation: the wait rejects with CancelledError and reads no more', async () => {
    const clock = new ManualClock(0);
    const { read, readAt } = fakeGet(clock, ['REQUESTED']);
    const cancel = new AbortController();
    const outcome = settle({ read, delaysMs: [1000, 1000, 1000], sleep: sleepOn(clock), signal: cancel.signal });
    await advance(clock, 1500);
    cancel.abort();
    await assert.rejects(outcome, CancelledError);
    await advance(clock, 5000);
    assert.equal(readAt.length, 1);
  });

  it('a failed read ends the wait with that error (no retry, as before)', async () => {
    const clock = new ManualClock(0);
    let reads = 0;
    const read = async () => {
      reads += 1;
      throw new Error('503 from the provider');
    };
    const outcome = settle({ read, delaysMs: [1000, 1000], sleep: sleepOn(clock) });
    const rejected = assert.rejects(outcome, /503/);
    await advance(clock, 5000);
    await rejected;
    assert.equal(reads, 1);
  });

  it('ends as gone when the session is no longer known', async () => {
    const clock = new ManualClock(0);
    const outcome = settle({ read: async () => undefined, delaysMs: [1000], sleep: sleepOn(clock) });
    await advance(clock, 1000);
    assert.deepEqual(await outcome, { kind: 'gone' });
  });
});
