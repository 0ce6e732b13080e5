// qod 0.8.1, served under /qod/v0 (Telefónica "QoD v0.8", Vonage): ueId/asId, a fixed profile enum,
// `id` and Unix-seconds timestamps.
import { z } from 'zod';
import { intRange, ipv4AddressOrSubnet, ipv6AddressOrSubnet, phoneNumberV0, portsSpec, text, url, uuid } from './fields';

export const QOS_V0_8 = ['QOS_E', 'QOS_S', 'QOS_M', 'QOS_L'] as const;

const atLeastOne = (o: object): boolean => Object.keys(o).length > 0;

export const createSession = z.strictObject(
  {
    duration: intRange(1, 86400).optional(),
    ueId: z
      .strictObject(
        {
          externalId: text().min(1, { error: 'must not be empty' }).optional(),
          msisdn: phoneNumberV0.optional(),
          ipv4addr: ipv4AddressOrSubnet.optional(),
          ipv6addr: ipv6AddressOrSubnet.optional(),
        },
        { error: 'must be an object naming the device' },
      )
      .refine(atLeastOne, {
        error: 'must name at least one identifier: msisdn, ipv4addr, ipv6addr or externalId',
      }),
    asId: z
      .strictObject(
        { ipv4addr: ipv4AddressOrSubnet.optional(), ipv6addr: ipv6AddressOrSubnet.optional() },
        {
          error: 'must be an object {ipv4addr and/or ipv6addr}',
        },
      )
      .refine(atLeastOne, { error: 'must have ipv4addr or ipv6addr' }),
    uePorts: portsSpec.optional(),
    asPorts: portsSpec.optional(),
    qos: z.enum(QOS_V0_8, { error: 'must be one of QOS_E, QOS_S, QOS_M, QOS_L' }),
    notificationUrl: url.optional(),
    notificationAuthToken: text().optional(),
  },
  { error: 'must be a JSON object' },
);
export type CreateSessionV0_8 = z.infer<typeof createSession>;

export const sessionInfo = z.looseObject({
  id: uuid,
  ueId: z.looseObject({}),
  asId: z.looseObject({}),
  qos: z.enum(QOS_V0_8, { error: 'must be one of QOS_E, QOS_S, QOS_M, QOS_L' }),
  duration: z.int(),
  startedAt: z.int(),
  expiresAt: z.int(),
});
export type SessionInfoV0_8 = z.infer<typeof sessionInfo>;

export const errorInfo = z.looseObject({ code: z.string(), message: z.string() });

/** v0.8 notifications are a bare `{sessionId, event}`. */
export const notification = z.looseObject({ sessionId: z.string(), event: z.literal('SESSION_TERMINATED') });
