// qod 0.10.1, served under /qod/v0 (Telefónica "QoD v0.10", Orange).
import { z } from 'zod';
import {
  applicationServer,
  deviceV0_10,
  intRange,
  portsSpec,
  qosProfileName,
  qosStatus,
  statusChangedEvent as statusChangedEventOf,
  statusInfo,
  text,
  url,
  uuid,
} from './fields';

export const createSession = z.strictObject(
  {
    device: deviceV0_10,
    applicationServer,
    devicePorts: portsSpec.optional(),
    applicationServerPorts: portsSpec.optional(),
    qosProfile: qosProfileName,
    duration: intRange(1, 86400).optional(),
    webhook: z
      .strictObject(
        {
          notificationUrl: url,
          notificationAuthToken: text()
            .min(20, { error: 'must be 20..256 characters' })
            .max(256, { error: 'must be 20..256 characters' })
            .optional(),
        },
        { error: 'must be an object {notificationUrl, notificationAuthToken}' },
      )
      .optional(),
  },
  { error: 'must be a JSON object' },
);
export type CreateSessionV0_10 = z.infer<typeof createSession>;

/** GET /qos-profiles' query: a profile name and a status, both optional. */
export const qosProfilesQuery = z.strictObject(
  {
    name: qosProfileName.optional(),
    status: z.enum(['ACTIVE', 'INACTIVE', 'DEPRECATED'], { error: 'must be ACTIVE, INACTIVE or DEPRECATED' }).optional(),
  },
  { error: 'must be a JSON object' },
);

export const extendSession = z.strictObject({ requestedAdditionalDuration: intRange(1, 86399) }, { error: 'must be a JSON object' });

export const sessionInfo = z.looseObject({
  sessionId: uuid,
  device: z.looseObject({}),
  applicationServer: z.looseObject({}),
  qosProfile: qosProfileName,
  duration: z.int(),
  startedAt: z.int(),
  expiresAt: z.int(),
  qosStatus,
  statusInfo: statusInfo.optional(),
});
export type SessionInfoV0_10 = z.infer<typeof sessionInfo>;

export const errorInfo = z.looseObject({ status: z.int(), code: z.string(), message: z.string() });

export const EVENT_TYPE = 'org.camaraproject.qod.v0.qos-status-changed';

export const statusChangedEvent = statusChangedEventOf(EVENT_TYPE);
