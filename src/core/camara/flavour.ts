/** The three QoD API flavours that providers serve today. */
export const FLAVOURS = ['v0.8', 'v0.10', 'v1'] as const;
export type Flavour = (typeof FLAVOURS)[number];

export function isFlavour(value: unknown): value is Flavour {
  return typeof value === 'string' && (FLAVOURS as readonly string[]).includes(value);
}

/** Base paths as the specifications define them. v0.8 and v0.10 share `/qod/v0`. */
export const BASE_PATHS: Record<Flavour, { sessions: string; profiles?: string }> = {
  'v0.8': { sessions: '/qod/v0' },
  'v0.10': { sessions: '/qod/v0', profiles: '/qod/v0' },
  v1: { sessions: '/quality-on-demand/v1', profiles: '/qos-profiles/v1' },
};
