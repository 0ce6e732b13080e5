// A stored session in the shape of the flavour it was created with.
import type { Session } from './sessions';

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const unixSeconds = (ms: number): number => Math.floor(ms / 1000);

export function renderSession(session: Session): Record<string, unknown> {
  const { request } = session;
  if (session.flavour === 'v0.8') {
    const started = session.startedAt ?? session.createdAt;
    return {
      ...pick(request, ['ueId', 'asId', 'uePorts', 'asPorts', 'notificationUrl']),
      id: session.id,
      qos: session.qosProfile,
      duration: session.duration,
      startedAt: unixSeconds(started),
      expiresAt: unixSeconds(session.expiresAt ?? started + session.duration * 1000),
    };
  }
  if (session.flavour === 'v0.10') {
    const started = session.startedAt ?? session.createdAt;
    const webhook = request.webhook as { notificationUrl: string } | undefined;
    return {
      sessionId: session.id,
      ...pick(request, ['device', 'applicationServer', 'devicePorts', 'applicationServerPorts']),
      qosProfile: session.qosProfile,
      ...(webhook ? { webhook: { notificationUrl: webhook.notificationUrl } } : {}),
      duration: session.duration,
      startedAt: unixSeconds(started),
      expiresAt: unixSeconds(session.expiresAt ?? started + session.duration * 1000),
      qosStatus: session.status,
      ...(session.statusInfo ? { statusInfo: session.statusInfo } : {}),
    };
  }
  // v1 and v1.2: 1.2's applicationServer ({ipAddresses} or subnets) is echoed as sent; no sinkCredential field is
  // echoed (1.2 marks them writeOnly).
  return {
    sessionId: session.id,
    ...(request.device ? { device: oneIdentifier(request.device as Record<string, unknown>) } : {}),
    ...pick(request, ['applicationServer', 'devicePorts', 'applicationServerPorts', 'sink']),
    qosProfile: session.qosProfile,
    duration: session.duration,
    ...(session.startedAt !== undefined ? { startedAt: rfc3339(session.startedAt) } : {}),
    ...(session.expiresAt !== undefined ? { expiresAt: rfc3339(session.expiresAt) } : {}),
    qosStatus: session.status,
    ...(session.statusInfo ? { statusInfo: session.statusInfo } : {}),
  };
}

/** v1 answers with the one identifier the network used (DeviceResponse has at most one property). */
export function oneIdentifier(device: Record<string, unknown>): Record<string, unknown> {
  for (const key of ['phoneNumber', 'ipv4Address', 'ipv6Address', 'networkAccessIdentifier']) {
    if (device[key] !== undefined) return { [key]: device[key] };
  }
  return {};
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
