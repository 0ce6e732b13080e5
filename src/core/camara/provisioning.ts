// CAMARA QoS Provisioning: a QoS profile assigned to a device until it is revoked (no duration, no application
// server). Its version follows the environment's CAMARA release: QoD 1.1.0 (r3.2) pairs with QoS Provisioning 0.3.0
// under `/qos-provisioning/v0.3`, QoD 1.2.0-rc.3 (r4.1) with 0.4.0-rc.1 under `/qos-provisioning/v0.4rc1`. 0.4
// changes what 1.2 changed for QoD: ACCESSTOKEN or PRIVATE_KEY_JWT credentials, ports from 1, bounded lengths.
import { z } from 'zod';
import * as v1 from './v1';
import * as v1_2 from './v1_2';
import { deviceV1, deviceV1_2, https, qosProfileName, text, uuid } from './fields';

/** The flavours (CAMARA releases) that have QoS Provisioning, with the version each speaks. */
export const PROVISIONING_VERSIONS = { v1: '0.3.0', 'v1.2': '0.4.0-rc.1' } as const;
export type ProvisioningFlavour = keyof typeof PROVISIONING_VERSIONS;

/** 0.3.0's sink: an https URL (0.4 bounds it at 2048 characters). */
const sink0_4 = https.refine((v) => v.length <= 2048, { error: 'must be at most 2048 characters' });

export const createAssignment0_3 = z.strictObject(
  { device: deviceV1.optional(), qosProfile: qosProfileName, sink: https.optional(), sinkCredential: v1.sinkCredential.optional() },
  { error: 'must be a JSON object' },
);

export const createAssignment0_4 = z.strictObject(
  { device: deviceV1_2.optional(), qosProfile: qosProfileName, sink: sink0_4.optional(), sinkCredential: v1_2.sinkCredential.optional() },
  { error: 'must be a JSON object' },
);

export const retrieveAssignment0_3 = z.strictObject({ device: deviceV1.optional() }, { error: 'must be a JSON object' });
export const retrieveAssignment0_4 = z.strictObject({ device: deviceV1_2.optional() }, { error: 'must be a JSON object' });

/** An assignment's status: REQUESTED (asynchronous), AVAILABLE, or UNAVAILABLE (refused, ended or revoked). */
export const assignmentStatus = z.enum(['REQUESTED', 'AVAILABLE', 'UNAVAILABLE']);
/** Provisioning has no DURATION_EXPIRED: an assignment lasts until it is revoked or the network ends it. */
export const assignmentStatusInfo = z.enum(['NETWORK_TERMINATED', 'DELETE_REQUESTED']);
export type AssignmentStatus = z.infer<typeof assignmentStatus>;

/** AssignmentInfo as a client reads it (loose: a provider may add fields). */
export const assignmentInfo = z.looseObject({
  assignmentId: uuid,
  device: z.looseObject({}).optional(),
  qosProfile: qosProfileName,
  sink: z.string().optional(),
  startedAt: z.string().max(64).optional(),
  status: assignmentStatus,
  statusInfo: assignmentStatusInfo.optional(),
});
export type AssignmentInfo = z.infer<typeof assignmentInfo>;

/** One type string in both versions. */
export const EVENT_TYPE = 'org.camaraproject.qos-provisioning.v0.status-changed';

/**
 * The status-changed event. 0.3.0's schema requires `data.qosStatus` while naming the property `status` (fixed in
 * 0.4.0-rc.1): a reader takes either.
 */
export const statusChangedEvent = z.looseObject({
  id: text().min(1),
  source: text().min(1),
  type: z.literal(EVENT_TYPE),
  specversion: z.literal('1.0'),
  time: z.iso.datetime({ offset: true }),
  data: z.looseObject({
    assignmentId: z.string(),
    status: z.enum(['AVAILABLE', 'UNAVAILABLE']).optional(),
    qosStatus: z.enum(['AVAILABLE', 'UNAVAILABLE']).optional(),
    statusInfo: assignmentStatusInfo.optional(),
  }),
});

export function hasProvisioning(flavour: string): flavour is ProvisioningFlavour {
  return Object.hasOwn(PROVISIONING_VERSIONS, flavour);
}
