// The scripts set for devices (bounded), the profiles they have withdrawn, and what a create for such a device
// schedules: the session store runs the steps on the sandbox clock and cancels them when the session ends.
import type { Flavour } from '../../core/camara/flavour';
import { canonicalDeviceKey, describeNetworkScript, type NetworkScript } from './network-scripts';
import type { CreateOptions, ScheduledStep, Session } from './sessions';

export const MAX_SCRIPTED_DEVICES = 1000;

export interface DeviceNetworkView {
  device: string;
  script: string | null;
  description: string;
  /** Profiles this device's script has withdrawn so far (offered again when the script is cleared or replaced). */
  withdrawnProfiles: string[];
}

export class DeviceNetworks {
  readonly #scripts = new Map<string, NetworkScript>();
  readonly #withdrawn = new Map<string, Set<string>>();

  /** `end` is how the network ends a session (the store's networkTerminate). */
  constructor(private readonly end: (session: Session) => void) {}

  /** Sets (or replaces, starting over) a device's script; false when the bound is reached for a new device. */
  set(device: string, script: NetworkScript): boolean {
    if (!this.#scripts.has(device) && this.#scripts.size >= MAX_SCRIPTED_DEVICES) return false;
    this.#scripts.set(device, script);
    this.#withdrawn.delete(device);
    return true;
  }

  clear(device: string): void {
    this.#scripts.delete(device);
    this.#withdrawn.delete(device);
  }

  view(device: string): DeviceNetworkView {
    const script = this.#scripts.get(device);
    return {
      device,
      script: script?.text ?? null,
      description: describeNetworkScript(script),
      withdrawnProfiles: [...(this.#withdrawn.get(device) ?? [])],
    };
  }

  list(): DeviceNetworkView[] {
    return [...this.#scripts.keys()].map((device) => this.view(device));
  }

  /** Whether the device's script has withdrawn this profile (`deviceKey` as the sessions have it). */
  isWithdrawn(deviceKey: string | undefined, profile: string): boolean {
    return deviceKey !== undefined && (this.#withdrawn.get(canonicalDeviceKey(deviceKey))?.has(profile) ?? false);
  }

  /**
   * What a create schedules for the device, or undefined when it has no script (the last-digit conventions then
   * decide). Unavailable on create: QoD 1.2 says so in the 201; the others have no such answer, so the session is
   * REQUESTED and the network ends it at once.
   */
  plan(flavour: Flavour, deviceKey: string): CreateOptions | undefined {
    const device = canonicalDeviceKey(deviceKey);
    const script = this.#scripts.get(device);
    if (!script) return undefined;
    if (script.unavailableOnCreate) {
      return flavour === 'v1.2' ? { networkTerminated: true } : { steps: [{ afterMs: 0, run: this.end }] };
    }
    const steps: ScheduledStep[] = [];
    if (script.networkEndsMs !== undefined) steps.push({ afterMs: script.networkEndsMs, run: this.end });
    if (script.profileWithdrawnMs !== undefined) {
      steps.push({
        afterMs: script.profileWithdrawnMs,
        run: (session) => {
          // Still this script (not cleared or replaced since the create): the profile goes for the device.
          if (this.#scripts.get(device) !== script) return;
          const withdrawn = this.#withdrawn.get(device) ?? new Set<string>();
          withdrawn.add(session.qosProfile);
          this.#withdrawn.set(device, withdrawn);
          this.end(session);
        },
      });
    }
    return { activationDelayMs: script.availableAfterMs, steps };
  }
}
