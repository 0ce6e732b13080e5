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

/** The owner of the scripts the sandbox starts with (its option, `--network`): they hold for every API client. */
export const EVERY_CLIENT = '*';

/**
 * Scripts are kept per API client, as sessions are: one client's script neither ends another's sessions nor shows
 * to it (a shared sandbox: several developers, the same demo numbers). A client's own script wins over the
 * sandbox-wide one of the same device.
 */
export class DeviceNetworks {
  /** By `owner\ndevice`. */
  readonly #scripts = new Map<string, NetworkScript>();
  readonly #withdrawn = new Map<string, Set<string>>();

  /** `end` is how the network ends a session (the store's networkTerminate). */
  constructor(private readonly end: (session: Session) => void) {}

  /** Sets (or replaces, starting over) a device's script; false when the bound is reached for a new device. */
  set(device: string, script: NetworkScript, owner: string = EVERY_CLIENT): boolean {
    const key = ownKey(owner, device);
    if (!this.#scripts.has(key) && this.#scripts.size >= MAX_SCRIPTED_DEVICES) return false;
    this.#scripts.set(key, script);
    this.#withdrawn.delete(key);
    return true;
  }

  /** Clears the owner's own script (a sandbox-wide one stays). */
  clear(device: string, owner: string): void {
    this.#scripts.delete(ownKey(owner, device));
    this.#withdrawn.delete(ownKey(owner, device));
  }

  /** What the device's network does for this client: its own script, else the sandbox-wide one. */
  view(device: string, owner: string): DeviceNetworkView {
    const key = this.#effectiveKey(owner, device);
    const script = this.#scripts.get(key);
    return {
      device,
      script: script?.text ?? null,
      description: describeNetworkScript(script),
      withdrawnProfiles: [...(this.#withdrawn.get(key) ?? [])],
    };
  }

  /** The devices this client sees scripts for: its own and the sandbox-wide ones. */
  list(owner: string): DeviceNetworkView[] {
    const devices = new Set<string>();
    for (const key of this.#scripts.keys()) {
      const [keyOwner = '', device = ''] = key.split('\n');
      if (keyOwner === owner || keyOwner === EVERY_CLIENT) devices.add(device);
    }
    return [...devices].map((device) => this.view(device, owner));
  }

  /** Whether the client's script for the device has withdrawn this profile (`deviceKey` as the sessions have it). */
  isWithdrawn(deviceKey: string | undefined, profile: string, owner: string): boolean {
    if (deviceKey === undefined) return false;
    return this.#withdrawn.get(this.#effectiveKey(owner, canonicalDeviceKey(deviceKey)))?.has(profile) ?? false;
  }

  #effectiveKey(owner: string, device: string): string {
    const own = ownKey(owner, device);
    return this.#scripts.has(own) ? own : ownKey(EVERY_CLIENT, device);
  }

  /**
   * What a create schedules for the device, or undefined when it has no script (the last-digit conventions then
   * decide). Unavailable on create: QoD 1.2 says so in the 201; the others have no such answer, so the session is
   * REQUESTED and the network ends it at once.
   */
  plan(flavour: Flavour, deviceKey: string, owner: string): CreateOptions | undefined {
    const device = this.#effectiveKey(owner, canonicalDeviceKey(deviceKey));
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

const ownKey = (owner: string, device: string): string => `${owner}\n${device}`;
