// One suite's real sandbox: started by a mocha `before` (or `beforeEach`) hook, closed by the matching `after`.
import { ManualClock } from '../../src/sandbox/clock';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';

export interface SandboxHooks {
  /** A fresh sandbox (and clock) for every test instead of one for the whole suite. */
  perTest?: boolean;
  /** Run the sandbox on a ManualClock that only the test moves (`clock.advance(ms)`); otherwise on the system clock. */
  manualClock?: boolean;
}

export interface SuiteSandbox {
  /** The running sandbox: `sb.url`, `sb.clients`, `api(sb, …)`. */
  sb: Sandbox;
  /** Its ManualClock (only with `manualClock: true`). */
  clock: ManualClock;
}

/**
 * Starts the sandbox for the enclosing `describe` with the rate limit off unless `options` say otherwise. Call it
 * at describe time; the sandbox and clock it answers are stand-ins for the ones the hooks start, so test bodies and
 * later hooks use them as they are (reading them before the hook has run is an error that says so).
 */
export function withSandbox(options: SandboxOptions = {}, hooks: SandboxHooks = {}): SuiteSandbox {
  let current: { sb: Sandbox; clock?: ManualClock } | undefined;
  const start = async (): Promise<void> => {
    const clock = hooks.manualClock ? new ManualClock() : undefined;
    current = { sb: await startSandbox({ rateLimit: false, ...(clock ? { clock } : {}), ...options }), clock };
  };
  const stop = async (): Promise<void> => {
    await current?.sb.close();
    current = undefined;
  };
  if (hooks.perTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    before(start);
    after(stop);
  }
  return {
    sb: standIn({} as Sandbox, () => current?.sb),
    clock: standIn(Object.create(ManualClock.prototype) as ManualClock, () => current?.clock),
  };
}

/** An object that forwards every read to what `target()` answers now (methods bound to it, for private fields). */
function standIn<T extends object>(shape: T, target: () => T | undefined): T {
  return new Proxy(shape, {
    get(_, key) {
      const now = target();
      if (!now) throw new Error(`withSandbox: read ${String(key)} outside a test or hook, or without the clock it was not asked for`);
      const value: unknown = Reflect.get(now, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(now) : value;
    },
  });
}
