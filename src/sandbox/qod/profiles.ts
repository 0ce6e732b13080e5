// The sandbox's QoS profile catalogue: the classic CAMARA names with realistic rates and duration limits,
// plus one INACTIVE profile to show QOS_PROFILE_NOT_APPLICABLE and one offered only to some devices (QOS_RESTRICTED).
import type { QosProfile } from '../../core/camara/fields';
import { hours, kbps, mbps, minutes, ms, seconds } from './profile-values';
import { lastDigitOf, offeredRestrictedProfiles } from '../subscribers';
import { ApiError } from './api-error';

export const DEFAULT_PROFILES: readonly QosProfile[] = [
  {
    name: 'QOS_E',
    status: 'ACTIVE',
    description: 'Stable low latency for real-time communication (about 500 kbps)',
    targetMinUpstreamRate: kbps(500),
    targetMinDownstreamRate: kbps(500),
    maxUpstreamRate: mbps(1),
    maxDownstreamRate: mbps(1),
    minDuration: seconds(1),
    maxDuration: hours(24),
    priority: 20,
    packetDelayBudget: ms(50),
    jitter: ms(10),
    packetErrorLossRate: 3,
  },
  {
    name: 'QOS_S',
    status: 'ACTIVE',
    description: 'Throughput up to about 4 Mbps (standard-definition video)',
    targetMinDownstreamRate: mbps(2),
    maxDownstreamRate: mbps(4),
    maxUpstreamRate: mbps(1),
    minDuration: seconds(1),
    maxDuration: hours(24),
    priority: 40,
    packetDelayBudget: ms(150),
    packetErrorLossRate: 6,
  },
  {
    name: 'QOS_M',
    status: 'ACTIVE',
    description: 'Throughput up to about 8 Mbps (high-definition video)',
    targetMinDownstreamRate: mbps(4),
    maxDownstreamRate: mbps(8),
    maxUpstreamRate: mbps(2),
    minDuration: seconds(10),
    maxDuration: hours(12),
    priority: 40,
    packetDelayBudget: ms(150),
    packetErrorLossRate: 6,
  },
  {
    name: 'QOS_L',
    status: 'ACTIVE',
    description: 'Throughput up to about 20 Mbps (4K video, large uploads)',
    targetMinDownstreamRate: mbps(10),
    maxDownstreamRate: mbps(20),
    maxUpstreamRate: mbps(5),
    minDuration: minutes(1),
    maxDuration: hours(1),
    priority: 50,
    packetDelayBudget: ms(300),
    packetErrorLossRate: 6,
  },
  {
    name: 'QOS_XL_TRIAL',
    status: 'INACTIVE',
    description: 'Trial profile, not currently deployable (shows QOS_PROFILE_NOT_APPLICABLE)',
    targetMinDownstreamRate: mbps(50),
    maxDownstreamRate: mbps(100),
    minDuration: minutes(1),
    maxDuration: minutes(30),
    priority: 60,
  },
  {
    name: 'QOS_RESTRICTED',
    status: 'ACTIVE',
    description: 'Offered only to certain devices (sandbox: identifiers ending in 3); listed only when the request names one',
    targetMinUpstreamRate: mbps(2),
    targetMinDownstreamRate: mbps(10),
    maxUpstreamRate: mbps(5),
    maxDownstreamRate: mbps(25),
    minDuration: seconds(1),
    maxDuration: hours(2),
    priority: 15,
    packetDelayBudget: ms(20),
    jitter: ms(5),
    packetErrorLossRate: 4,
  },
];

/**
 * Profiles offered only to some devices (the test definitions' "QoS Profiles restricted to certain devices",
 * retrieveQoSProfiles 04/05): by name, the last digits of the device identifiers they are offered to. Listed only
 * when the request names such a device (body or 3-legged token), refused (422 QOS_PROFILE_NOT_APPLICABLE) to any
 * other device; looked up by name they are found like any profile. Each catalogue says its own.
 */
export type DeviceRestrictions = Readonly<Record<string, readonly number[]>>;

/** The default catalogue's: QOS_RESTRICTED, for identifiers ending in 3. */
export const DEFAULT_RESTRICTIONS: DeviceRestrictions = {
  QOS_RESTRICTED: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter(offeredRestrictedProfiles),
};

/** Whether the profile is offered to the device (`tel:+34…`, `ip:…`); without a device, only unrestricted ones are. */
export function offeredTo(
  profile: QosProfile,
  deviceKey: string | undefined,
  restrictions: DeviceRestrictions = DEFAULT_RESTRICTIONS,
): boolean {
  const digits = Object.hasOwn(restrictions, profile.name) ? restrictions[profile.name] : undefined;
  return !digits || (deviceKey !== undefined && digits.includes(lastDigitOf(deviceKey)));
}

/**
 * The profile a create names, if the device may have it: unknown → 400 INVALID_ARGUMENT (the test definitions'
 * "non-existent QoS profile"), not ACTIVE or not offered to the device → 422 with the API's QOS_PROFILE_NOT_APPLICABLE.
 */
export function applicableProfile(
  profiles: readonly QosProfile[],
  name: string,
  deviceKey: string,
  notApplicableCode: string,
  restrictions: DeviceRestrictions = DEFAULT_RESTRICTIONS,
): QosProfile {
  const profile = profiles.find((p) => p.name === name);
  if (!profile) throw new ApiError(400, 'INVALID_ARGUMENT', `qosProfile: no QoS profile is named "${name}"`);
  if (profile.status !== 'ACTIVE') throw new ApiError(422, notApplicableCode, `The QoS profile ${profile.name} is ${profile.status}`);
  if (!offeredTo(profile, deviceKey, restrictions)) {
    const digits = restrictions[profile.name]?.join(' or ') ?? '';
    throw new ApiError(
      422,
      notApplicableCode,
      `The QoS profile ${profile.name} is not offered to this device (sandbox: only identifiers ending in ${digits})`,
    );
  }
  return profile;
}
