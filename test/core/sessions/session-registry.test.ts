// The sessions registry in the core, on a ManualClock: its small emitter and its expiry timer (fires at the
// soonest expiry, looking again at least once a minute), with no real waiting.
import { strict as assert } from 'node:assert';
import { ManualClock } from '../../../src/core/clock';
import type { SessionView } from '../../../src/core/camara/normalise';
import { SessionRegistry } from '../../../src/core/sessions/session-registry';

const START = Date.parse('2026-01-01T10:00:00Z');

function session(id: string, expiresInMs: number, clock: ManualClock): SessionView {
  const expiresAt = new Date(clock.now() + expiresInMs).toISOString();
  return {
    flavour: 'v1',
    id,
    status: 'AVAILABLE',
    qosProfile: 'QOS_E',
    durationSeconds: 600,
    startedAt: new Date(clock.now()).toISOString(),
    expiresAt,
  };
}

describe('SessionRegistry (core)', () => {
  it('tells its listeners of each change, until they dispose', () => {
    const clock = new ManualClock(START);
    const registry = new SessionRegistry(clock);
    let heard = 0;
    const listening = registry.onDidChange(() => {
      heard += 1;
    });
    registry.upsert('sandbox', session('a', 600_000, clock));
    registry.markUnreadable('sandbox', 'a', 'not readable with the current sign-in (403 PERMISSION_DENIED)');
    assert.equal(heard, 2);
    listening.dispose();
    registry.remove('sandbox', 'a');
    assert.equal(heard, 2, 'a disposed listener hears nothing more');
    registry.dispose();
  });

  it('records events at the clock time', () => {
    const clock = new ManualClock(START);
    const registry = new SessionRegistry(clock);
    registry.upsert('sandbox', { ...session('a', 600_000, clock), status: 'REQUESTED' });
    clock.advance(2000);
    registry.upsert('sandbox', session('a', 600_000, clock));
    assert.deepEqual(
      registry.find('sandbox', 'a')?.events.map((e) => [e.kind, e.at - START]),
      [
        ['seen', 0],
        ['status', 2000],
      ],
    );
    registry.dispose();
  });

  it('fires at the soonest expiry, looking again each minute before a far one', () => {
    const clock = new ManualClock(START);
    const registry = new SessionRegistry(clock);
    registry.upsert('sandbox', session('far', 150_000, clock));
    registry.upsert('sandbox', session('near', 90_000, clock));
    const heardAt: number[] = [];
    registry.onDidChange(() => heardAt.push(clock.now() - START));
    clock.advance(60_000);
    assert.deepEqual(heardAt, [], 'the minute check finds nothing expired yet');
    assert.equal(registry.active('sandbox').length, 2);
    clock.advance(30_000);
    assert.deepEqual(heardAt, [90_000], 'the nearer expiry is heard the moment it passes');
    assert.deepEqual(
      registry.active('sandbox').map((s) => s.id),
      ['far'],
    );
    clock.advance(60_000);
    assert.deepEqual(heardAt, [90_000, 150_000]);
    assert.deepEqual(registry.active('sandbox'), []);
    clock.advance(600_000);
    assert.equal(heardAt.length, 2, 'nothing left to expire: no more changes');
    registry.dispose();
  });

  it('stops its expiry timer on dispose', () => {
    const clock = new ManualClock(START);
    const registry = new SessionRegistry(clock);
    let heard = 0;
    registry.upsert('sandbox', session('a', 30_000, clock));
    registry.onDidChange(() => {
      heard += 1;
    });
    registry.dispose();
    clock.advance(60_000);
    assert.equal(heard, 0);
  });

  it('QoS assignments: a provisioning event updates a known one (status, statusInfo, startedAt once), and ignores others', () => {
    const clock = new ManualClock(START);
    const registry = new SessionRegistry(clock);
    const id = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
    registry.upsertAssignment('sandbox', { id, status: 'REQUESTED', qosProfile: 'QOS_E' }, 'application');
    const event = (status: 'AVAILABLE' | 'UNAVAILABLE', statusInfo?: 'DELETE_REQUESTED') => ({
      assignmentId: id,
      status,
      statusInfo,
      event: {},
    });
    assert.equal(registry.applyAssignmentNotification('sandbox', { ...event('AVAILABLE'), assignmentId: 'other' }), undefined);
    const available = registry.applyAssignmentNotification('sandbox', event('AVAILABLE'));
    assert.deepEqual(available, { id, status: 'AVAILABLE', qosProfile: 'QOS_E', startedAt: new Date(START).toISOString() });
    clock.advance(5_000);
    const revoked = registry.applyAssignmentNotification('sandbox', event('UNAVAILABLE', 'DELETE_REQUESTED'));
    assert.deepEqual(revoked, {
      id,
      status: 'UNAVAILABLE',
      statusInfo: 'DELETE_REQUESTED',
      qosProfile: 'QOS_E',
      startedAt: new Date(START).toISOString(),
    });
    assert.equal(registry.findAssignment('sandbox', id)?.readableWith, 'application', 'who could read it is kept');
    registry.dispose();
  });
});
