// What the routing step looks a device up by: a phone number or an IP address, read from what a developer writes
// where a device is named (a login hint `tel:+34…` / `ipport:203.0.113.5:80`, a bare `+34…`, a bare address).
import { parseLoginHint } from '../auth/login-hint';
import { E164_STRICT, isIpv4, isIpv6 } from '../camara/fields';

/** The Telco Finder's search target: exactly one identifier. */
export type RouteTarget = { phoneNumber: string } | { ipv4Address: string } | { ipv6Address: string };

export function routeTarget(hint: string): { target: RouteTarget } | { problem: string } {
  const text = hint.trim();
  if (E164_STRICT.test(text)) return { target: { phoneNumber: text } };
  if (isIpv4(text)) return { target: { ipv4Address: text } };
  if (isIpv6(text)) return { target: { ipv6Address: text } };
  const parsed = parseLoginHint(text);
  if (parsed.ok && parsed.hint.kind === 'tel') return { target: { phoneNumber: parsed.hint.phoneNumber } };
  if (parsed.ok && parsed.hint.kind === 'ipport') {
    return { target: parsed.hint.version === 4 ? { ipv4Address: parsed.hint.address } : { ipv6Address: parsed.hint.address } };
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
