// What the sandbox's network does to one device's sessions, as a small script (`available-after:5s,network-ends:30s`):
// the one parser the sandbox option, `qod sandbox --network` and the control endpoint use, the device names they
// take, and the script said in words. Every time counts from the create, on the sandbox clock.
//
//   script   = step *("," step)            ; each step at most once, at most 200 characters
//   step     = "available-after:" duration  ; REQUESTED that long, then AVAILABLE
//            / "unavailable-on-create"      ; the network cannot provide it (alone)
//            / "network-ends:" duration     ; the network ends it then: UNAVAILABLE, NETWORK_TERMINATED
//            / "profile-withdrawn:" duration ; its profile is withdrawn for the device then, which ends it too
//   duration = 1*DIGIT ("s" / "m")          ; 1 s to 24 h
import { isIPv4, isIPv6 } from 'node:net';

export interface NetworkScript {
  /** As written, trimmed. */
  text: string;
  availableAfterMs?: number;
  unavailableOnCreate?: boolean;
  networkEndsMs?: number;
  profileWithdrawnMs?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const MAX_SCRIPT_LENGTH = 200;
const MAX_MS = 86_400_000;
const TIMED = {
  'available-after': 'availableAfterMs',
  'network-ends': 'networkEndsMs',
  'profile-withdrawn': 'profileWithdrawnMs',
} as const;
const STEPS = 'available-after:<N>s, unavailable-on-create, network-ends:<N>s or profile-withdrawn:<N>s';

/** A script, or why not as `<field>: <rule>` (`field` names where it came from: `script`, `--network +34…`). */
export function parseNetworkScript(input: unknown, field = 'script'): Parsed<NetworkScript> {
  const fail = (rule: string): Parsed<NetworkScript> => ({ ok: false, error: `${field}: ${rule}` });
  if (typeof input !== 'string') return fail('must be a string such as "network-ends:30s"');
  const text = input.trim();
  if (!text) return fail(`must name at least one step: ${STEPS}`);
  if (text.length > MAX_SCRIPT_LENGTH) return fail(`must be at most ${MAX_SCRIPT_LENGTH} characters (got ${text.length})`);
  const script: NetworkScript = { text };
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const step = raw.trim();
    const [name = '', arg] = step.split(/:(.*)/s, 2);
    const shown = JSON.stringify(step.slice(0, 40));
    if (seen.has(name)) return fail(`${name} is given twice`);
    seen.add(name);
    if (name === 'unavailable-on-create') {
      if (arg !== undefined) return fail('unavailable-on-create takes no time');
      script.unavailableOnCreate = true;
    } else if (name in TIMED) {
      if (arg === undefined) return fail(`${name} needs a time, such as ${name}:30s`);
      const ms = durationMs(arg);
      if (ms === undefined)
        return fail(`${name}: the time must be 1 to 86400 seconds, written as 30s or 5m (got ${JSON.stringify(arg.slice(0, 20))})`);
      script[TIMED[name as keyof typeof TIMED]] = ms;
    } else {
      return fail(`unknown step ${shown}: the steps are ${STEPS}`);
    }
  }
  if (script.unavailableOnCreate && seen.size > 1) {
    return fail('unavailable-on-create ends the session at once, so it goes alone');
  }
  const available = script.availableAfterMs;
  for (const name of ['network-ends', 'profile-withdrawn'] as const) {
    const at = script[TIMED[name]];
    if (available !== undefined && at !== undefined && at <= available) {
      return fail(`${name} must come later than available-after (times count from the create)`);
    }
  }
  return { ok: true, value: script };
}

function durationMs(text: string): number | undefined {
  const match = /^(\d{1,6})([sm])$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (match[2] === 'm' ? 60_000 : 1000);
  return ms >= 1000 && ms <= MAX_MS ? ms : undefined;
}

/**
 * A device as the sessions know it (the `deviceKey` of devices.ts): `+34666666661` (or `34666666661`, `tel:+34…`) →
 * `tel:+34666666661`; an IPv4 or IPv6 address (IPv6 in brackets too, or `ip:…`) → `ip:<address>`, IPv6 in its
 * canonical form so that `2001:DB8:0::1` and `2001:db8::1` are one device.
 */
