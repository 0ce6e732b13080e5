// The sandbox's clock is the core's (the sessions registry and settle waits use it too).
export * from '../core/clock';
