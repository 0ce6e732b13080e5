// What a scenario needs from the environment before its request can be sent. Each kind says, in words, what
// it is: when the environment cannot give it, the scenario is skipped with that sentence as its reason.

export const NEEDS = {
  device: 'a testing device the service applies to (sandbox: a fresh phone number per scenario; an operator: --device)',
  session: 'an existing QoD session created by this API client',
  availableSession: 'an existing QoD session whose qosStatus is AVAILABLE',
  endedSession: 'a QoD session that became UNAVAILABLE within the last 360 seconds',
  sessionWithSink: 'an AVAILABLE QoD session created with a sink this run can read',
  assignment: 'an existing QoS assignment created by this API client',
  endedAssignment: 'a QoS assignment revoked within the last 360 seconds',
  assignmentWithSink: 'an AVAILABLE QoS assignment created with a sink this run can read',
  threeLegged: 'a 3-legged access token for a testing device (CIBA with a login hint)',
  expiredToken: 'an expired access token',
  narrowToken: 'an access token without the operation’s scope (client credentials with a narrower scope)',
  secondClient: 'a second API client of the same provider (403 for a resource another client created)',
  rateLimit: 'a client with a low rate limit (only ever on the local sandbox: a real operator is never hammered)',
  unknownDevice: 'a device identifier the network does not know',
  notApplicableDevice: 'a device the service does not apply to',
  asyncDevice: 'a device whose QoS assignment the provider creates and revokes asynchronously (201 REQUESTED, 202)',
  sink: 'a notification sink the provider can reach (https, or loopback http on the local sandbox)',
  sinkEvents: 'a notification sink the provider can reach and this run can read',
  privateKeyJwtNotPreShared: 'an API client with no PRIVATE_KEY_JWT configuration pre-shared with the provider',
  inactiveProfile: 'a QoS profile that exists but is not ACTIVE',
  restrictedProfiles: 'QoS profiles restricted to certain devices, and a device suitable for them',
  syncRevoke: 'a provider that revokes this QoS assignment synchronously (204)',
} as const;

export type NeedKind = keyof typeof NEEDS;

/** The skip reason for needs the environment cannot give. */
export function needsReason(missing: readonly NeedKind[], detail?: string): string {
  const what = missing.map((n) => NEEDS[n]).join('; ');
  return `needs ${what}${detail ? ` (${detail})` : ''}`;
}
