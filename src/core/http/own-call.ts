// The requests the tool makes for itself (the profile list for a form, status reads that keep the sessions view
// current), told apart from the ones the user asked for by the async context they run in: whatever runs inside
// `asOwnCall` (timers and awaits included) is recorded with the reason, so the playground's sequence diagram
// does not draw them as what "your app" did.
import { AsyncLocalStorage } from 'node:async_hooks';

const reason = new AsyncLocalStorage<string>();

/** Runs `work` as the tool's own call, for `why` (said in the diagram: "reads the QoS profiles for the form"). */
export function asOwnCall<T>(why: string, work: () => T): T {
  return reason.run(why, work);
}

/** Why the current request is the tool's own, or undefined when it is the user's. */
export function ownCallReason(): string | undefined {
  return reason.getStore();
}
