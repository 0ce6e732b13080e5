// The create-session body from command-line flags, in the shape of the environment's flavour. `--body` takes a
// whole JSON body instead.
import { createSessionBody, type DeviceInput } from '../core/camara/create-body';
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

export function deviceFrom(v: CreateValues): DeviceInput | undefined {
  if (v.phone) return { kind: 'phoneNumber', value: v.phone };
  if (v.ipv4) {
    const [value = '', port] = v.ipv4.split(':');
    return { kind: 'ipv4', value, port: port === undefined ? undefined : Number(port) };
  }
  if (v.ipv6) return { kind: 'ipv6', value: v.ipv6 };
  return undefined;
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
  return createSessionBody(flavour, {
    device: deviceFrom(v), applicationServer: v.as ?? '', qosProfile: v.profile ?? '', duration, sink: v.sink ? { url: v.sink } : undefined,
  });
}
