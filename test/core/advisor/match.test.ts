// The advisor's matching rules, as a table of cases: exact fit, over-provisioned, partial information, nothing fits,
// and the rules each case rests on (rates guaranteed or not, the loss exponent, duration bounds, INACTIVE).
import assert from 'node:assert/strict';
import { adviseProfiles, RANKING, RULES } from '../../../src/core/advisor/match';
import { parseNeedsText, type AppNeeds } from '../../../src/core/advisor/needs';
import type { QosProfile } from '../../../src/core/camara/fields';
import { DEFAULT_PROFILES } from '../../../src/sandbox/qod/profiles';

const ms = (value: number) => ({ value, unit: 'Milliseconds' as const });
const mbps = (value: number) => ({ value, unit: 'Mbps' as const });
const kbps = (value: number) => ({ value, unit: 'kbps' as const });
const minutes = (value: number) => ({ value, unit: 'Minutes' as const });

function needs(words: string): AppNeeds {
  const r = parseNeedsText(words);
  assert.ok(r.ok);
  return r.needs;
}

const profile = (name: string, fields: Partial<QosProfile> = {}): QosProfile => ({ name, status: 'ACTIVE', ...fields });

/** A catalogue of an imaginary operator, sized like CAMARA's examples. */
const CATALOGUE: QosProfile[] = [
  profile('VOICE', {
    packetDelayBudget: ms(50),
    jitter: ms(10),
    targetMinUpstreamRate: kbps(500),
    targetMinDownstreamRate: kbps(500),
    packetErrorLossRate: 3,
  }),
  profile('VIDEO_HD', {
    packetDelayBudget: ms(100),
    jitter: ms(20),
    targetMinUpstreamRate: mbps(2),
    targetMinDownstreamRate: mbps(4),
    packetErrorLossRate: 4,
  }),
  profile('VIDEO_4K', {
    packetDelayBudget: ms(100),
    jitter: ms(20),
    targetMinUpstreamRate: mbps(10),
    targetMinDownstreamRate: mbps(25),
    packetErrorLossRate: 4,
  }),
  profile('BULK', { packetDelayBudget: ms(300), targetMinDownstreamRate: mbps(50), maxUpstreamRate: mbps(20) }),
];

