/** The QoD API flavours: the three providers serve today, and the next CAMARA release (1.2.0-rc.3, in r4.1). */
export const FLAVOURS = ['v0.8', 'v0.10', 'v1', 'v1.2'] as const;
export type Flavour = (typeof FLAVOURS)[number];

export function isFlavour(value: unknown): value is Flavour {
  return typeof value === 'string' && (FLAVOURS as readonly string[]).includes(value);
}

/**
 * Base paths as the specifications' `servers` entries define them. v0.8 and v0.10 share `/qod/v0`; 1.2.0-rc.3 is
 * served under `v1rc3` (the final 1.2 is expected back on `/v1`: an environment's `paths` override these).
 */
export const BASE_PATHS: Record<Flavour, ApiBases> = {
  'v0.8': { sessions: '/qod/v0' },
  'v0.10': { sessions: '/qod/v0', profiles: '/qod/v0' },
  v1: { sessions: '/quality-on-demand/v1', profiles: '/qos-profiles/v1', provisioning: '/qos-provisioning/v0.3' },
  'v1.2': { sessions: '/quality-on-demand/v1rc3', profiles: '/qos-profiles/v1rc3', provisioning: '/qos-provisioning/v0.4rc1' },
};

/** Where each API of a release lives; QoS Provisioning follows the release (0.3.0 with QoD 1.1, 0.4.0-rc.1 with 1.2). */
export interface ApiBases {
  sessions: string;
  profiles?: string;
  provisioning?: string;
}

/** The API version each flavour implements, as its definition's `info.version` says (code export names it). */
export const API_VERSIONS: Record<Flavour, string> = {
  'v0.8': 'qod 0.8.1',
  'v0.10': 'qod 0.10.1',
  v1: 'quality-on-demand 1.1.0 + qos-profiles 1.1.0',
  'v1.2': 'quality-on-demand 1.2.0-rc.3 + qos-profiles 1.2.0-rc.3',
};

/** CAMARA's v1 family (1.1 and 1.2): the same operations, scopes, error shape and 3-legged device rules. */
export function isV1Family(flavour: Flavour): flavour is 'v1' | 'v1.2' {
  return flavour === 'v1' || flavour === 'v1.2';
}
