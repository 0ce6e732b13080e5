// The advisor's needs: one parser for the words (CLI, playground), the JSON (agent tool, request files) and a CAMARA
// Application Profile, with a field-level error for every bad input.
import assert from 'node:assert/strict';
import {
  describeNeeds,
  needsFromApplicationProfile,
  parseNeedsObject,
  parseNeedsText,
  type NeedsResult,
} from '../../../src/core/advisor/needs';

const needsOf = (r: NeedsResult) => {
  assert.ok(r.ok, r.ok ? '' : r.issues.map((i) => i.message).join('; '));
  return r.needs;
};
const issuesOf = (r: NeedsResult) => {
  assert.ok(!r.ok, 'expected issues');
  return r.issues.map((i) => i.message);
};

describe('Advisor needs', () => {
  it('reads the words of every need into base units', () => {
    assert.deepEqual(needsOf(parseNeedsText('latency<=50ms jitter<=10ms up>=2Mbps down>=4Mbps loss<=1e-3 duration=10m')), {
      maxLatencyMs: 50,
      maxJitterMs: 10,
      minUpstreamBps: 2e6,
      minDownstreamBps: 4e6,
      maxLossRate: 1e-3,
      durationSeconds: 600,
    });
  });

  it('takes every CAMARA rate unit, times in s and us, and loss as a fraction, a percentage or a power of ten', () => {
    const cases: Array<[string, Record<string, number>]> = [
      ['up>=500bps', { minUpstreamBps: 500 }],
      ['up>=500kbps', { minUpstreamBps: 5e5 }],
      ['down>=1.5Gbps', { minDownstreamBps: 1.5e9 }],
      ['down>=1Tbps', { minDownstreamBps: 1e12 }],
      ['down>=4mbps', { minDownstreamBps: 4e6 }],
      ['latency<=0.2s', { maxLatencyMs: 200 }],
      ['jitter<=500us', { maxJitterMs: 0.5 }],
      ['latency=50', { maxLatencyMs: 50 }],
      ['loss<=0.1%', { maxLossRate: 0.001 }],
      ['loss<=10^-6', { maxLossRate: 1e-6 }],
      ['loss<=0.01', { maxLossRate: 0.01 }],
      ['duration=1h', { durationSeconds: 3600 }],
      ['duration=90', { durationSeconds: 90 }],
    ];
    for (const [words, expected] of cases) assert.deepEqual(needsOf(parseNeedsText(words)), expected, words);
  });

  it('answers bad input per field, naming the field and the rule', () => {
    const cases: Array<[string, RegExp]> = [
      ['speed>=2Mbps', /^speed: is not a need; the needs are latency, jitter, up, down, loss, duration$/],
      ['up>=2', /^up: must be a rate like 2Mbps \(units bps, kbps, Mbps, Gbps, Tbps\) \(got "2"\)$/],
      ['up>=2MBq', /^up: must be a rate like 2Mbps/],
      ['latency<=-5ms', /^latency: must not be negative/],
      ['latency<=NaNms', /^latency: must be a time like 50ms/],
      ['latency<=fast', /^latency: must be a time like 50ms/],
      ['latency<=1e400ms', /^latency: must be at most 60000 ms/],
      ['down>=5000Tbps', /^down: must be at most 1000 Tbps/],
      ['loss<=2', /^loss: must be a loss rate like 1e-3/],
      ['loss<=0', /^loss: must be a loss rate like 1e-3/],
      ['duration=2d', /^duration: must be at most 86400 s/],
      ['duration=0', /^duration: must be a duration like 600s/],
      ['latency>=50ms', /^latency: is a maximum: write latency<=…$/],
      ['up<=2Mbps', /^up: is a minimum: write up>=…$/],
      ['duration<=10m', /^duration: is a value: write duration=…$/],
      ['latency<=50ms latency<=40ms', /^latency: is given twice$/],
      ['fifty', /^fifty: must be written key<=value/],
      ['', /^needs: must state at least one of latency/],
    ];
    for (const [words, message] of cases) {
      const messages = issuesOf(parseNeedsText(words));
      assert.equal(messages.length, 1, `${words}: ${messages.join('; ')}`);
      assert.match(messages[0]!, message, words);
    }
    // Every problem at once.
    assert.equal(issuesOf(parseNeedsText('latency<=x up>=2 loss<=5')).length, 3);
  });

  it('reads the JSON of the agent tool the same way, each key in its own direction', () => {
    assert.deepEqual(needsOf(parseNeedsObject({ latency: '50ms', up: '2Mbps', loss: '1e-3', duration: 600 })), {
      maxLatencyMs: 50,
      minUpstreamBps: 2e6,
      maxLossRate: 1e-3,
      durationSeconds: 600,
    });
    assert.deepEqual(issuesOf(parseNeedsObject({ latency: Number.NaN })), [
      'latency: must be a value with its unit, like 50ms or 2Mbps (got "NaN")',
    ]);
    assert.deepEqual(issuesOf(parseNeedsObject({ bandwidth: '2Mbps' })), [
      'bandwidth: is not a need; the needs are latency, jitter, up, down, loss, duration',
    ]);
    assert.deepEqual(issuesOf(parseNeedsObject([])), ['needs: must be an object with latency, jitter, up, down, loss, duration']);
    assert.deepEqual(issuesOf(parseNeedsObject({ up: { value: 2 } })), [
      'up: must be a value with its unit, like 50ms or 2Mbps (got "[object Object]")',
    ]);
  });

  it('maps a CAMARA Application Profile network quality thresholds onto the needs (10^-N loss, every spelling)', () => {
    const profile = {
      applicationProfileId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      networkQualityThresholds: {
        packetDelayBudget: { value: 50, unit: 'Milliseconds' },
        jitter: { value: 10, unit: 'Milliseconds' },
        targetMinUpstreamRate: { value: 2, unit: 'Mbps' },
        targetMinDownstreamRate: { value: 4000, unit: 'Kbps' },
        packetLossErrorRate: 3,
      },
      computeResources: { targetMinCPU: 1 },
    };
    assert.deepEqual(needsOf(needsFromApplicationProfile(profile, 600)), {
      maxLatencyMs: 50,
      maxJitterMs: 10,
      minUpstreamBps: 2e6,
      minDownstreamBps: 4e6,
      maxLossRate: 1e-3,
      durationSeconds: 600,
    });
    // The thresholds alone, and the older loss spelling.
    assert.deepEqual(needsOf(needsFromApplicationProfile({ packetlossErrorRate: 5, packetDelayBudget: { value: 1, unit: 'Seconds' } })), {
      maxLatencyMs: 1000,
      maxLossRate: 1e-5,
    });
    assert.deepEqual(
      issuesOf(needsFromApplicationProfile({ networkQualityThresholds: { packetLossErrorRate: 0, jitter: { value: 5, unit: 'Weeks' } } })),
      [
        'networkQualityThresholds.jitter: must be {value: integer ≥ 0, unit: Days|Hours|Minutes|Seconds|Milliseconds|Microseconds|Nanoseconds}',
        'networkQualityThresholds.packetLossErrorRate: must be an integer 1..10 (the loss rate is 10^-N) (got "0")',
      ],
    );
    assert.match(
      issuesOf(needsFromApplicationProfile({ networkQualityThresholds: { latency: 5 } }))[0]!,
      /^networkQualityThresholds\.latency: is not a network quality threshold/,
    );
    assert.deepEqual(issuesOf(needsFromApplicationProfile('x')), ['applicationProfile: must be a JSON object (an ApplicationProfile)']);
  });

  it('says the needs back in words', () => {
    assert.equal(
      describeNeeds(needsOf(parseNeedsText('latency<=50ms up>=2Mbps down>=500kbps loss<=1e-3 duration=10m'))),
      'latency ≤ 50 ms, up ≥ 2 Mbps, down ≥ 500 kbps, loss ≤ 1e-3, duration 10 min',
    );
  });
});
