// A create-session body in the shape of each flavour, from the few things a developer chooses.

import type { Flavour } from './flavour';

export type DeviceInput =
  { kind: 'phoneNumber'; value: string } | { kind: 'ipv4'; value: string; port?: number } | { kind: 'ipv6'; value: string };

/** The device as a developer names it: a phone number, an IPv4 address with an optional `:port`, or an IPv6 address. */
export function deviceInput(named: { phoneNumber?: string; ipv4Address?: string; ipv6Address?: string }): DeviceInput | undefined {
  if (named.phoneNumber) return { kind: 'phoneNumber', value: named.phoneNumber };
  if (named.ipv4Address) {
    const [value = '', port] = named.ipv4Address.split(':');
    return { kind: 'ipv4', value, port: port === undefined ? undefined : Number(port) };
  }
  if (named.ipv6Address) return { kind: 'ipv6', value: named.ipv6Address };
  return undefined;
}

export interface CreateChoices {
  /** Absent when a 3-legged token already names the device. */
  device?: DeviceInput;
  /** IPv4 or IPv6 address or subnet; from QoD 1.2, several single addresses separated by commas. */
  applicationServer: string;
  qosProfile: string;
  duration?: number;
  /** Where notifications go, and the bearer token they carry. */
  sink?: SinkTarget;
}

/** Empty choices are left out, so validation says "is required" rather than judging an empty string. */
export function createSessionBody(flavour: Flavour, c: CreateChoices): Record<string, unknown> {
  const server = c.applicationServer.includes(':') ? 'ipv6' : 'ipv4';
  const serverValue = c.applicationServer || undefined;
  const profile = c.qosProfile || undefined;
  if (flavour === 'v0.8') {
    const ueId =
      c.device &&
      ({ phoneNumber: { msisdn: c.device.value }, ipv4: { ipv4addr: c.device.value }, ipv6: { ipv6addr: c.device.value } } as const)[
        c.device.kind
      ];
    return strip({
      ueId,
      asId: serverValue && { [`${server}addr`]: serverValue },
      qos: profile,
      duration: c.duration,
      ...sinkFields(flavour, c.sink),
    });
  }
  const device = c.device && deviceObject(c.device);
  // 1.2's list of single addresses; a single address or a subnet stays in the 1.1 shape, which 1.2 keeps.
  const servers = c.applicationServer.split(',').map((a) => a.trim());
  const list = flavour === 'v1.2' && servers.length > 1;
  const common = {
    device,
    applicationServer: list ? { ipAddresses: servers.filter(Boolean) } : serverValue && { [`${server}Address`]: serverValue },
    qosProfile: profile,
    duration: c.duration,
  };
  return strip({ ...common, ...sinkFields(flavour, c.sink) });
}

/**
 * A QoS Provisioning assignment body (v1: 0.3.0, v1.2: 0.4.0-rc.1): the device, the profile and the sink, in the
 * same fields as the release's create-session body (provisioning has no duration and no application server).
 */
export function createAssignmentBody(flavour: Flavour, c: Pick<CreateChoices, 'device' | 'qosProfile' | 'sink'>): Record<string, unknown> {
  return strip({ device: c.device && deviceObject(c.device), qosProfile: c.qosProfile || undefined, ...sinkFields(flavour, c.sink) });
}

/** Where notifications go: the URL, and the bearer token they carry or (QoD 1.2) the PRIVATE_KEY_JWT token endpoint. */
export interface SinkTarget {
  url: string;
  token?: string;
  privateKeyJwt?: { clientId: string; tokenUri: string };
}

/** A body (the user's, typed or edited) sent to `sink`: the flavour's notification fields are set, the rest kept. */
export function withSink(flavour: Flavour, body: Record<string, unknown>, sink: SinkTarget): Record<string, unknown>;
export function withSink(flavour: Flavour, body: unknown, sink: SinkTarget): unknown;
export function withSink(flavour: Flavour, body: unknown, sink: SinkTarget): unknown {
  // A body that is not an object is sent as it is, and the schema refuses it with a field message.
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body, ...sinkFields(flavour, sink) } : body;
}

/** Where notifications go and the bearer token they carry, in the flavour's fields. */
function sinkFields(flavour: Flavour, sink: SinkTarget | undefined): Record<string, unknown> {
  if (!sink) return {};
  if (flavour === 'v0.8') return strip({ notificationUrl: sink.url, notificationAuthToken: sink.token });
  if (flavour === 'v0.10') return { webhook: strip({ notificationUrl: sink.url, notificationAuthToken: sink.token }) };
  // 1.2: the operator fetches its own token from the app's endpoint, so no token is written in the body.
  if (flavour === 'v1.2' && sink.privateKeyJwt) {
    return { sink: sink.url, sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', ...sink.privateKeyJwt } };
  }
  return strip({
    sink: sink.url,
    sinkCredential: sink.token
      ? {
          credentialType: 'ACCESSTOKEN',
          accessToken: sink.token,
          accessTokenExpiresUtc: new Date(Date.now() + 86_400_000 * 2).toISOString(),
          accessTokenType: 'bearer',
        }
      : undefined,
  });
}

function deviceObject(d: DeviceInput): Record<string, unknown> {
  if (d.kind === 'phoneNumber') return { phoneNumber: d.value };
  if (d.kind === 'ipv6') return { ipv6Address: d.value };
  // A public address alone does not identify a device behind NAT: the port, or the same private address.
  return {
    ipv4Address:
      d.port !== undefined ? { publicAddress: d.value, publicPort: d.port } : { publicAddress: d.value, privateAddress: d.value },
  };
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
