// What every face needs of a QoS profile: its duration bounds, and v0.8's fixed list (v0.8 has no profiles
// endpoint; its create body takes one of four names). One copy for the commands, the playground, the agent
// tools and the sandbox.
import { durationSeconds, type QosProfile } from './fields';
import type { Flavour } from './flavour';
import { QOS_V0_8 } from './v0_8';

/** A profile's duration limits in seconds; a bound the provider left out is CAMARA's 1..86400. */
export function profileBounds(profile: QosProfile): { min: number; max: number } {
  return {
    min: profile.minDuration ? durationSeconds(profile.minDuration) : 1,
    max: profile.maxDuration ? durationSeconds(profile.maxDuration) : 86400,
  };
}

/** v0.8's fixed profiles, as a profile list would give them: all ACTIVE, up to a day. */
export const V0_8_PROFILES: readonly QosProfile[] = QOS_V0_8.map((name) => ({
  name,
  status: 'ACTIVE' as const,
  maxDuration: { value: 86400, unit: 'Seconds' as const },
}));

/** The profiles an environment offers: v0.8's fixed list (it has no profiles endpoint), else what `list` reads. */
export async function offeredProfiles(
  flavour: Flavour,
  list: () => Promise<{ value: readonly QosProfile[] }>,
): Promise<readonly QosProfile[]> {
  return flavour === 'v0.8' ? V0_8_PROFILES : (await list()).value;
}
