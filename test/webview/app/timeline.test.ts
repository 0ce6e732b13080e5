// The session timeline's geometry follows the clock it is given: bars from first sighting to their end (a
// deleted session's at its deletion), markers at status changes and extensions, the now-line where now is, and
// a clock-time axis with round ticks.
import assert from 'node:assert/strict';
import type { SessionTimelineView } from '../../../src/shared/protocol';
import { layoutTimeline, MARGIN, WIDTH } from '../../../src/webview/app/timeline-model';

const T0 = Date.parse('2026-11-29T12:00:00Z');
const session = (
  id: string,
  startS: number,
  durationS: number,
  status: SessionTimelineView['status'],
  events: SessionTimelineView['events'] = [],
): SessionTimelineView => ({
  id,
  status,
  qosProfile: 'QOS_E',
  durationSeconds: durationS,
  expiresAt: new Date(T0 + (startS + durationS) * 1000).toISOString(),
  events: [{ at: T0 + startS * 1000, kind: 'seen', status: 'REQUESTED' }, ...events],
});

describe('session timeline layout', () => {
  it('places bars, markers and the now-line on one axis from the earliest start to the latest end, and moves with the clock', () => {
    const sessions = [
      session('aaaaaaaa-1', 0, 600, 'AVAILABLE', [
        { at: T0 + 2_000, kind: 'status', status: 'AVAILABLE' },
        { at: T0 + 300_000, kind: 'extended', status: 'AVAILABLE', detail: '+300 s' },
      ]),
      session('bbbbbbbb-2', 300, 300, 'REQUESTED'),
    ];
    const at = (now: number) => layoutTimeline(sessions, now);
    const early = at(T0 + 60_000);
    assert.deepEqual([early.from, early.to], [T0, T0 + 600_000]);
    const [a, b] = early.bars;
    assert.ok(a && b);
    assert.equal(a.x, MARGIN, 'the first session starts at the left of the axis');
    assert.ok(Math.abs(b.x - WIDTH / 2) < 0.01, 'the second starts half way');
    assert.ok(Math.abs(a.x + a.width - (WIDTH - MARGIN)) < 0.01, 'the first ends at the right');
    assert.equal(a.markers.length, 2);
    assert.match(a.markers[1]?.title ?? '', /extended \+300 s/);
    assert.match(a.label, /^aaaaaaaa · QOS_E · available · 9:00 left$/);
    const later = at(T0 + 420_000);
    assert.ok(later.nowX > early.nowX, 'the now-line moves right as time passes');
    assert.match(later.bars[0]?.label ?? '', /3:00 left$/);
    assert.match(at(T0 + 700_000).bars[0]?.label ?? '', /expired$/);
  });

  it("ends a deleted session's bar at its deletion, not at its planned expiry", () => {
    const deleted = session('dddddddd-4', 0, 600, 'UNAVAILABLE', [
      { at: T0 + 120_000, kind: 'status', status: 'UNAVAILABLE', detail: 'DELETE_REQUESTED' },
    ]);
    const live = session('eeeeeeee-5', 0, 600, 'AVAILABLE');
    const { bars } = layoutTimeline([{ ...deleted, statusInfo: 'DELETE_REQUESTED' }, live], T0 + 180_000);
    const [d, l] = bars;
    assert.ok(d && l);
    assert.ok(
      Math.abs(d.x + d.width - (MARGIN + (WIDTH - 2 * MARGIN) * 0.2)) < 0.01,
      `ends at 2 of 10 minutes, not at 10: ${d.x + d.width}`,
    );
    assert.ok(Math.abs(l.x + l.width - (WIDTH - MARGIN)) < 0.01, 'the live one still ends at its expiry');
  });

  it('has a time axis: round clock-time ticks across the span, at most one per 72 px, labelled', () => {
    const sessions = [session('aaaaaaaa-1', 0, 600, 'AVAILABLE')];
    const { ticks, from, to } = layoutTimeline(sessions, T0 + 60_000, 700);
    assert.ok(ticks.length >= 3 && ticks.length <= 8, `${ticks.length} ticks`);
    const step = (ticks[1]?.at ?? 0) - (ticks[0]?.at ?? 0);
    assert.equal(step, 120_000, 'a round step: 2 minutes over 10 minutes of 700 px');
    for (const t of ticks) {
      assert.ok(t.at >= from && t.at <= to && t.at % step === 0);
      assert.ok(t.x >= MARGIN && t.x <= 700 - MARGIN);
      assert.match(t.label, /^\d\d:\d\d$/);
    }
    const short = layoutTimeline([session('bbbbbbbb-2', 0, 30, 'AVAILABLE')], T0 + 1_000, 700).ticks;
    assert.match(short[0]?.label ?? '', /^\d\d:\d\d:\d\d$/, 'seconds when the ticks are seconds apart');
    assert.ok(layoutTimeline(sessions, T0 + 60_000, 320).ticks.length <= 4, 'fewer ticks in a narrow pane');
  });

  it('draws nothing odd for no sessions or a session with no events', () => {
    assert.deepEqual(layoutTimeline([], T0).bars, []);
    const lone = layoutTimeline([{ id: 'c', status: 'REQUESTED', qosProfile: 'QOS_S', durationSeconds: 60, events: [] }], T0);
    assert.equal(lone.bars.length, 1);
    assert.ok(Number.isFinite(lone.bars[0]?.x) && Number.isFinite(lone.bars[0]?.width));
  });
});
