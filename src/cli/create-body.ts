// The create-session body from command-line flags, in the shape of the environment's flavour. `--body` takes a
// whole JSON body instead.
import type { Flavour } from '../core/camara/flavour';
import { UsageError } from './options';

export const CREATE_OPTIONS = {
  phone: { type: 'string' },
  ipv4: { type: 'string' },
  ipv6: { type: 'string' },
  as: { type: 'string' },
  profile: { type: 'string' },
  duration: { type: 'string' },
  sink: { type: 'string' },
  body: { type: 'string' },
} as const;

export interface CreateValues {
  phone?: string; ipv4?: string; ipv6?: string; as?: string; profile?: string; duration?: string; sink?: string; body?: string;
}

export function buildCreateBody(flavour: Flavour, v: CreateValues): Record<string, unknown> {
  if (v.body) {
    try {
      return JSON.parse(v.body) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`--body is not valid JSON: ${(error as Error).message}`);
    }
  }
  const duration = v.duration === undefined ? undefined : Number(v.duration);
  if (duration !== undefined && !Number.isFinite(duration)) throw new UsageError('--duration must be a number of seconds');
  const server = v.as?.includes(':') ? { ipv6Address: v.as } : v.as ? { ipv4Address: v.as } : undefined;
  if (flavour === 'v0.8') {
    const ueId = { ...(v.phone ? { msisdn: v.phone } : {}), ...(v.ipv4 ? { ipv4addr: v.ipv4.split(':')[0] } : {}), ...(v.ipv6 ? { ipv6addr: v.ipv6 } : {}) };
    const asId = v.as?.includes(':') ? { ipv6addr: v.as } : v.as ? { ipv4addr: v.as } : undefined;
    return strip({ ueId: Object.keys(ueId).length ? ueId : undefined, asId, qos: v.profile, duration, notificationUrl: v.sink });
  }
  const [publicAddress, port] = (v.ipv4 ?? '').split(':');
  const device = {
    ...(v.phone ? { phoneNumber: v.phone } : {}),
    ...(v.ipv4 ? { ipv4Address: port ? { publicAddress, publicPort: Number(port) } : { publicAddress, privateAddress: publicAddress } } : {}),
    ...(v.ipv6 ? { ipv6Address: v.ipv6 } : {}),
  };
  return strip({
    device: Object.keys(device).length ? device : undefined,
    applicationServer: server,
    qosProfile: v.profile,
    duration,
    ...(flavour === 'v1' ? { sink: v.sink } : { webhook: v.sink ? { notificationUrl: v.sink } : undefined }),
  });
}

function strip(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