export function parseDevice(input: unknown, field = 'device'): Parsed<string> {
  const rule = 'must be a phone number (+ and 5 to 15 digits) or an IPv4 or IPv6 address';
  if (typeof input !== 'string' || input.length > 300) return { ok: false, error: `${field}: ${rule}` };
  const text = input.trim().replace(/^(tel|ip):/i, '');
  if (/^\+?[1-9]\d{4,14}$/.test(text)) return { ok: true, value: `tel:+${text.replace(/^\+/, '')}` };
  const address = text.replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(address)) return { ok: true, value: `ip:${address}` };
  if (isIPv6(address)) return { ok: true, value: `ip:${canonicalIpv6(address)}` };
  return { ok: false, error: `${field}: ${rule} (got ${JSON.stringify(input.slice(0, 60))})` };
}

/** A session's device key in the form `parseDevice` answers (IPv6 keys keep the address as the request wrote it). */
export function canonicalDeviceKey(key: string): string {
  const address = key.startsWith('ip:') ? key.slice(3) : undefined;
  return address !== undefined && isIPv6(address) ? `ip:${canonicalIpv6(address)}` : key;
}

function canonicalIpv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.replace(/^\[|\]$/g, '');
}

/** The device's sessions under this script, in words (the control endpoint's GET, the CLI banner). */
export function describeNetworkScript(script: NetworkScript | undefined): string {
  if (!script) {
    return (
      "No script: the last digit of the device decides, as the sandbox's table says (ending in 7: QoD 1.2 creates answer " +
      'UNAVAILABLE, NETWORK_TERMINATED).'
    );
  }
  const s = (ms: number) => `${ms / 1000} s`;
  if (script.unavailableOnCreate) {
    return (
      'The network cannot provide QoD for this device: a QoD 1.2 create answers 201 UNAVAILABLE, NETWORK_TERMINATED; ' +
      'QoD 1.1 and 0.10 answer 201 REQUESTED and at once notify UNAVAILABLE, NETWORK_TERMINATED; 0.8 notifies SESSION_TERMINATED. ' +
      'The ended session holds the device until it is deleted (0.8: it is gone).'
    );
  }
  const parts: string[] = [];
  parts.push(
    script.availableAfterMs === undefined
      ? 'Sessions become AVAILABLE after the usual activation delay.'
      : `Sessions stay REQUESTED for ${s(script.availableAfterMs)} after the create, then become AVAILABLE (notified).`,
  );
  if (script.networkEndsMs !== undefined) {
    parts.push(
      `${s(script.networkEndsMs)} after the create the network ends the session: UNAVAILABLE, NETWORK_TERMINATED (notified); ` +
        'it holds the device until deleted.',
    );
  }
  if (script.profileWithdrawnMs !== undefined) {
    parts.push(
      `${s(script.profileWithdrawnMs)} after the create the session's QoS profile is withdrawn for this device: the session ends ` +
        'UNAVAILABLE, NETWORK_TERMINATED (notified), and the profile is no longer offered to the device (retrieve-qos-profiles ' +
        'leaves it out, a create with it gets 422 QOS_PROFILE_NOT_APPLICABLE) until the script is cleared or replaced.',
    );
  }
  parts.push('A session whose duration ends first ends DURATION_EXPIRED as usual.');
  return parts.join(' ');
}

/**
 * Several devices' scripts (the sandbox option, `--network` flags): each device and script parsed, every problem
 * named (`where(device)` says which entry: `networkScripts["+34…"]`, `--network +34…=…`). A later entry for the
 * same device replaces an earlier one.
 */
export function parseNetworkScripts(
  entries: Iterable<readonly [string, unknown]>,
  where: (device: string) => string,
): { scripts: Map<string, NetworkScript>; problems: string[] } {
  const scripts = new Map<string, NetworkScript>();
  const problems: string[] = [];
  for (const [device, text] of entries) {
    const field = where(device.slice(0, 60));
    const key = parseDevice(device, `${field} device`);
    const script = parseNetworkScript(text, field);
    if (!key.ok) problems.push(key.error);
    else if (!script.ok) problems.push(script.error);
    else scripts.set(key.value, script.value);
  }
  return { scripts, problems };
}
