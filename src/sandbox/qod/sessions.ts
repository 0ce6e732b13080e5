// The QoD session state: REQUESTED → AVAILABLE → UNAVAILABLE (DURATION_EXPIRED or DELETE_REQUESTED),
// driven by timers on the sandbox clock, or (QoD 1.2) UNAVAILABLE/NETWORK_TERMINATED from the start when the
// network knows at creation that it cannot serve it, or NETWORK_TERMINATED later when a device's network script says
// so (network-timeline.ts). Terminated sessions stay readable for `retentionSeconds`.
import { randomUUID } from 'node:crypto';
import type { QosStatus, StatusInfo } from '../../core/camara/fields';
import { isV1Family, type Flavour } from '../../core/camara/flavour';
import type { Clock, TimerHandle } from '../clock';
import { ApiError } from './api-error';
import { EndTimes } from './end-times';

export interface Sink {
  url: string;
  token?: string;
  /** QoD 1.2's PRIVATE_KEY_JWT: the token comes from the app's endpoint, asked with an assertion as `clientId`. */
  privateKeyJwt?: { clientId: string; tokenUri: string };
}

export interface Session {
  id: string;
  flavour: Flavour;
  clientId: string;
  /** Set when the session was created with a 3-legged token: only that subject may see it. */
  subject?: string;
  /** One identity per device, for the one-active-session rule. */
  deviceKey: string;
  /** The validated request as sent, echoed back in the flavour's shape. */
  request: Record<string, unknown>;
  qosProfile: string;
  duration: number;
  maxDuration: number;
  createdAt: number;
  startedAt?: number;
  expiresAt?: number;
  status: QosStatus;
  statusInfo?: StatusInfo;
  sink?: Sink;
  timer?: TimerHandle;
  /** A network script's steps still to come (network-timeline.ts), cancelled when the session ends. */
  steps?: TimerHandle[];
}

export type NewSession = Omit<Session, 'id' | 'createdAt' | 'status' | 'timer' | 'steps' | 'startedAt' | 'expiresAt' | 'statusInfo'>;

/** A step of a device's network script: run `afterMs` after the create, unless the session has ended by then. */
export interface ScheduledStep {
  afterMs: number;
  run(session: Session): void;
}

export interface CreateOptions {
  /** QoD 1.2's 201 UNAVAILABLE/NETWORK_TERMINATED: the network knows at creation that it cannot provide it. */
  networkTerminated?: boolean;
  /** How long this session stays REQUESTED (the store's activationDelayMs otherwise). */
  activationDelayMs?: number;
  steps?: readonly ScheduledStep[];
}

export interface SessionStoreOptions {
  activationDelayMs: number;
  retentionSeconds: number;
  /** Live (REQUESTED or AVAILABLE) sessions at once; ended ones do not count, but for 1.2's network-terminated ones not yet deleted. */
  maxSessions: number;
  /** Ended sessions kept readable at once; beyond it the oldest is forgotten before its retention ends. */
  maxRetained?: number;
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  /**
   * (API client, device) → id of its active (REQUESTED or AVAILABLE) session, or of one the network terminated at
   * creation, which holds the device until the client deletes it or it is forgotten (QoD 1.2: "they must release the
   * session resources with an explicit delete"). Per client, so that one client's session neither blocks nor
   * reveals itself to another (a shared sandbox: several developers, the same demo numbers).
   */
  readonly #activeByDevice = new Map<string, string>();
  /** Ended sessions, oldest first, to bound how many are retained. */
  readonly #ended = new Set<Session>();
  /** When each live session ends, soonest first: Retry-After at the live cap, without scanning every live session. */
  readonly #endTimes = new EndTimes<Session>();

