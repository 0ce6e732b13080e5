// Scope styles that providers use today, and which scopes allow which QoD operation.

export type QodOperation =
  | 'createSession'
  | 'getSession'
  | 'deleteSession'
  | 'extendSession'
  | 'retrieveSessions'
  | 'readProfiles'
  | 'createAssignment'
  | 'getAssignment'
  | 'revokeAssignment'
  | 'retrieveAssignment';

/** QoS Provisioning's operations: CAMARA scopes only (the legacy purpose scope and v0.10's names are QoD's). */
const PROVISIONING_OPERATIONS: ReadonlySet<QodOperation> = new Set([
  'createAssignment',
  'getAssignment',
  'revokeAssignment',
  'retrieveAssignment',
]);

/** Legacy purpose scope (Telefónica, Vonage): allows every QoD operation. */
export const LEGACY_PURPOSE_SCOPE = 'dpv:RequestedServiceProvision#qod';
/** CAMARA current style: one purpose plus the API scopes. */
export const PURPOSE_SCOPE = 'dpv:RequestedServiceProvision';

export const V1_SCOPES: Record<QodOperation, string> = {
  createSession: 'quality-on-demand:sessions:create',
  getSession: 'quality-on-demand:sessions:read',
  deleteSession: 'quality-on-demand:sessions:delete',
  extendSession: 'quality-on-demand:sessions:update',
  retrieveSessions: 'quality-on-demand:sessions:retrieve-by-device',
  readProfiles: 'qos-profiles:read',
  createAssignment: 'qos-provisioning:qos-assignments:create',
  getAssignment: 'qos-provisioning:qos-assignments:read',
  revokeAssignment: 'qos-provisioning:qos-assignments:delete',
  retrieveAssignment: 'qos-provisioning:qos-assignments:read-by-device',
};

export const V0_10_SCOPES: Partial<Record<QodOperation, string>> = {
  createSession: 'qod-sessions-write',
  getSession: 'qod-sessions-read',
  deleteSession: 'qod-sessions-delete',
  extendSession: 'qod-sessions-write',
  retrieveSessions: 'qod-sessions-read',
  readProfiles: 'qod-profiles-read',
};

/** Every API scope any style uses; the sandbox's resource server accepts all of them. */
export const ALL_API_SCOPES = [LEGACY_PURPOSE_SCOPE, ...new Set([...Object.values(V1_SCOPES), ...Object.values(V0_10_SCOPES)])];

/** Scope presets a developer picks from. */
export const SCOPE_PRESETS = {
  legacy: LEGACY_PURPOSE_SCOPE,
  camaraV1: ['openid', PURPOSE_SCOPE, ...Object.values(V1_SCOPES)].join(' '),
  v0_10: [...new Set(Object.values(V0_10_SCOPES))].join(' '),
} as const;

/** True when the granted scopes allow the operation, in any of the three styles. */
export function scopesAllow(granted: ReadonlySet<string>, operation: QodOperation): boolean {
  if (granted.has(V1_SCOPES[operation])) return true;
  if (PROVISIONING_OPERATIONS.has(operation)) return false;
  return granted.has(LEGACY_PURPOSE_SCOPE) || granted.has(V0_10_SCOPES[operation] ?? '');
}
