// How the sandbox's catalogues write a QoS profile's durations, rates and delays (CAMARA's value-and-unit objects).
export const seconds = (value: number) => ({ value, unit: 'Seconds' as const });
export const minutes = (value: number) => ({ value, unit: 'Minutes' as const });
export const hours = (value: number) => ({ value, unit: 'Hours' as const });
export const kbps = (value: number) => ({ value, unit: 'kbps' as const });
export const mbps = (value: number) => ({ value, unit: 'Mbps' as const });
export const ms = (value: number) => ({ value, unit: 'Milliseconds' as const });
