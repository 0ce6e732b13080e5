// The one parser of network scripts and device names (the sandbox option, `qod sandbox --network`, the control
// endpoint): a table of what it takes and the field-level error it gives for what it does not.
import assert from 'node:assert/strict';
import {
  canonicalDeviceKey,
  describeNetworkScript,
  parseDevice,
  parseNetworkScript,
  parseNetworkScripts,
} from '../../src/sandbox/qod/network-scripts';
import { startSandbox } from '../../src/sandbox/server';

describe('Network script grammar', () => {
  const accepted: Array<[string, Record<string, unknown>]> = [
    ['available-after:10s', { availableAfterMs: 10_000 }],
    ['unavailable-on-create', { unavailableOnCreate: true }],
    ['network-ends:30s', { networkEndsMs: 30_000 }],
    ['profile-withdrawn:20s', { profileWithdrawnMs: 20_000 }],
    ['network-ends:2m', { networkEndsMs: 120_000 }],
    ['available-after:5s,network-ends:30s', { availableAfterMs: 5000, networkEndsMs: 30_000 }],
    [
      '  available-after:5s , profile-withdrawn:20s ,network-ends:1m ',
      { availableAfterMs: 5000, profileWithdrawnMs: 20_000, networkEndsMs: 60_000 },
    ],
    ['network-ends:86400s', { networkEndsMs: 86_400_000 }],
    ['available-after:1s', { availableAfterMs: 1000 }],
  ];
  for (const [text, expected] of accepted) {
    it(`takes ${JSON.stringify(text)}`, () => {
      const parsed = parseNetworkScript(text);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      const { text: kept, ...steps } = parsed.value;
      assert.equal(kept, text.trim());
      assert.deepEqual(steps, expected);
    });
  }

  const refused: Array<[unknown, RegExp]> = [
    ['', /^script: must name at least one step: available-after:<N>s, unavailable-on-create, network-ends:<N>s or profile-withdrawn:<N>s$/],
    ['   ', /^script: must name at least one step/],
    [30, /^script: must be a string such as "network-ends:30s"$/],
    [undefined, /^script: must be a string/],
    ['network-ends', /^script: network-ends needs a time, such as network-ends:30s$/],
    ['network-ends:30', /^script: network-ends: the time must be 1 to 86400 seconds, written as 30s or 5m \(got "30"\)$/],
    ['network-ends:0s', /^script: network-ends: the time must be 1 to 86400 seconds/],
    ['network-ends:86401s', /^script: network-ends: the time must be 1 to 86400 seconds/],
    ['network-ends:1441m', /^script: network-ends: the time must be 1 to 86400 seconds/],
    ['network-ends:-5s', /^script: network-ends: the time must be/],
    ['network-ends:1.5s', /^script: network-ends: the time must be/],
    ['network-ends:30ms', /^script: network-ends: the time must be/],
    ['unavailable-on-create:5s', /^script: unavailable-on-create takes no time$/],
    ['unavailable-on-create,network-ends:30s', /^script: unavailable-on-create ends the session at once, so it goes alone$/],
    ['network-ends:30s,network-ends:40s', /^script: network-ends is given twice$/],
    ['available-after:30s,network-ends:30s', /^script: network-ends must come later than available-after \(times count from the create\)$/],
    ['available-after:30s,profile-withdrawn:10s', /^script: profile-withdrawn must come later than available-after/],
    ['network-end:30s', /^script: unknown step "network-end:30s": the steps are available-after:<N>s, unavailable-on-create, network-ends/],
    ['network-ends:30s,', /^script: unknown step "": the steps are/],
    ['NETWORK-ENDS:30s', /^script: unknown step "NETWORK-ENDS:30s"/],
    [`network-ends:30s,${'x'.repeat(200)}`, /^script: must be at most 200 characters \(got 217\)$/],
  ];
  for (const [input, error] of refused) {
    it(`refuses ${JSON.stringify(input)?.slice(0, 50)}, naming the field`, () => {
      const parsed = parseNetworkScript(input);
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? '' : parsed.error, error);
    });
  }

  it('names the field it is told (the CLI flag, the option entry)', () => {
    const parsed = parseNetworkScript('soon', '--network +34666666661');
    assert.match(parsed.ok ? '' : parsed.error, /^--network \+34666666661: unknown step "soon"/);
  });

  it('says each script in words', () => {
    assert.match(describeNetworkScript(undefined), /^No script: the last digit of the device decides/);
    const say = (text: string) => {
      const parsed = parseNetworkScript(text);
      assert.ok(parsed.ok);
      return describeNetworkScript(parsed.value);
    };
    assert.match(say('available-after:10s'), /^Sessions stay REQUESTED for 10 s after the create, then become AVAILABLE \(notified\)\./);
    assert.match(
      say('unavailable-on-create'),
      /a QoD 1.2 create answers 201 UNAVAILABLE, NETWORK_TERMINATED; QoD 1.1 and 0.10 answer 201 REQUESTED/,
    );
    assert.match(
      say('network-ends:30s'),
      /30 s after the create the network ends the session: UNAVAILABLE, NETWORK_TERMINATED \(notified\)/,
    );
    assert.match(say('profile-withdrawn:20s'), /20 s after the create the session's QoS profile is withdrawn for this device/);
  });
});

