// Field schemas shared by the flavours. Every rule carries the words a developer sees next to the field,
// so messages read `device.ipv4Address.publicPort: must be an integer 0..65535 (got 70000)`.
import { z } from 'zod';

// zod's own address patterns, tested directly: a nested parse per field would cost more than the test.
const { ipv4, cidrv4, cidrv6 } = z.regexes;

export const isIpv4 = (value: string): boolean => ipv4.test(value);
/**
 * URL parsing is the arbiter (WHATWG's IPv6 parser: every RFC 4291 form, the IPv4-mapped `::ffff:192.0.2.1` among
 * them, and no zone); the characters are checked first, so nothing can close the bracket and still parse.
 */
export const isIpv6 = (value: string): boolean => /^[0-9A-Fa-f:.]{2,45}$/.test(value) && URL.canParse(`http://[${value}]/`);

export function intRange(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const rule = max === Number.MAX_SAFE_INTEGER ? `must be an integer ≥ ${min}` : `must be an integer ${min}..${max}`;
  return z.int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
}

export function text(rule = 'must be a string') {
  return z.string({ error: rule });
}

export const port = intRange(0, 65535);
/** QoD 1.2 and later: port 0 is no port. */
export const portFrom1 = intRange(1, 65535);

function ports(portRule: z.ZodType<number>, maxItems: number) {
  const most = { error: `must hold at most ${maxItems} items` };
  return z
    .strictObject(
      {
        ranges: z
          .array(
            z.strictObject({ from: portRule, to: portRule }).refine((r) => r.from <= r.to, { error: 'must have from ≤ to' }),
            { error: 'must be an array of {from, to}' },
          )
          .min(1, { error: 'must hold at least one range' })
          .max(maxItems, most)
          .optional(),
        ports: z
          .array(portRule, { error: 'must be an array of ports' })
          .min(1, { error: 'must hold at least one port' })
          .max(maxItems, most)
          .optional(),
      },
      { error: 'must be an object with ranges and/or ports' },
    )
    .refine((p) => p.ranges !== undefined || p.ports !== undefined, { error: 'must have ranges or ports' });
}

export const portsSpec = ports(port, Number.MAX_SAFE_INTEGER);
/** QoD 1.2: ports from 1, at most 65536 ranges or ports. */
export const portsSpecFrom1 = ports(portFrom1, 65536);

export const singleIpv4 = text('must be a single IPv4 address like 203.0.113.25').refine(isIpv4, {
  error: 'must be a single IPv4 address like 203.0.113.25',
});

export const singleIpv6 = text('must be an IPv6 address like 2001:db8::1').refine(isIpv6, {
  error: 'must be an IPv6 address like 2001:db8::1',
});

/** An application server is an address or a subnet (`198.51.100.0/24`). */
export const ipv4AddressOrSubnet = text('must be an IPv4 address or subnet like 198.51.100.10 or 198.51.100.0/24').refine(
  (v) => isIpv4(v) || cidrv4.test(v),
  { error: 'must be an IPv4 address or subnet like 198.51.100.10 or 198.51.100.0/24' },
);

export const ipv6AddressOrSubnet = text('must be an IPv6 address or subnet like 2001:db8::1 or 2001:db8::/64').refine(
  (v) => isIpv6(v) || cidrv6.test(v),
  { error: 'must be an IPv6 address or subnet like 2001:db8::1 or 2001:db8::/64' },
);

export const E164_STRICT = /^\+[1-9][0-9]{4,14}$/;
export const E164_LENIENT = /^\+?[0-9]{5,15}$/;

export const phoneNumberV1 = text('must be an E.164 number with a leading + like +34666666666').regex(E164_STRICT, {
  error: 'must be an E.164 number with a leading + like +34666666666',
});

export const phoneNumberV0 = text('must be 5 to 15 digits, optionally after a + (E.164), like +34666666666').regex(E164_LENIENT, {
  error: 'must be 5 to 15 digits, optionally after a + (E.164), like +34666666666',
});

export const QOS_PROFILE_NAME = /^[a-zA-Z0-9_.-]{3,256}$/;
export const qosProfileName = text('must be a profile name of 3..256 letters, digits, _ . -').regex(QOS_PROFILE_NAME, {
  error: 'must be a profile name of 3..256 letters, digits, _ . -',
});

export const X_CORRELATOR = /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/;

/**
 * A session id: 8-4-4-4-12 hex, as `format: uuid` reads, without insisting on RFC 9562's version and variant bits
 * (a provider's ids need not be version 4; refusing them would leave its sessions unreadable and undeletable).
 */
export const uuid = z.guid({ error: 'must be a UUID' });

function deviceIpv4(portRule: z.ZodType<number>) {
  return z
    .strictObject(
      { publicAddress: singleIpv4, privateAddress: singleIpv4.optional(), publicPort: portRule.optional() },
      {
        error: 'must be an object {publicAddress, privateAddress and/or publicPort}',
      },
    )
    .refine((a) => a.privateAddress !== undefined || a.publicPort !== undefined, {
      error: 'needs privateAddress or publicPort besides publicAddress (a public address alone does not identify a device behind NAT)',
    });
}

