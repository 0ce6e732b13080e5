// QoS Provisioning's assignments: REQUESTED → AVAILABLE → UNAVAILABLE (DELETE_REQUESTED or NETWORK_TERMINATED), on
// the sandbox clock. An assignment has no duration: it lasts until revoked. One assignment holds a device per API
// client until it is revoked or forgotten (the spec: "Before a client can attempt to create a new QoS profile
// assignment for the same device, they must release the previous assignment resources with an explicit delete
// operation if not yet automatically deleted"); an UNAVAILABLE one stays readable for `retentionSeconds`.
import { randomUUID } from 'node:crypto';
import type { ProvisioningFlavour } from '../../core/camara/provisioning';
import type { AssignmentStatus } from '../../core/camara/provisioning';
import type { Clock, TimerHandle } from '../clock';
import { ApiError } from '../qod/api-error';
import type { Sink } from '../qod/sessions';

export type AssignmentStatusInfo = 'NETWORK_TERMINATED' | 'DELETE_REQUESTED';

export interface Assignment {
  id: string;
  flavour: ProvisioningFlavour;
  clientId: string;
  /** Set when created with a 3-legged token: only that subject may see it. */
  subject?: string;
  deviceKey: string;
  /** The device as the request named it (absent with a 3-legged token): echoed back. */
  device?: Record<string, unknown>;
  qosProfile: string;
  sink?: Sink;
  /** Asynchronous network (sandbox: digit 5): create answers REQUESTED, revoke 202. */
  asynchronous: boolean;
  createdAt: number;
  startedAt?: number;
  status: AssignmentStatus;
  statusInfo?: AssignmentStatusInfo;
  /** A revoke was accepted and is under way (asynchronous only): AVAILABLE + DELETE_REQUESTED until it completes. */
  revoking?: boolean;
  timer?: TimerHandle;
}

export type NewAssignment = Pick<
  Assignment,
  'flavour' | 'clientId' | 'subject' | 'deviceKey' | 'device' | 'qosProfile' | 'sink' | 'asynchronous'
>;

export interface AssignmentStoreOptions {
  /** How long an asynchronous create (and revoke) takes, ms. */
  activationDelayMs: number;
  retentionSeconds: number;
  /** Assignments kept at once, revoked ones still readable included. */
  maxAssignments: number;
}

