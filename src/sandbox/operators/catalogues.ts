// The operators `qod sandbox --operators` runs, each with its own numbers, addresses and QoS profile catalogue: as
// real operators do, they name and size their profiles differently, so one app's needs map onto different profiles.
// Azul keeps the single sandbox's catalogue (the classic CAMARA names); Verde has its own names and values, one
// profile offered only to some devices and one that states no latency (partial information, for the advisor).
import type { QosProfile } from '../../core/camara/fields';
import { hours, mbps, minutes, ms, seconds } from '../qod/profile-values';
import { DEFAULT_PROFILES, DEFAULT_RESTRICTIONS, type DeviceRestrictions } from '../qod/profiles';
import type { OperatorIdentity } from './ranges';

/** One operator of the network: who it is, which devices it serves, what it offers. */
export interface OperatorDefinition extends OperatorIdentity {
  profiles: readonly QosProfile[];
  /** Which profiles only some devices are offered: name → last digits of their identifiers. */
  restrictedProfiles: DeviceRestrictions;
}

export const VERDE_PROFILES: readonly QosProfile[] = [
  {
    name: 'VERDE_REALTIME',
    status: 'ACTIVE',
    description: 'Low latency and jitter for calls and games (1–2 Mbps each way)',
    targetMinUpstreamRate: mbps(1),
    targetMinDownstreamRate: mbps(1),
    maxUpstreamRate: mbps(2),
    maxDownstreamRate: mbps(2),
    minDuration: seconds(1),
    maxDuration: hours(4),
    priority: 10,
    packetDelayBudget: ms(30),
    jitter: ms(5),
    packetErrorLossRate: 3,
  },
  {
    name: 'VERDE_VIDEO_HD',
    status: 'ACTIVE',
    description: 'High-definition video: about 15 Mbps down',
    targetMinDownstreamRate: mbps(15),
    maxDownstreamRate: mbps(25),
    maxUpstreamRate: mbps(3),
    minDuration: seconds(10),
    maxDuration: hours(2),
    priority: 30,
    packetDelayBudget: ms(100),
    jitter: ms(20),
    packetErrorLossRate: 6,
  },
  {
    name: 'VERDE_UPLINK_PRO',
    status: 'ACTIVE',
    description: 'Live upload: about 10 Mbps up (offered only to some devices; sandbox: identifiers ending in 2)',
    targetMinUpstreamRate: mbps(10),
    maxUpstreamRate: mbps(20),
    targetMinDownstreamRate: mbps(2),
    maxDownstreamRate: mbps(5),
    minDuration: minutes(1),
    maxDuration: hours(1),
    priority: 20,
    packetDelayBudget: ms(60),
    jitter: ms(15),
    packetErrorLossRate: 5,
  },
  {
    // States no latency or jitter at all: a client comparing profiles has to say the operator does not state them.
    name: 'VERDE_BULK',
    status: 'ACTIVE',
    description: 'Large downloads: at least 5 Mbps down (latency not stated)',
    targetMinDownstreamRate: mbps(5),
    maxDownstreamRate: mbps(50),
    minDuration: minutes(1),
    maxDuration: hours(6),
    priority: 60,
  },
];

export const AZUL: OperatorDefinition = {
  id: 'azul',
  name: 'Azul Mobile',
  phonePrefixes: ['+34'],
  ipv4Ranges: ['203.0.113.0/25'],
  ipv6Ranges: ['2001:db8:a::/48'],
  profiles: DEFAULT_PROFILES,
  restrictedProfiles: DEFAULT_RESTRICTIONS,
};

export const VERDE: OperatorDefinition = {
  id: 'verde',
  name: 'Verde Telecom',
  phonePrefixes: ['+44'],
  ipv4Ranges: ['203.0.113.128/25'],
  ipv6Ranges: ['2001:db8:b::/48'],
  profiles: VERDE_PROFILES,
  restrictedProfiles: { VERDE_UPLINK_PRO: [2] },
};

/** The operators `qod sandbox --operators` starts. */
export const DEFAULT_OPERATORS: readonly OperatorDefinition[] = [AZUL, VERDE];
