// One view of a session, whatever flavour the provider speaks: `id` vs `sessionId`,
// Unix seconds vs RFC 3339, `qos` vs `qosProfile`, `ueId` vs `device`.
import type { Flavour } from './flavour';
import type { QosStatus, StatusInfo } from './fields';
import { cleanProviderText } from '../http/provider-text';
import { isRecord } from './validate';
import type { AssignmentInfo, AssignmentStatus } from './provisioning';

export interface SessionView {
  flavour: Flavour;
  id: string;
  /** v0.8 has no status; a session that answers is taken as AVAILABLE. */
  status: QosStatus;
  statusInfo?: StatusInfo;
  qosProfile: string;
  durationSeconds: number;
  /** RFC 3339, absent while REQUESTED. */
  startedAt?: string;
  expiresAt?: string;
  /** `phoneNumber +34…`, `ipv4Address 203.0.113.25:5000`, … for display. */
  device?: string;
  applicationServer?: string;
}

export function normaliseSession(flavour: Flavour, raw: unknown): SessionView {
  if (!isRecord(raw)) throw new TypeError('session info must be a JSON object');
  if (flavour === 'v0.8') {
    return {
      flavour,
      id: String(raw.id),
      status: 'AVAILABLE',
      qosProfile: String(raw.qos),
      durationSeconds: Number(raw.duration),
      startedAt: fromUnixSeconds(raw.startedAt),
      expiresAt: fromUnixSeconds(raw.expiresAt),
      device: describeIdentifiers(raw.ueId),
      applicationServer: describeIdentifiers(raw.asId),
    };
  }
  const toTime = flavour === 'v0.10' ? fromUnixSeconds : fromRfc3339;
  return {
    flavour,
    id: String(raw.sessionId),
    status: raw.qosStatus as QosStatus,
    statusInfo: raw.statusInfo as StatusInfo | undefined,
    qosProfile: String(raw.qosProfile),
    durationSeconds: Number(raw.duration),
    startedAt: toTime(raw.startedAt),
    expiresAt: toTime(raw.expiresAt),
    device: describeIdentifiers(raw.device),
    applicationServer: describeIdentifiers(raw.applicationServer),
  };
}

function fromUnixSeconds(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString() : undefined;
}

function fromRfc3339(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The identifier keys the flavours declare (v1/v0.10 `device`, v0.8 `ueId`/`asId`); anything else is not shown. */
const IDENTIFIER_KEYS = new Set([
  'phoneNumber',
  'networkAccessIdentifier',
  'ipv4Address',
  'ipv6Address',
  'msisdn',
  'ipv4addr',
  'ipv6addr',
  'externalId',
]);

/**
 * `phoneNumber +34666666666`; an IPv4 device object reads `203.0.113.25:5000` or `203.0.113.25 (10.0.0.5)`. The
 * provider wrote these: only declared keys, each value cleaned and at most 64 characters.
 */
export function describeIdentifiers(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const shown = (v: unknown) => cleanProviderText(String(v), 64);
  const parts = Object.entries(value)
    .filter(([key]) => IDENTIFIER_KEYS.has(key))
    .map(([key, v]) => {
      if (isRecord(v)) {
        const port = v.publicPort !== undefined ? `:${shown(v.publicPort)}` : '';
        const priv = v.privateAddress !== undefined ? ` (${shown(v.privateAddress)})` : '';
        return `${key} ${shown(v.publicAddress)}${port}${priv}`;
      }
      return `${key} ${shown(v)}`;
    });
  return parts.length ? parts.join(', ') : undefined;
}

/** The device a request body names, in any flavour (`device`, or v0.8's `ueId`), described; none when it names none. */
export function describeBodyDevice(body: unknown): string | undefined {
  return isRecord(body) ? describeIdentifiers(body.device ?? body.ueId) : undefined;
}

/** One view of a QoS Provisioning assignment (already checked against its version's schema). */
export interface AssignmentView {
  id: string;
  status: AssignmentStatus;
  statusInfo?: 'NETWORK_TERMINATED' | 'DELETE_REQUESTED';
  qosProfile: string;
  /** RFC 3339, absent while REQUESTED. */
  startedAt?: string;
  /** `phoneNumber +34…` for display. */
  device?: string;
}

export function normaliseAssignment(raw: AssignmentInfo): AssignmentView {
  return {
    id: raw.assignmentId,
    status: raw.status,
    ...(raw.statusInfo ? { statusInfo: raw.statusInfo } : {}),
    qosProfile: raw.qosProfile,
    ...(raw.startedAt ? { startedAt: cleanProviderText(raw.startedAt, 64) } : {}),
    ...(describeIdentifiers(raw.device) ? { device: describeIdentifiers(raw.device) } : {}),
  };
}
