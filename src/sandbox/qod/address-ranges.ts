// Which IP addresses a notification sink must not reach when the sandbox is open to other machines: the ones
// that lead back into this machine or its networks (loopback, private, link-local, …). Node's BlockList does the
// matching; it also matches an IPv4-mapped IPv6 address (::ffff:10.0.0.1) against the IPv4 rules.
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

/** Each range with the word a refusal uses for it; the first match names the reason. */
const RANGES: ReadonlyArray<[address: string, prefix: number, family: Family, kind: string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified ("this network")'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['192.0.0.0', 24, 'ipv4', 'reserved (IETF protocol assignments)'],
  ['198.18.0.0', 15, 'ipv4', 'reserved (benchmarking)'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  // Includes the broadcast address 255.255.255.255.
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // IPv4-compatible (deprecated), NAT64, 6to4 and Teredo addresses carry an IPv4 address that a gateway may
  // lead anywhere, including back inside: refused as a whole rather than unpacked.
  ['::', 96, 'ipv6', 'IPv4-compatible (deprecated)'],
  // IPv4-translated (SIIT, RFC 2765: ::ffff:0:a.b.c.d); IPv4-mapped (::ffff:a.b.c.d) is matched by the IPv4 rules.
  ['::ffff:0:0:0', 96, 'ipv6', 'IPv4-translated (embeds an IPv4 address)'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64 (embeds an IPv4 address)'],
  ['64:ff9b:1::', 48, 'ipv6', 'NAT64 (embeds an IPv4 address)'],
  ['2002::', 16, 'ipv6', '6to4 (embeds an IPv4 address)'],
  ['2001::', 32, 'ipv6', 'Teredo (embeds an IPv4 address)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local (deprecated)'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const LISTS: ReadonlyArray<[BlockList, string]> = RANGES.map(([address, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return [list, kind];
});

/** An IP address without brackets or an IPv6 zone (`fe80::1%eth0`). */
export function bareAddress(address: string): string {
  return address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/**
 * The kind of a non-public address (`loopback`, `private`, …), or undefined for an address a sink may use.
 * Something that is not an IP address at all is refused too: only addresses are classified here.
 */
export function restrictedKind(address: string): string | undefined {
  const bare = bareAddress(address);
  const version = isIP(bare);
  if (version === 0) return 'not an IP address';
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find(([list]) => list.check(bare, family))?.[1];
}

/** Operator-allowed addresses: single addresses or CIDR ranges (`10.1.2.3`, `10.0.0.0/8`, `fd00::/8`). */
export class AddressAllowList {
  readonly #list = new BlockList();
  #empty = true;

  /** Adds `entry` if it is an address or a range; answers false for anything else (a host name). */
  add(entry: string): boolean {
    const [address = '', prefix, ...rest] = bareAddress(entry).split('/');
    const version = isIP(address);
    if (version === 0 || rest.length > 0) return false;
    const family: Family = version === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      this.#list.addAddress(address, family);
    } else {
      const bits = Number(prefix);
      if (!/^\d{1,3}$/.test(prefix) || bits > (version === 4 ? 32 : 128)) return false;
      this.#list.addSubnet(address, bits, family);
    }
    this.#empty = false;
    return true;
  }

  has(address: string): boolean {
    const bare = bareAddress(address);
    const version = isIP(bare);
    return !this.#empty && version !== 0 && this.#list.check(bare, version === 4 ? 'ipv4' : 'ipv6');
  }
}
