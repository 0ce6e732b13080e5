// Loopback never goes through a proxy. HTTP(S)_PROXY without a NO_PROXY for 127.0.0.1 would otherwise send
// the local sandbox's traffic, bearer token and all, to the proxy; and a proxy cannot reach this machine's
// loopback anyway. An undici interceptor, so the proxy agent stays undici's own.
import { BlockList, isIP } from 'node:net';
import type { Dispatcher } from 'undici';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
// IPv4-mapped 127/8 (the URL parser writes [::ffff:127.0.0.1] as [::ffff:7f00:1]).
LOOPBACK.addSubnet('::ffff:7f00:0', 104, 'ipv6');

/** 127.0.0.0/8, ::1 (and IPv4-mapped 127/8), localhost and *.localhost (RFC 6761: always loopback). */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

function isLoopbackOrigin(origin: Dispatcher.DispatchOptions['origin']): boolean {
  if (origin === undefined) return false;
  const url = typeof origin === 'string' ? (URL.canParse(origin) ? new URL(origin) : undefined) : origin;
  return url !== undefined && isLoopbackHost(url.hostname);
}

/** Sends requests for loopback origins to `direct`, every other one on to the (proxying) dispatcher. */
export function loopbackDirect(direct: Dispatcher): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) =>
    isLoopbackOrigin(options.origin) ? direct.dispatch(options, handler) : dispatch(options, handler);
}