export class AssignmentStore {
  readonly #all = new Map<string, Assignment>();
  /** (API client, device) → the assignment that holds it; per client, as QoD's sessions (one client's does not block another's). */
  readonly #byDevice = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly options: AssignmentStoreOptions,
    private readonly onStatusChange: (assignment: Assignment) => void,
  ) {}

  /**
   * Synchronous networks answer AVAILABLE at once, asynchronous ones REQUESTED; with `networkTerminated` the network
   * knows it cannot provide it (UNAVAILABLE/NETWORK_TERMINATED, which holds the device until revoked). Either way the
   * outcome is notified ("The event will be sent also for synchronous operations").
   */
  create(init: NewAssignment, { networkTerminated = false } = {}): Assignment {
    const key = deviceSlot(init.clientId, init.deviceKey);
    const held = this.#all.get(this.#byDevice.get(key) ?? '');
    if (held) {
      throw new ApiError(
        409,
        'CONFLICT',
        `There is another existing provisioning for the same device: assignment ${held.id} (${held.status}); revoke it first`,
      );
    }
    // Revoked ones count too while they are kept readable: memory stays bounded.
    if (this.#all.size >= this.options.maxAssignments) {
      throw new ApiError(
        429,
        'QUOTA_EXCEEDED',
        `The sandbox holds at most ${this.options.maxAssignments} assignments (revoked ones for ${this.options.retentionSeconds} s)`,
      );
    }
    const assignment: Assignment = { ...init, id: randomUUID(), createdAt: this.clock.now(), status: 'REQUESTED' };
    this.#all.set(assignment.id, assignment);
    this.#byDevice.set(key, assignment.id);
    if (networkTerminated) {
      assignment.status = 'UNAVAILABLE';
      assignment.statusInfo = 'NETWORK_TERMINATED';
      this.#retain(assignment);
      this.onStatusChange(assignment);
    } else if (init.asynchronous) {
      assignment.timer = this.clock.setTimeout(() => this.#activate(assignment), this.options.activationDelayMs);
    } else {
      this.#activate(assignment);
    }
    return assignment;
  }

  find(id: string): Assignment | undefined {
    return this.#all.get(id);
  }

  /** The client's assignment holding the device, if any. */
  holding(clientId: string, deviceKey: string): Assignment | undefined {
    return this.#all.get(this.#byDevice.get(deviceSlot(clientId, deviceKey)) ?? '');
  }

  /** Whether another API client holds the device (by-device answers 403 then: test 403.2). A scan, bounded by maxAssignments. */
  heldByAnotherClient(clientId: string, deviceKey: string, flavour: ProvisioningFlavour): boolean {
    for (const a of this.#all.values()) {
      if (a.deviceKey === deviceKey && a.clientId !== clientId && a.flavour === flavour && this.#holds(a)) return true;
    }
    return false;
  }

  /**
   * Revokes: answers 'done' (204) or, on an asynchronous network with an AVAILABLE assignment, 'accepted' (202:
   * AVAILABLE + DELETE_REQUESTED until it completes). Only an AVAILABLE assignment's end is notified ("There will be no
   * notification event if the status was already UNAVAILABLE"). A released one is not found (it was already revoked).
   */
  revoke(assignment: Assignment): 'done' | 'accepted' {
    if (!this.#holds(assignment)) throw new ApiError(404, 'NOT_FOUND', `The assignment ${assignment.id} has already been revoked`);
    if (assignment.revoking) return 'accepted';
    if (assignment.status === 'AVAILABLE' && assignment.asynchronous) {
      assignment.revoking = true;
      assignment.statusInfo = 'DELETE_REQUESTED';
      assignment.timer = this.clock.setTimeout(() => this.#end(assignment, true), this.options.activationDelayMs);
      return 'accepted';
    }
    if (assignment.status === 'UNAVAILABLE') {
      // Ended by the network: revoking releases the device; the record stays readable until it is forgotten.
      this.#byDevice.delete(deviceSlot(assignment.clientId, assignment.deviceKey));
      return 'done';
    }
    this.#end(assignment, assignment.status === 'AVAILABLE');
    return 'done';
  }

  close(): void {
    for (const assignment of this.#all.values()) assignment.timer?.cancel();
    this.#all.clear();
    this.#byDevice.clear();
  }

  #holds(assignment: Assignment): boolean {
    return this.#byDevice.get(deviceSlot(assignment.clientId, assignment.deviceKey)) === assignment.id;
  }

  #activate(assignment: Assignment): void {
    if (assignment.status !== 'REQUESTED') return;
    assignment.status = 'AVAILABLE';
    assignment.startedAt = this.clock.now();
    this.onStatusChange(assignment);
  }

  /** Revoked: UNAVAILABLE/DELETE_REQUESTED, the device released, readable for the retention. */
  #end(assignment: Assignment, notify: boolean): void {
    assignment.timer?.cancel();
    assignment.revoking = false;
    assignment.status = 'UNAVAILABLE';
    assignment.statusInfo = 'DELETE_REQUESTED';
    if (this.#holds(assignment)) this.#byDevice.delete(deviceSlot(assignment.clientId, assignment.deviceKey));
    this.#retain(assignment);
    if (notify) this.onStatusChange(assignment);
  }

  #retain(assignment: Assignment): void {
    assignment.timer?.cancel();
    assignment.timer = this.clock.setTimeout(() => this.#forget(assignment), this.options.retentionSeconds * 1000);
  }

  #forget(assignment: Assignment): void {
    this.#all.delete(assignment.id);
    if (this.#holds(assignment)) this.#byDevice.delete(deviceSlot(assignment.clientId, assignment.deviceKey));
  }
}

const deviceSlot = (clientId: string, deviceKey: string): string => `${clientId}\n${deviceKey}`;