  constructor(
    private readonly clock: Clock,
    private readonly options: SessionStoreOptions,
    private readonly onStatusChange: (session: Session) => void,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  /**
   * With `networkTerminated`, the session is created already UNAVAILABLE/NETWORK_TERMINATED (QoD 1.2's 201 for a
   * network that knows it cannot provide the QoS): never started, nothing to notify, kept for `retentionSeconds`.
   */
  create(init: NewSession, { networkTerminated = false, activationDelayMs, steps = [] }: CreateOptions = {}): Session {
    const key = activeKey(init.clientId, init.deviceKey);
    const held = this.#sessions.get(this.#activeByDevice.get(key) ?? '');
    if (held?.status === 'UNAVAILABLE') {
      throw new ApiError(
        409,
        'CONFLICT',
        `The network terminated this API client's session ${held.id} for this device, which still holds it: delete it first`,
      );
    }
    if (this.#activeByDevice.has(key)) {
      throw new ApiError(
        409,
        'CONFLICT',
        'This API client already has an active QoD session for this device: delete it or extend it instead',
      );
    }
    if (this.#activeByDevice.size >= this.options.maxSessions) {
      throw new ApiError(429, 'QUOTA_EXCEEDED', `The sandbox holds at most ${this.options.maxSessions} live sessions; delete some first`, {
        'retry-after': String(this.#secondsUntilOneEnds()),
      });
    }
    const session: Session = { ...init, id: randomUUID(), createdAt: this.clock.now(), status: 'REQUESTED' };
    this.#sessions.set(session.id, session);
    this.#activeByDevice.set(key, session.id);
    if (networkTerminated) {
      // expiresAt: "when qosStatus is UNAVAILABLE, the time when the session was terminated"; no startedAt.
      session.status = 'UNAVAILABLE';
      session.statusInfo = 'NETWORK_TERMINATED';
      session.expiresAt = session.createdAt;
      this.#retain(session);
      return session;
    }
    // Steps first: one due with the activation (unavailable on create, at 0 ms) runs before it.
    session.steps = steps.map((step) =>
      this.clock.setTimeout(() => {
        if (session.status !== 'UNAVAILABLE') step.run(session);
      }, step.afterMs),
    );
    const delay = activationDelayMs ?? this.options.activationDelayMs;
    session.timer = this.clock.setTimeout(() => this.#activate(session), delay);
    // Not started yet: it ends its duration after the activation it is scheduled for.
    this.#endTimes.set(session, session.createdAt + delay + session.duration * 1000);
    return session;
  }

  find(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  /** The client's active sessions for one device, for retrieve-by-device. */
  activeForDevice(clientId: string, deviceKey: string): Session[] {
    const id = this.#activeByDevice.get(activeKey(clientId, deviceKey));
    const session = id ? this.#sessions.get(id) : undefined;
    return session ? [session] : [];
  }

  extend(session: Session, additionalSeconds: number): Session {
    if (session.status !== 'AVAILABLE' || session.startedAt === undefined) {
      throw new ApiError(
        409,
        'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED',
        `The session is ${session.status}: only an AVAILABLE session can be extended`,
      );
    }
    // The total is capped, which is not an error: v1 at the profile's maxDuration, v0.10 so that no more than
    // 86,400 s remain from now.
    const elapsedSeconds = Math.floor((this.clock.now() - session.startedAt) / 1000);
    const cap = session.flavour === 'v0.10' ? elapsedSeconds + 86_400 : session.maxDuration;
    session.duration = Math.min(session.duration + additionalSeconds, cap);
    session.expiresAt = session.startedAt + session.duration * 1000;
    this.#scheduleExpiry(session);
    return session;
  }

  delete(session: Session): void {
    if (this.#holdsDevice(session) && session.statusInfo === 'NETWORK_TERMINATED') {
      // Terminated by the network at creation: deleting releases what it held; it is gone at once.
      session.timer?.cancel();
      this.#forget(session);
      return;
    }
    if (session.status === 'UNAVAILABLE') {
      throw new ApiError(404, 'NOT_FOUND', 'The session has already ended');
    }
    const wasAvailable = session.status === 'AVAILABLE';
    this.#terminate(session, 'DELETE_REQUESTED', wasAvailable);
  }

  /**
   * The network ends the session before its time (a network script): UNAVAILABLE/NETWORK_TERMINATED, notified. As
   * QoD 1.1, 1.2 and 0.10 say, its resources are "not directly released": it holds the device until the client
   * deletes it or it is forgotten. v0.8 shows no ended session (it is gone), so there it lets the device go.
   */
  networkTerminate(session: Session): void {
    if (session.status === 'UNAVAILABLE') return;
    // "When UNAVAILABLE, the time when the session was terminated", also for one that never started.
    if (session.startedAt === undefined) session.expiresAt = this.clock.now();
    this.#terminate(session, 'NETWORK_TERMINATED', true, session.flavour !== 'v0.8');
  }

  close(): void {
    for (const session of this.#sessions.values()) {
      session.timer?.cancel();
      for (const step of session.steps ?? []) step.cancel();
    }
    this.#sessions.clear();
    this.#activeByDevice.clear();
    this.#ended.clear();
    this.#endTimes.clear();
  }

  /** For Retry-After when the live cap is reached: when the soonest live session ends (at least 1 s). */
  #secondsUntilOneEnds(): number {
    const soonest = this.#endTimes.soonest();
    return soonest === undefined ? 1 : Math.max(1, Math.ceil((soonest - this.clock.now()) / 1000));
  }

  #forget(session: Session): void {
    for (const step of session.steps ?? []) step.cancel();
    this.#sessions.delete(session.id);
    this.#ended.delete(session);
    if (this.#holdsDevice(session)) this.#activeByDevice.delete(activeKey(session.clientId, session.deviceKey));
  }

  #holdsDevice(session: Session): boolean {
    return this.#activeByDevice.get(activeKey(session.clientId, session.deviceKey)) === session.id;
  }

  #activate(session: Session): void {
    if (session.status !== 'REQUESTED') return;
    const now = this.clock.now();
    session.status = 'AVAILABLE';
    session.startedAt = now;
    session.expiresAt = now + session.duration * 1000;
    this.#scheduleExpiry(session);
    this.onStatusChange(session);
  }

  #scheduleExpiry(session: Session): void {
    session.timer?.cancel();
    this.#endTimes.set(session, session.expiresAt ?? this.clock.now());
    const delay = (session.expiresAt ?? this.clock.now()) - this.clock.now();
    session.timer = this.clock.setTimeout(() => this.#terminate(session, 'DURATION_EXPIRED', true), delay);
  }

  #terminate(session: Session, reason: StatusInfo, notify: boolean, holdDevice = false): void {
    session.timer?.cancel();
    for (const step of session.steps ?? []) step.cancel();
    session.steps = undefined;
    const now = this.clock.now();
    session.status = 'UNAVAILABLE';
    session.statusInfo = reason;
    if (session.startedAt !== undefined) {
      session.expiresAt = Math.min(session.expiresAt ?? now, now);
      // QoD 1.x: "When qosStatus is UNAVAILABLE, the value is the overall effective duration since startedAt until the
      // session was terminated" (at least 1 s, the field's minimum).
      if (isV1Family(session.flavour)) session.duration = Math.max(1, Math.floor((session.expiresAt - session.startedAt) / 1000));
    }
    const key = activeKey(session.clientId, session.deviceKey);
    if (!holdDevice && this.#activeByDevice.get(key) === session.id) this.#activeByDevice.delete(key);
    this.#endTimes.delete(session);
    this.#retain(session);
    if (notify) this.onStatusChange(session);
  }

  /** Keeps an ended session readable for `retentionSeconds`, and at most `maxRetained` of them (oldest forgotten first). */
  #retain(session: Session): void {
    session.timer = this.clock.setTimeout(() => this.#forget(session), this.options.retentionSeconds * 1000);
    this.#ended.add(session);
    const limit = this.options.maxRetained ?? 50_000;
    for (const oldest of this.#ended) {
      if (this.#ended.size <= limit) break;
      oldest.timer?.cancel();
      this.#forget(oldest);
    }
  }
}

const activeKey = (clientId: string, deviceKey: string): string => `${clientId}\n${deviceKey}`;