describe('Advisor matching rules', () => {
  it('explains every rule and every ranking step in words', () => {
    assert.deepEqual(
      RULES.map((r) => r.need),
      ['maxLatencyMs', 'maxJitterMs', 'minUpstreamBps', 'minDownstreamBps', 'maxLossRate', 'durationSeconds'],
    );
    for (const rule of RULES) assert.match(rule.explanation, /^\w+: met when /);
    assert.ok(RANKING.length >= 5);
  });

  it('exact fit: recommends the profile that states exactly the needs, every need met with no margin', () => {
    const advice = adviseProfiles(needs('latency<=50ms jitter<=10ms up>=500kbps down>=500kbps loss<=1e-3'), CATALOGUE);
    assert.equal(advice.recommended?.name, 'VOICE');
    assert.equal(advice.recommended?.overProvision, 0);
    assert.equal(advice.summary, 'Use VOICE.');
    assert.deepEqual(advice.recommended?.reasons, [
      'VOICE meets every stated need',
      'latency: packet delay budget 50 ms, exactly the 50 ms needed',
      'jitter: jitter 10 ms, exactly the 10 ms needed',
      'up: targetMinUpstreamRate 500 kbps, exactly the 500 kbps needed',
      'down: targetMinDownstreamRate 500 kbps, exactly the 500 kbps needed',
      'loss: packet loss 1e-3, exactly the 1e-3 needed',
    ]);
  });

  it('over-provisioned: of the profiles that fit, picks the smaller adequate one, and ranks the bigger after it', () => {
    const advice = adviseProfiles(needs('latency<=100ms up>=2Mbps down>=4Mbps'), CATALOGUE);
    assert.equal(advice.recommended?.name, 'VIDEO_HD');
    assert.deepEqual(
      advice.ranked.map((p) => [p.name, p.fits]),
      [
        ['VIDEO_HD', true],
        ['VIDEO_4K', true],
        ['BULK', false],
        ['VOICE', false],
      ],
    );
    const hd = advice.ranked[0]!;
    const fourK = advice.ranked[1]!;
    assert.ok(hd.overProvision < fourK.overProvision);
    // 4K: latency exact (0), up 10/2 (log10 5), down 25/4 (log10 6.25).
    assert.equal(fourK.overProvision, Math.round((Math.log10(5) + Math.log10(6.25)) * 1e6) / 1e6);
    assert.match(fourK.reasons[3]!, /^down: targetMinDownstreamRate 25 Mbps, 4 Mbps needed \(margin 21 Mbps\)$/);
  });

  it('partial information: a profile that does not state a need ranks below a full fit, and says so', () => {
    const catalogue = [
      profile('FULL', { packetDelayBudget: ms(40), jitter: ms(5), targetMinDownstreamRate: mbps(8) }),
      // Smaller (closer to the needs), but silent about jitter.
      profile('SILENT', { packetDelayBudget: ms(50), targetMinDownstreamRate: mbps(4) }),
    ];
    const advice = adviseProfiles(needs('latency<=50ms jitter<=10ms down>=4Mbps'), catalogue);
    assert.equal(advice.recommended?.name, 'FULL');
    const silent = advice.ranked[1]!;
    assert.equal(silent.name, 'SILENT');
    assert.equal(silent.fits, true);
    assert.equal(silent.unstated, 1);
    assert.equal(silent.reasons[0]!, 'SILENT meets every stated need, but the operator does not state or guarantee jitter');
    assert.equal(silent.verdicts[1]!.sentence, 'jitter: the operator states no jitter for this profile');
    // Alone, the partial profile is recommended, and the summary says it is partial.
    const alone = adviseProfiles(needs('latency<=50ms jitter<=10ms down>=4Mbps'), [catalogue[1]!]);
    assert.equal(alone.summary, 'Use SILENT (partly: 1 need not stated or not guaranteed by the operator).');
  });

  it('nothing fits: says so, names the closest profile and the relaxation that would make it fit', () => {
    const advice = adviseProfiles(needs('latency<=20ms up>=2Mbps down>=4Mbps'), CATALOGUE);
    assert.equal(advice.recommended, undefined);
    assert.equal(advice.closest?.name, 'VIDEO_HD');
    assert.equal(advice.closest?.relaxation, 'would fit if latency ≤ 100 ms');
    assert.equal(advice.summary, 'No profile fits; the closest is VIDEO_HD, which would fit if latency ≤ 100 ms.');
    assert.equal(advice.closest?.reasons[1], 'latency: packet delay budget 100 ms, over the 20 ms needed by 80 ms');
    // Two misses are said together; fewer misses rank first.
    const voice = advice.ranked.find((p) => p.name === 'VOICE');
    assert.equal(voice?.relaxation, 'would fit if latency ≤ 50 ms and up ≥ 500 kbps and down ≥ 500 kbps');
    assert.equal(adviseProfiles(needs('latency<=1ms'), []).summary, 'No profile fits: the operator lists no profiles.');
  });

  it('rates: a guaranteed minimum meets a need; a maximum alone is not guaranteed; a maximum below the need is unmet', () => {
    const verdict = (p: QosProfile, words: string) => adviseProfiles(needs(words), [p]).ranked[0]!.verdicts[0]!;
    const bulk = CATALOGUE[3]!;
    assert.equal(verdict(bulk, 'up>=5Mbps').status, 'not-guaranteed');
    assert.equal(
      verdict(bulk, 'up>=5Mbps').sentence,
      'up: not guaranteed: only maxUpstreamRate 20 Mbps is stated, so 5 Mbps may be reached but is not promised',
    );
    assert.equal(verdict(bulk, 'up>=30Mbps').status, 'unmet');
    assert.equal(verdict(bulk, 'up>=30Mbps').relaxTo, 'up ≥ 20 Mbps');
    assert.equal(verdict(bulk, 'down>=50Mbps').status, 'met');
    assert.equal(verdict(profile('NONE'), 'down>=1Mbps').status, 'unstated');
    // A not-guaranteed need ranks like an unstated one: below a guaranteed fit.
    const advice = adviseProfiles(needs('up>=5Mbps'), [bulk, profile('GUARANTEED', { targetMinUpstreamRate: mbps(100) })]);
    assert.equal(advice.recommended?.name, 'GUARANTEED');
  });

  it('loss: packetErrorLossRate N is 10^-N, met when at most the loss tolerated', () => {
    const voice = CATALOGUE[0]!; // N = 3
    const loss = (words: string) => adviseProfiles(needs(words), [voice]).ranked[0]!.verdicts[0]!;
    assert.equal(loss('loss<=1e-3').status, 'met');
    assert.equal(loss('loss<=1%').status, 'met');
    assert.equal(loss('loss<=1%').sentence, 'loss: packet loss 1e-3, 1e-2 needed (margin 0.009)');
    assert.equal(loss('loss<=1e-4').status, 'unmet');
    assert.equal(loss('loss<=1e-4').relaxTo, 'loss ≤ 1e-3');
  });

  it("duration: within the profile's bounds; a bound left out is CAMARA's 1 s..24 h, and said", () => {
    const bounded = profile('BOUNDED', { minDuration: minutes(1), maxDuration: minutes(30) });
    const d = (words: string, p = bounded) => adviseProfiles(needs(words), [p]).ranked[0]!.verdicts[0]!;
    assert.equal(d('duration=10m').status, 'met');
    assert.equal(d('duration=1h').status, 'unmet');
    assert.equal(d('duration=1h').relaxTo, 'duration 30 min');
    assert.equal(d('duration=30s').status, 'unmet');
    assert.equal(d('duration=30s').relaxTo, 'duration 1 min');
    assert.equal(d('duration=1m').status, 'met');
    assert.equal(d('duration=30m').status, 'met');
    assert.equal(
      d('duration=24h', profile('OPEN')).sentence,
      "duration: 24 h is within 1 s..24 h (CAMARA's default bound where none is stated)",
    );
  });

  it('INACTIVE profiles are never recommended, even as an exact fit; DEPRECATED ones rank after ACTIVE ones', () => {
    const catalogue = [
      profile('OFF', { status: 'INACTIVE', packetDelayBudget: ms(50) }),
      profile('OLD', { status: 'DEPRECATED', packetDelayBudget: ms(50) }),
      profile('BIG', { packetDelayBudget: ms(10) }),
    ];
    const advice = adviseProfiles(needs('latency<=50ms'), catalogue);
    assert.equal(advice.recommended?.name, 'BIG');
    assert.deepEqual(
      advice.ranked.map((p) => p.name),
      ['BIG', 'OLD', 'OFF'],
    );
    assert.equal(advice.ranked[2]!.reasons[0]!, 'OFF is INACTIVE: the operator does not offer it now');
    const onlyInactive = adviseProfiles(needs('latency<=50ms'), [catalogue[0]!]);
    assert.equal(onlyInactive.recommended, undefined);
    assert.equal(onlyInactive.summary, 'No profile fits: every profile is INACTIVE.');
  });

  it('a profile that states none of the needs is no fit, and ranks below one that states something', () => {
    const catalogue = [profile('SILENT_ONE'), profile('SLOW', { packetDelayBudget: ms(100), maxUpstreamRate: mbps(1) })];
    const advice = adviseProfiles(needs('latency<=50ms up>=10Mbps'), catalogue);
    assert.equal(advice.recommended, undefined);
    assert.equal(advice.closest?.name, 'SLOW');
    assert.deepEqual(advice.ranked[1]!.reasons[0], 'SILENT_ONE states none of the needs: nothing it says shows it fits');
    assert.equal(advice.ranked[1]!.fits, false);
    const alone = adviseProfiles(needs('latency<=50ms'), [catalogue[0]!]);
    assert.equal(alone.summary, 'No profile fits; the closest is SILENT_ONE, which states none of the needs.');
  });

  it("ties are broken by name, whatever the catalogue's order", () => {
    const twins = [profile('B_TWIN', { packetDelayBudget: ms(20) }), profile('A_TWIN', { packetDelayBudget: ms(20) })];
    assert.equal(adviseProfiles(needs('latency<=50ms'), twins).recommended?.name, 'A_TWIN');
    assert.equal(adviseProfiles(needs('latency<=50ms'), [...twins].reverse()).recommended?.name, 'A_TWIN');
  });

  it("the sandbox's catalogue: a video call's needs get QOS_E, HD video gets QOS_M", () => {
    assert.equal(adviseProfiles(needs('latency<=50ms jitter<=10ms up>=500kbps'), DEFAULT_PROFILES).recommended?.name, 'QOS_E');
    assert.equal(adviseProfiles(needs('latency<=150ms down>=4Mbps'), DEFAULT_PROFILES).recommended?.name, 'QOS_M');
  });
});