/** A device by its identifiers; QoD 1.2 starts ports at 1 and bounds the network access identifier. */
function device(phoneNumber: z.ZodType<string>, portRule: z.ZodType<number> = port, naiMax = Number.MAX_SAFE_INTEGER) {
  return z
    .strictObject(
      {
        phoneNumber: phoneNumber.optional(),
        networkAccessIdentifier: text()
          .min(1, { error: 'must not be empty' })
          .max(naiMax, { error: `must be at most ${naiMax} characters` })
          .optional(),
        ipv4Address: deviceIpv4(portRule).optional(),
        ipv6Address: singleIpv6.optional(),
      },
      { error: 'must be an object naming the device' },
    )
    .refine((d) => Object.keys(d).length > 0, {
      error: 'must name at least one identifier: phoneNumber, ipv4Address, ipv6Address or networkAccessIdentifier',
    });
}

export const deviceV1 = device(phoneNumberV1);
export const deviceV1_2 = device(phoneNumberV1, portFrom1, 2048);
export const deviceV0_10 = device(phoneNumberV0);
export type Device = z.infer<typeof deviceV1>;

export const applicationServer = z
  .strictObject(
    { ipv4Address: ipv4AddressOrSubnet.optional(), ipv6Address: ipv6AddressOrSubnet.optional() },
    {
      error: 'must be an object {ipv4Address and/or ipv6Address}',
    },
  )
  .refine((a) => a.ipv4Address !== undefined || a.ipv6Address !== undefined, {
    error: 'must have ipv4Address or ipv6Address',
  });

export const https = text('must be an https:// URL').refine((v) => /^https:\/\/.+$/.test(v) && URL.canParse(v), {
  error: 'must be an https:// URL',
});

export const url = text('must be an absolute URL').refine((v) => URL.canParse(v), { error: 'must be an absolute URL' });

export const qosStatus = z.enum(['REQUESTED', 'AVAILABLE', 'UNAVAILABLE']);
export const statusInfo = z.enum(['DURATION_EXPIRED', 'NETWORK_TERMINATED', 'DELETE_REQUESTED']);
export type QosStatus = z.infer<typeof qosStatus>;
export type StatusInfo = z.infer<typeof statusInfo>;

export const profileStatus = z.enum(['ACTIVE', 'INACTIVE', 'DEPRECATED']);
const rate = z.looseObject({ value: z.int(), unit: z.enum(['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps']) });
const duration = z.looseObject({
  value: z.int(),
  unit: z.enum(['Days', 'Hours', 'Minutes', 'Seconds', 'Milliseconds', 'Microseconds', 'Nanoseconds']),
});
export type DurationValue = z.infer<typeof duration>;

/** QoS profile as v0.10 and v1 describe it (v1 adds countryAvailability). */
export const qosProfile = z.looseObject({
  name: qosProfileName,
  description: z.string().optional(),
  status: profileStatus,
  targetMinUpstreamRate: rate.optional(),
  maxUpstreamRate: rate.optional(),
  maxUpstreamBurstRate: rate.optional(),
  targetMinDownstreamRate: rate.optional(),
  maxDownstreamRate: rate.optional(),
  maxDownstreamBurstRate: rate.optional(),
  minDuration: duration.optional(),
  maxDuration: duration.optional(),
  priority: z.int().optional(),
  packetDelayBudget: duration.optional(),
  jitter: duration.optional(),
  packetErrorLossRate: z.int().optional(),
});
export type QosProfile = z.infer<typeof qosProfile>;

const SECONDS: Record<DurationValue['unit'], number> = {
  Days: 86400,
  Hours: 3600,
  Minutes: 60,
  Seconds: 1,
  Milliseconds: 1e-3,
  Microseconds: 1e-6,
  Nanoseconds: 1e-9,
};

export function durationSeconds(d: DurationValue): number {
  return d.value * SECONDS[d.unit];
}

/** `http://127.0.0.1…`, `http://localhost…` or `http://[::1]…`: plain http that never leaves the machine. */
export function isLoopbackHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

/** The QoS status-changed CloudEvent; v1 and v0.10 differ only in `type`. */
export function statusChangedEvent<T extends string>(type: T) {
  return z.looseObject({
    id: z.string().min(1),
    source: z.string().min(1),
    type: z.literal(type),
    specversion: z.literal('1.0'),
    datacontenttype: z.literal('application/json').optional(),
    time: z.iso.datetime({ offset: true }),
    data: z.looseObject({
      sessionId: z.string(),
      qosStatus: z.enum(['AVAILABLE', 'UNAVAILABLE']),
      statusInfo: statusInfo.optional(),
    }),
  });
}
