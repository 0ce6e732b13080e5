// What the routing step looks a device up by: a phone number or an IP address, read from what a developer writes
// where a device is named (a login hint `tel:+34…` / `ipport:203.0.113.5:80`, a bare `+34…`, a bare address).
import { parseLoginHint } from '../auth/login-hint';
import type { DeviceInput } from '../camara/create-body';
import { E164_STRICT, isIpv4, isIpv6 } from '../camara/fields';

/** The Telco Finder's search target: exactly one identifier. */
export type RouteTarget = { phoneNumber: string } | { ipv4Address: string } | { ipv6Address: string };

export function routeTarget(hint: string): { target: RouteTarget } | { problem: string } {
  const found = deviceOfHint(hint);
  if ('problem' in found) return found;
  const { device } = found;
  return {
    target:
      device.kind === 'phoneNumber'
        ? { phoneNumber: device.value }
        : device.kind === 'ipv4'
          ? { ipv4Address: device.value }
          : { ipv6Address: device.value },
  };
}

/**
 * The device a developer names (a phone number, an IP address with an optional `:port`, a `tel:`/`ipport:` login hint),
 * as every face that takes one reads it: the advisor's device, a route line, `--device`.
 */
export function deviceOfHint(hint: string): { device: DeviceInput } | { problem: string } {
  const text = hint.trim();
  const v4port = /^([\d.]+):(\d{1,5})$/.exec(text);
  if (v4port && isIpv4(v4port[1] as string) && Number(v4port[2]) <= 65535) {
    return { device: { kind: 'ipv4', value: v4port[1] as string, port: Number(v4port[2]) } };
  }
  if (E164_STRICT.test(text)) return { device: { kind: 'phoneNumber', value: text } };
  if (isIpv4(text)) return { device: { kind: 'ipv4', value: text } };
  if (isIpv6(text)) return { device: { kind: 'ipv6', value: text } };
  const parsed = parseLoginHint(text);
  if (parsed.ok && parsed.hint.kind === 'tel') return { device: { kind: 'phoneNumber', value: parsed.hint.phoneNumber } };
  if (parsed.ok && parsed.hint.kind === 'ipport') {
    const { address, port } = parsed.hint;
    return {
      device:
        parsed.hint.version === 4
          ? { kind: 'ipv4', value: address, ...(port === undefined ? {} : { port }) }
          : { kind: 'ipv6', value: address },
    };
  }
  return {
    problem:
      `route: "${text.length > 60 ? `${text.slice(0, 57)}…` : text}" names no device the routing step can look up; ` +
      'write a phone number (+34666666661 or tel:+34666666661) or an IP address (203.0.113.5, ipport:203.0.113.5:80, 2001:db8::1)',
  };
}

/** The identifier, as the routing step's messages name it. */
export function describeTarget(target: RouteTarget): string {
  return 'phoneNumber' in target ? target.phoneNumber : 'ipv4Address' in target ? target.ipv4Address : target.ipv6Address;
}

/** The device a create body names, as a routing hint (the first identifier the routing step can look up). */
export function hintOfDevice(device: unknown): string | undefined {
  if (!device || typeof device !== 'object') return undefined;
  const d = device as Record<string, unknown>;
  if (typeof d.phoneNumber === 'string') return d.phoneNumber;
  const v4 = d.ipv4Address as { publicAddress?: unknown } | undefined;
  if (v4 && typeof v4.publicAddress === 'string') return v4.publicAddress;
  if (typeof d.ipv6Address === 'string') return d.ipv6Address;
  return undefined;
}