describe('Network script devices (normalised as the sessions key them)', () => {
  const table: Array<[string, string | RegExp]> = [
    ['+34666666661', 'tel:+34666666661'],
    ['34666666661', 'tel:+34666666661'],
    ['tel:+34666666661', 'tel:+34666666661'],
    [' +34666666661 ', 'tel:+34666666661'],
    ['203.0.113.5', 'ip:203.0.113.5'],
    ['ip:203.0.113.5', 'ip:203.0.113.5'],
    ['2001:DB8:0::1', 'ip:2001:db8::1'],
    ['[2001:db8::1]', 'ip:2001:db8::1'],
    ['', /^device: must be a phone number \(\+ and 5 to 15 digits\) or an IPv4 or IPv6 address \(got ""\)$/],
    ['+0123456', /^device: must be a phone number/],
    ['+1234', /^device: must be a phone number/],
    ['+1234567890123456', /^device: must be a phone number/],
    ['203.0.113.256', /^device: must be a phone number/],
    ['203.0.113.5:8080', /^device: must be a phone number/],
    ['alice@example.com', /^device: must be a phone number/],
    ['operatortoken:abc', /^device: must be a phone number/],
  ];
  for (const [input, expected] of table) {
    it(`${JSON.stringify(input)} → ${String(expected).slice(0, 40)}`, () => {
      const parsed = parseDevice(input);
      if (typeof expected === 'string') assert.deepEqual(parsed, { ok: true, value: expected });
      else assert.match(parsed.ok ? '' : parsed.error, expected);
    });
  }

  it("a session's IPv6 key (as the request wrote it) finds the script set for the same address", () => {
    assert.equal(canonicalDeviceKey('ip:2001:DB8:0:0::1'), 'ip:2001:db8::1');
    assert.equal(canonicalDeviceKey('tel:+34666666661'), 'tel:+34666666661');
    assert.equal(canonicalDeviceKey('ip:203.0.113.5'), 'ip:203.0.113.5');
  });

  it('several scripts at once: every problem named, a later entry for the same device replaces an earlier one', () => {
    const { scripts, problems } = parseNetworkScripts(
      [
        ['+34666666661', 'network-ends:30s'],
        ['34666666661', 'available-after:5s'],
        ['nobody', 'network-ends:30s'],
        ['203.0.113.5', 'whenever'],
      ],
      (device) => `--network ${device}`,
    );
    assert.deepEqual([...scripts.keys()], ['tel:+34666666661']);
    assert.equal(scripts.get('tel:+34666666661')?.text, 'available-after:5s');
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^--network nobody device: must be a phone number/);
    assert.match(problems[1] ?? '', /^--network 203\.0\.113\.5: unknown step "whenever"/);
  });

  it('startSandbox refuses a bad networkScripts option before it listens, naming the entry', async () => {
    await assert.rejects(
      startSandbox({ networkScripts: { '+34666666661': 'network-ends:soon' } }),
      (error: Error) =>
        error.name === 'SandboxConfigError' && /^networkScripts\["\+34666666661"\]: network-ends: the time must be/.test(error.message),
    );
  });
});
