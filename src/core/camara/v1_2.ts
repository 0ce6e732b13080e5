// quality-on-demand 1.2.0-rc.3 and qos-profiles 1.2.0-rc.3 (CAMARA r4.1), served under `/quality-on-demand/v1rc3`
// and `/qos-profiles/v1rc3` (the final 1.2 is expected back on `/v1`: an environment's paths say where). What
// changed from 1.1.0, each rule worded where a developer meets it: the application server is either a list of
// 1–16 single addresses (`ipAddresses`) or the 1.1 subnets, never both; sink credentials are ACCESSTOKEN or
// PRIVATE_KEY_JWT (PLAIN and REFRESHTOKEN are gone); ports start at 1; durations, lengths and lists are bounded.
import { z } from 'zod';
import * as v1 from './v1';
import {
  deviceV1_2,
  intRange,
  isIpv4,
  isIpv6,
  portsSpecFrom1,
  qosProfileName,
  statusChangedEvent as statusChangedEventOf,
  text,
} from './fields';

/** int32, as 1.2 bounds every duration. */
const INT32_MAX = 2147483647;

/** An https URL of at most 2048 characters (sink, tokenUri, jwksUri). */
const https2048 = text('must be an https:// URL')
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine((v) => /^https:\/\/.+$/.test(v) && URL.canParse(v), { error: 'must be an https:// URL' });

const CREDENTIAL_TYPES = 'must be ACCESSTOKEN or PRIVATE_KEY_JWT (PLAIN and REFRESHTOKEN were removed in QoD 1.2)';

export const sinkCredential = z.discriminatedUnion(
  'credentialType',
  [
    z.strictObject({
      credentialType: z.literal('ACCESSTOKEN'),
      accessToken: text().min(1, { error: 'must not be empty' }).max(4096, { error: 'must be at most 4096 characters' }),
      accessTokenExpiresUtc: z.iso
        .datetime({ offset: true, error: 'must be an RFC 3339 date-time like 2026-12-31T23:59:59Z' })
        .max(64, { error: 'must be at most 64 characters' }),
      accessTokenType: z.literal('bearer', { error: 'must be "bearer"' }),
    }),
    // The provider fetches a token from the app's tokenUri with a private_key_jwt assertion it signs. jwksUri is the
    // provider's to publish (readOnly: a request SHOULD NOT send it, and a provider ignores it when it does).
    z.strictObject({
      credentialType: z.literal('PRIVATE_KEY_JWT'),
      clientId: text().min(1, { error: 'must not be empty' }).max(128, { error: 'must be at most 128 characters' }).optional(),
      tokenUri: https2048.optional(),
      jwksUri: https2048.optional(),
    }),
  ],
  { error: CREDENTIAL_TYPES },
);

const singleAddress = text('must be a single IPv4 or IPv6 address like 198.51.100.10 or 2001:db8::1').refine(
  (v) => (v.length <= 15 && isIpv4(v)) || (v.length <= 45 && isIpv6(v)),
  { error: 'must be a single IPv4 or IPv6 address like 198.51.100.10 or 2001:db8::1 (no /mask: a subnet goes in ipv4Address)' },
);

const IPV4_OR_SUBNET = /^([01]?[0-9]?[0-9]|2[0-4][0-9]|25[0-5])(\.([01]?[0-9]?[0-9]|2[0-4][0-9]|25[0-5])){3}(\/(3[0-2]|[12]?[0-9]))?$/;
const IPV6_OR_SUBNET = /^[0-9a-fA-F:.]+(\/(12[0-8]|1[0-1][0-9]|[1-9]?[0-9]))?$/;

/**
 * Either `{ipAddresses: [1..16 single addresses, no repeats]}` or `{ipv4Address?, ipv6Address?}` (subnets), not both:
 * one object with every field optional and the choice checked after, so each mistake is a message at its field.
 */
export const applicationServer = z
  .strictObject(
    {
      ipAddresses: z
        .array(singleAddress, { error: 'must be a list of single IPv4 or IPv6 addresses' })
        .min(1, { error: 'must hold 1 to 16 addresses' })
        .max(16, { error: 'must hold 1 to 16 addresses' })
        .refine((list) => new Set(list).size === list.length, { error: 'must not repeat an address' })
        .optional(),
      ipv4Address: text('must be an IPv4 address or subnet like 198.51.100.10 or 198.51.100.0/24')
        .max(18, { error: 'must be at most 18 characters' })
        .regex(IPV4_OR_SUBNET, { error: 'must be an IPv4 address or subnet like 198.51.100.10 or 198.51.100.0/24' })
        .optional(),
      ipv6Address: text('must be an IPv6 address or subnet like 2001:db8::1 or 2001:db8::/64')
        .max(49, { error: 'must be at most 49 characters' })
        .regex(IPV6_OR_SUBNET, { error: 'must be an IPv6 address or subnet like 2001:db8::1 or 2001:db8::/64' })
        .optional(),
    },
    { error: 'must be an object {ipAddresses} or {ipv4Address and/or ipv6Address}' },
  )
  .superRefine((a, ctx) => {
    const list = a.ipAddresses !== undefined;
    const subnets = a.ipv4Address !== undefined || a.ipv6Address !== undefined;
    if (list && subnets) {
      ctx.addIssue({
        code: 'custom',
        message: 'must hold either ipAddresses (single addresses) or ipv4Address/ipv6Address (subnets), not both (QoD 1.2)',
      });
    } else if (!list && !subnets) ctx.addIssue({ code: 'custom', message: 'must have ipAddresses, ipv4Address or ipv6Address' });
  });

export const createSession = z.strictObject(
  {
    device: deviceV1_2.optional(),
    applicationServer,
    devicePorts: portsSpecFrom1.optional(),
    applicationServerPorts: portsSpecFrom1.optional(),
    qosProfile: qosProfileName,
    duration: intRange(1, INT32_MAX),
    sink: https2048.optional(),
    sinkCredential: sinkCredential.optional(),
  },
  { error: 'must be a JSON object' },
);
export type CreateSessionV1_2 = z.infer<typeof createSession>;

export const extendSession = z.strictObject({ requestedAdditionalDuration: intRange(1, INT32_MAX) }, { error: 'must be a JSON object' });

export const retrieveSessions = z.strictObject({ device: deviceV1_2.optional() }, { error: 'must be a JSON object' });

// As 1.1's, with 1.2's device (ports from 1, bounded identifiers) and bounded durations and times.
export const retrieveQosProfiles = v1.retrieveQosProfiles.extend({ device: deviceV1_2.optional() });

export const sessionInfo = v1.sessionInfo.extend({
  duration: z.int().min(1).max(INT32_MAX),
  startedAt: z.string().max(64).optional(),
  expiresAt: z.string().max(64).optional(),
});

/** 1.2 returns at most 100 sessions (and 100 profiles). */
export const MAX_LISTED = 100;

/** The event type is 1.1.0's: a 1.2 event cannot be told from a 1.1 one by its type. */
export const EVENT_TYPE = 'org.camaraproject.quality-on-demand.v1.qos-status-changed';

export const statusChangedEvent = statusChangedEventOf(EVENT_TYPE);
