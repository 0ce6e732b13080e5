// The session timeline's geometry follows the clock it is given: bars from first sighting to expiry, markers
// at status changes and extensions, the now-line where now is.
import assert from 'node:assert/strict';
import type { SessionTimelineView } from '../../src/shared/protocol';
import { LABEL_W, layoutTimeline, WIDTH } from '../../src/webview/app/timeline-model';

const T0 = Date.parse('2026-11-29T12:00:00Z');
const session = (id: string, startS: number, durationS: number, status: SessionTimelineView['status'], events: SessionTimelineView['events'] = []): SessionTimelineView => ({
  id, status, qosProfile: 'QOS_E', durationSeconds: durationS,
  expiresAt: new Date(T0 + (startS + durationS) * 1000).toISOString(),
  events: [{ at: T0 + startS * 1000, kind: 'seen', status: 'REQUESTED' }, ...events],
});

describe('session timeline layout', () => {
  it('places bars, markers and the now-line on one axis from the earliest start to the latest end, and moves with the clock', () => {
    const sessions = [
      session('aaaaaaaa-1', 0, 600, 'AVAILABLE', [{ at: T0 + 2_000, kind: 'status', status: 'AVAILABLE' }, { at: T0 + 300_000, kind: 'extended', status: 'AVAILABLE', detail: '+300 s' }]),
      session('bbbbbbbb-2', 300, 300, 'REQUESTED'),
    ];
    const at = (now: number) => layoutTimeline(sessions, now);
    const early = at(T0 + 60_000);
    assert.deepEqual([early.from, early.to], [T0, T0 + 600_000]);
    const [a, b] = early.bars;
    assert.ok(a && b);
    assert.equal(a.x, LABEL_W, 'the first session starts at the left of the axis');
    assert.ok(Math.abs(b.x - (LABEL_W + (WIDTH - LABEL_W - 8) / 2)) < 0.01, 'the second starts half way');
    assert.ok(Math.abs(a.x + a.width - (WIDTH - 8)) < 0.01, 'the first ends at the right');
    assert.equal(a.markers.length, 2);
    assert.match(a.markers[1]?.title ?? '', /extended \+300 s/);
    assert.match(a.label, /^aaaaaaaa · QOS_E · available · 9:00 left$/);
    const later = at(T0 + 420_000);
    assert.ok(later.nowX > early.nowX, 'the now-line moves right as time passes');
    assert.match(later.bars[0]?.label ?? '', /3:00 left$/);
    assert.match(at(T0 + 700_000).bars[0]?.label ?? '', /expired$/);
  });

  it('draws nothing odd for no sessions or a session with no events', () => {
    assert.deepEqual(layoutTimeline([], T0).bars, []);
    const lone = layoutTimeline([{ id: 'c', status: 'REQUESTED', qosProfile: 'QOS_S', durationSeconds: 60, events: [] }], T0);
    assert.equal(lone.bars.length, 1);
    assert.ok(Number.isFinite(lone.bars[0]?.x) && Number.isFinite(lone.bars[0]?.width));
  });
});
