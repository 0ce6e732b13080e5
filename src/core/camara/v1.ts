// quality-on-demand 1.1.0 and qos-profiles 1.1.0.
import { z } from 'zod';
import {
  applicationServer,
  deviceV1,
  https,
  intRange,
  portsSpec,
  profileStatus,
  qosProfileName,
  qosStatus,
  statusChangedEvent as statusChangedEventOf,
  statusInfo,
  text,
  uuid,
} from './fields';

export const sinkCredential = z.strictObject(
  {
    credentialType: z.literal('ACCESSTOKEN', { error: 'must be ACCESSTOKEN (the only type QoD 1.1 accepts; 1.2 adds PRIVATE_KEY_JWT)' }),
    accessToken: text().min(1, { error: 'must not be empty' }),
    accessTokenExpiresUtc: z.iso.datetime({ offset: true, error: 'must be an RFC 3339 date-time like 2026-12-31T23:59:59Z' }),
    accessTokenType: z.literal('bearer', { error: 'must be "bearer"' }),
  },
  { error: 'must be an object {credentialType, accessToken, accessTokenExpiresUtc, accessTokenType}' },
);

export const createSession = z.strictObject(
  {
    device: deviceV1.optional(),
    applicationServer,
    devicePorts: portsSpec.optional(),
    applicationServerPorts: portsSpec.optional(),
    qosProfile: qosProfileName,
    duration: intRange(1),
    sink: https.optional(),
    sinkCredential: sinkCredential.optional(),
  },
  { error: 'must be a JSON object' },
);
export type CreateSessionV1 = z.infer<typeof createSession>;

export const extendSession = z.strictObject({ requestedAdditionalDuration: intRange(1) }, { error: 'must be a JSON object' });

export const retrieveSessions = z.strictObject({ device: deviceV1.optional() }, { error: 'must be a JSON object' });

export const retrieveQosProfiles = z.strictObject(
  {
    device: deviceV1.optional(),
    name: qosProfileName.optional(),
    status: z.enum(['ACTIVE', 'INACTIVE', 'DEPRECATED'], { error: 'must be ACTIVE, INACTIVE or DEPRECATED' }).optional(),
  },
  { error: 'must be a JSON object' },
);

export const sessionInfo = z.looseObject({
  sessionId: uuid,
  device: z.looseObject({}).optional(),
  applicationServer: z.looseObject({}),
  devicePorts: z.looseObject({}).optional(),
  applicationServerPorts: z.looseObject({}).optional(),
  qosProfile: qosProfileName,
  sink: z.string().optional(),
  duration: z.int(),
  startedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  qosStatus,
  statusInfo: statusInfo.optional(),
});
export type SessionInfoV1 = z.infer<typeof sessionInfo>;

export const errorInfo = z.looseObject({ status: z.int(), code: z.string(), message: z.string() });

export const EVENT_TYPE = 'org.camaraproject.quality-on-demand.v1.qos-status-changed';

export const statusChangedEvent = statusChangedEventOf(EVENT_TYPE);

export { profileStatus };
