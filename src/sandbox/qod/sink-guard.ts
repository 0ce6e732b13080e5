// Keeps notification sinks from turning the sandbox into a proxy into its own networks (SSRF) when it is bound
// where other machines reach it. A sink is checked twice: when the session is created (a clear 400 for an address
// or a name that leads inside), and again on every connection, through the socket's own DNS lookup, so a name
// that resolved to a public address at create time and to 127.0.0.1 later (DNS rebinding) never gets a socket.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { isLoopbackHost } from '../../core/http/loopback';
import { AddressAllowList, bareAddress, restrictedKind } from './address-ranges';

export interface SinkGuardOptions {
  /** Refuse sinks that lead inside (the sandbox is bound to a non-loopback address); otherwise allow everything. */
  restrict: boolean;
  /** What the operator allows anyway: host names (exact), addresses or CIDR ranges. */
  allowHosts?: readonly string[];
  /** How host names resolve (node's dns.lookup); tests answer with loopback without asking any DNS server. */
  lookup?: LookupFunction;
  /** How long the create-time lookup may take; after that the name is checked on connect only. */
  lookupTimeoutMs?: number;
}

/** A connection the guard refused: a failed delivery that is not retried (the answer would be the same). */
export class SinkRefusedError extends Error {
  override readonly name = 'SinkRefusedError';
  readonly code = 'ERR_SINK_REFUSED';
}

type Connector = buildConnector.connector;

export class SinkGuard {
  readonly #restrict: boolean;
  readonly #names = new Set<string>();
  readonly #addresses = new AddressAllowList();
  readonly #lookup: LookupFunction;
  readonly #timeoutMs: number;

  constructor(options: SinkGuardOptions) {
    this.#restrict = options.restrict;
    this.#lookup = options.lookup ?? (dnsLookup as LookupFunction);
    this.#timeoutMs = options.lookupTimeoutMs ?? 2000;
    for (const entry of options.allowHosts ?? []) {
      if (!this.#addresses.add(entry)) this.#names.add(normaliseName(entry));
    }
  }

  /** Throws if an allow-list entry is neither an address, a range nor a host name. */
  static validateAllowEntry(entry: string): string | undefined {
    const list = new AddressAllowList();
    if (list.add(entry)) return undefined;
    const name = normaliseName(entry);
    return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(name) && !name.includes('/')
      ? undefined
      : `"${entry}" is neither a host name, an IP address nor a CIDR range`;
  }

  /**
   * Create time: why the sink must be refused, or undefined. A name that does not resolve now is let through
   * (it may later); the connection is checked again in any case.
   */
  async refusal(sinkUrl: string): Promise<string | undefined> {
    if (!this.#restrict) return undefined;
    const url = URL.parse(sinkUrl);
    if (!url) return 'the sink is not a URL';
    // WHATWG URL parsing has already turned 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1.
    const host = bareAddress(url.hostname);
    if (this.#names.has(normaliseName(host))) return undefined;
    if (isIP(host)) return this.#addressRefusal(host, host);
    if (isLoopbackHost(host)) return this.#addressRefusal('127.0.0.1', host);
    const addresses = await this.#resolve(host).catch(() => []);
    for (const { address } of addresses) {
      const reason = this.#addressRefusal(address, host);
      if (reason) return reason;
    }
    return undefined;
  }

  /** An undici connector that checks the address of every connection before it is opened. */
  connector(timeoutMs?: number): Connector {
    const open = buildConnector({ timeout: timeoutMs });
    if (!this.#restrict) return open;
    const guarded = buildConnector({ timeout: timeoutMs, lookup: this.#guardedLookup });
    return (options, callback) => {
      const host = bareAddress(options.hostname);
      if (this.#names.has(normaliseName(host))) return open(options, callback);
      const literal = isIP(host) ? host : isLoopbackHost(host) ? '127.0.0.1' : undefined;
      const reason = literal === undefined ? undefined : this.#addressRefusal(literal, host);
      if (reason) {
        process.nextTick(() => callback(new SinkRefusedError(`not connecting: ${reason}`), null));
        return;
      }
      // A literal address never goes through `lookup` (node connects to it directly); it was checked above.
      return guarded(options, callback);
    };
  }

  /** net.connect's lookup hook: resolves, then refuses if any answer leads inside. */
  readonly #guardedLookup: LookupFunction = (hostname, options, callback) => {
    this.#lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = (Array.isArray(found) ? found : [{ address: found, family: 4 }]) as LookupAddress[];
      for (const { address } of addresses) {
        const reason = this.#addressRefusal(address, hostname);
        if (reason) return callback(new SinkRefusedError(`not connecting: ${reason}`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };

  #addressRefusal(address: string, host: string): string | undefined {
    const kind = restrictedKind(address);
    if (!kind || this.#addresses.has(address)) return undefined;
    const via = bareAddress(address) === host ? '' : ` (${host} resolves to ${address})`;
    return (
      `the sink leads to a ${kind} address${via}; while the sandbox is reachable from other machines it delivers only to ` +
      'public addresses, unless its operator allows the host (--allow-sink-host)'
    );
  }

  #resolve(host: string): Promise<LookupAddress[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('lookup timed out')), this.#timeoutMs);
      this.#lookup(host, { all: true }, (error, found) => {
        clearTimeout(timer);
        if (error) return reject(error);
        resolve((Array.isArray(found) ? found : [{ address: found, family: 4 }]) as LookupAddress[]);
      });
    });
  }
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
