// Which devices one operator serves: its phone-number prefixes and its IPv4 and IPv6 ranges. The sandbox asks it of a
// device key (`tel:+34…`, `ip:203.0.113.5`, the form CIBA subjects and QoD device keys take); the Telco Finder asks it
// of a routing target. Address matching is the sink guard's CIDR list (node's BlockList).
import { isIP } from 'node:net';
import { AddressAllowList, bareAddress } from '../qod/address-ranges';

/** An operator's identity and the devices it serves. */
export interface OperatorIdentity {
  /** Short, URL-safe: `azul`. */
  id: string;
  /** What people read: `Azul Mobile`. */
  name: string;
  /** E.164 prefixes with the `+`: `+34`. */
  phonePrefixes: readonly string[];
  /** CIDR ranges: `203.0.113.0/25`. */
  ipv4Ranges: readonly string[];
  /** CIDR ranges: `2001:db8:a::/48`. */
  ipv6Ranges: readonly string[];
}

/** Whether a device key belongs to the operator: `(key) => boolean`. */
export type DeviceScope = (key: string) => boolean;

const ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const PREFIX = /^\+[1-9]\d{0,5}$/;

/** Every problem with an operator's identity, each naming its field (empty when it is sound). */
export function operatorProblems(operator: OperatorIdentity, field = 'operator'): string[] {
  const problems: string[] = [];
  if (!ID.test(operator.id))
    problems.push(`${field}.id: must be 1–32 lower-case letters, digits or - (got ${JSON.stringify(operator.id)})`);
  if (!operator.name || operator.name.length > 100) problems.push(`${field}.name: must be 1–100 characters`);
  operator.phonePrefixes.forEach((p, i) => {
    if (!PREFIX.test(p)) problems.push(`${field}.phonePrefixes[${i}]: must be + and 1–6 digits, such as +34 (got ${JSON.stringify(p)})`);
  });
  const cidr = (ranges: readonly string[], name: string, version: 4 | 6) => {
    const example = version === 4 ? '203.0.113.0/25' : '2001:db8:a::/48';
    ranges.forEach((r, i) => {
      const [address = '', prefix] = r.split('/');
      const fits = isIP(address) === version && prefix !== undefined && new AddressAllowList().add(r);
      if (!fits)
        problems.push(`${field}.${name}[${i}]: must be an IPv${version} CIDR range, such as ${example} (got ${JSON.stringify(r)})`);
    });
  };
  cidr(operator.ipv4Ranges, 'ipv4Ranges', 4);
  cidr(operator.ipv6Ranges, 'ipv6Ranges', 6);
  return problems;
}

/** The operator's scope over device keys; anything that is neither a phone number nor an address is not its. */
export function deviceScope(operator: OperatorIdentity): DeviceScope {
  const addresses = new AddressAllowList();
  for (const range of [...operator.ipv4Ranges, ...operator.ipv6Ranges]) addresses.add(range);
  return (key) => {
    if (key.startsWith('tel:')) {
      const phone = key.slice(4);
      return operator.phonePrefixes.some((prefix) => phone.startsWith(prefix));
    }
    if (key.startsWith('ip:')) return addresses.has(bareAddress(key.slice(3)));
    return false;
  };
}
