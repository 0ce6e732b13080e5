// What differs between the QoD versions, said where a developer meets it: a body field the active version does not
// have is named with the versions that do, and how to write the same thing in this one. Code written for one
// operator's version breaks on another's; the message says why and what to change. One table, read by the body
// validation (so the playground, the CLI, request files, the agent tools and the sandbox all say it the same way).
import { API_VERSIONS, FLAVOURS, type Flavour } from './flavour';

interface VersionNote {
  /** The field's path in a create body (`applicationServer.ipAddresses`), as validation names it. */
  path: string;
  /** How to say the same thing in a version that does not have the field; absent where there is no way. */
  instead: Partial<Record<Flavour, string>>;
  /** The versions that have it, when not every version without an `instead` does (a field inside another's). */
  only?: readonly Flavour[];
}

const V1_SINK = 'use sink (an https URL) with sinkCredential {credentialType: "ACCESSTOKEN", …}';
const V0_10_SINK = 'use webhook {notificationUrl, notificationAuthToken}';
const V0_8_SINK = 'use notificationUrl and notificationAuthToken at the top of the body';
const V1_ACCESS_TOKEN =
  'PRIVATE_KEY_JWT credentials arrive in QoD 1.2; use credentialType "ACCESSTOKEN" with accessToken, accessTokenExpiresUtc and ' +
  'accessTokenType "bearer"';
/** The versions after v0.8, which renamed its fields. */
const AFTER_V0_8: readonly Flavour[] = ['v0.10', 'v1', 'v1.2'];

/** Each field some version has and another does not; a version absent from `instead` has the field. */
const NOTES: readonly VersionNote[] = [
  {
    path: 'applicationServer.ipAddresses',
    instead: {
      v1: 'give one address or a subnet as applicationServer.ipv4Address or ipv6Address (one session per server)',
      'v0.10': 'give one address or a subnet as applicationServer.ipv4Address or ipv6Address (one session per server)',
      'v0.8': 'give one address or a subnet as asId.ipv4addr or ipv6addr',
    },
  },
  { path: 'sinkCredential.clientId', instead: { v1: V1_ACCESS_TOKEN }, only: ['v1.2'] },
  { path: 'sinkCredential.tokenUri', instead: { v1: V1_ACCESS_TOKEN }, only: ['v1.2'] },
  { path: 'sink', instead: { 'v0.10': V0_10_SINK, 'v0.8': V0_8_SINK } },
  { path: 'sinkCredential', instead: { 'v0.10': V0_10_SINK, 'v0.8': V0_8_SINK } },
  { path: 'webhook', instead: { v1: V1_SINK, 'v1.2': V1_SINK, 'v0.8': V0_8_SINK } },
  { path: 'notificationUrl', instead: { v1: V1_SINK, 'v1.2': V1_SINK, 'v0.10': 'put it inside webhook {notificationUrl}' } },
  { path: 'notificationAuthToken', instead: { v1: V1_SINK, 'v1.2': V1_SINK, 'v0.10': 'put it inside webhook {notificationAuthToken}' } },
  { path: 'ueId', instead: fromV0_8('device {phoneNumber | ipv4Address | ipv6Address | networkAccessIdentifier}') },
  { path: 'asId', instead: fromV0_8('applicationServer {ipv4Address and/or ipv6Address}') },
  { path: 'qos', instead: fromV0_8('qosProfile') },
  { path: 'uePorts', instead: fromV0_8('devicePorts') },
  { path: 'asPorts', instead: fromV0_8('applicationServerPorts') },
  { path: 'device', instead: { 'v0.8': 'use ueId {msisdn | ipv4addr | ipv6addr | externalId}' } },
  { path: 'applicationServer', instead: { 'v0.8': 'use asId {ipv4addr and/or ipv6addr}' } },
  { path: 'qosProfile', instead: { 'v0.8': 'use qos (QOS_E, QOS_S, QOS_M or QOS_L)' } },
  { path: 'devicePorts', instead: { 'v0.8': 'use uePorts' } },
  { path: 'applicationServerPorts', instead: { 'v0.8': 'use asPorts' } },
];

function fromV0_8(newer: string): Partial<Record<Flavour, string>> {
  return Object.fromEntries(AFTER_V0_8.map((f) => [f, `use ${newer}`]));
}

/**
 * The rule for a field `flavour` does not have: which versions have it and what to write instead, or the plain
 * words when no version has it (a typo, a made-up field).
 */
export function unknownFieldRule(flavour: Flavour, path: string): string {
  const plain = 'is not a field of this API version';
  const note = NOTES.find((n) => n.path === path);
  const instead = note?.instead[flavour];
  if (!note || instead === undefined) return plain;
  const has = note.only ?? FLAVOURS.filter((f) => note.instead[f] === undefined);
  const haveIt = `${has.join(' and ')} ${has.length > 1 ? 'have' : 'has'} it`;
  return `is not a field of QoD ${flavour} (${API_VERSIONS[flavour]}); ${haveIt}: in ${flavour}, ${instead}`;
}
