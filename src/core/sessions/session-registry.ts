// The sessions (and QoS Provisioning assignments) the user has created or looked at, per environment, kept current
// by API answers and notifications. A session leaves only when the API says it is gone (404); an ended or expired
// one shows as ended, and one the current sign-in may not read is kept with the reason. It holds no secret.
import type { AssignmentView, SessionView } from '../camara/normalise';
import type { AssignmentNotification, StatusNotification } from '../notifications/sink';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { Emitter } from '../emitter';

/** What happened to a session, as this tool saw it: the timeline's markers. */
export interface SessionEvent {
  at: number;
  kind: 'seen' | 'status' | 'extended';
  status: SessionView['status'];
  detail?: string;
}

export interface TrackedSession extends SessionView {
  /** Who could read it when it was last read: a device's login (`tel:+34…`) or `application` (2-legged). */
  readableWith?: string;
  /** Why the current sign-in could not read it (a 401/403 answer), until it can again. */
  unreadable?: string;
  /** Its life as seen here (first seen, status changes, extensions), the latest `EVENTS_KEPT`. */
  events: SessionEvent[];
}

const EVENTS_KEPT = 50;

/**
 * The longest the expiry timer waits before looking again: it follows the wall clock (expiresAt), which a sleep or
 * a clock change moves under a timer, so a far expiry is reached by short waits.
 */
const EXPIRY_CHECK_MAX_MS = 60_000;

/** The events an answer adds to what was known. */
function eventsAfter(known: TrackedSession | undefined, next: SessionView, now: number): SessionEvent[] {
  const events = [...(known?.events ?? [])];
  if (!known) events.push({ at: now, kind: 'seen', status: next.status });
  else if (known.status !== next.status) events.push({ at: now, kind: 'status', status: next.status, detail: next.statusInfo });
  if (known && next.durationSeconds > known.durationSeconds)
    events.push({ at: now, kind: 'extended', status: next.status, detail: `+${next.durationSeconds - known.durationSeconds} s` });
  return events.slice(-EVENTS_KEPT);
}

/** An assignment as the sessions view shows it: the last answer, and who could read it. */
export interface TrackedAssignment extends AssignmentView {
  readableWith?: string;
}

export class SessionRegistry {
  readonly #byEnvironment = new Map<string, Map<string, TrackedSession>>();
  /** QoS Provisioning assignments: no expiry and no timeline, they last until revoked. */
  readonly #assignments = new Map<string, Map<string, TrackedAssignment>>();
  readonly #changed = new Emitter();
  /** Changes fire when an answer changes what is known, and when the soonest expiry passes (nothing answers then). */
  readonly onDidChange = this.#changed.event;
  #expiryTimer?: TimerHandle;

  /** `clock`: the wall clock for events and expiries (a ManualClock in tests). */
  constructor(private readonly clock: Clock = systemClock) {}

  /** An answer of the API about the session: it is readable (again) with `readableWith`. */
  upsert(environmentId: string, session: SessionView, readableWith?: string): void {
    const sessions = this.#byEnvironment.get(environmentId) ?? new Map<string, TrackedSession>();
    const known = sessions.get(session.id);
    sessions.set(session.id, {
      ...session,
      readableWith: readableWith ?? known?.readableWith,
      events: eventsAfter(known, session, this.clock.now()),
    });
    this.#byEnvironment.set(environmentId, sessions);
    this.#fire();
  }

  /** The current sign-in was refused the session: kept, with the reason, until an answer says otherwise. */
  markUnreadable(environmentId: string, id: string, reason: string): void {
    const known = this.find(environmentId, id);
    if (!known || known.unreadable === reason) return;
    this.#byEnvironment.get(environmentId)?.set(id, { ...known, unreadable: reason });
    this.#fire();
  }

  remove(environmentId: string, id: string): void {
    if (this.#byEnvironment.get(environmentId)?.delete(id)) this.#fire();
  }

  find(environmentId: string, id: string): TrackedSession | undefined {
    return this.#byEnvironment.get(environmentId)?.get(id);
  }

  list(environmentId: string): TrackedSession[] {
    return [...(this.#byEnvironment.get(environmentId)?.values() ?? [])];
  }

  environments(): string[] {
    return [...new Set([...this.#byEnvironment.keys(), ...this.#assignments.keys()])];
  }

  /** An answer of the API about an assignment. */
  upsertAssignment(environmentId: string, assignment: AssignmentView, readableWith?: string): void {
    const known = this.#assignments.get(environmentId) ?? new Map<string, TrackedAssignment>();
    known.set(assignment.id, { ...assignment, readableWith: readableWith ?? known.get(assignment.id)?.readableWith });
    this.#assignments.set(environmentId, known);
    this.#fire();
  }

  removeAssignment(environmentId: string, id: string): void {
    if (this.#assignments.get(environmentId)?.delete(id)) this.#fire();
  }

  findAssignment(environmentId: string, id: string): TrackedAssignment | undefined {
    return this.#assignments.get(environmentId)?.get(id);
  }

  /** A QoS Provisioning status change; answers the updated assignment, if it is one we know. */
  applyAssignmentNotification(environmentId: string, n: AssignmentNotification): AssignmentView | undefined {
    const known = this.findAssignment(environmentId, n.assignmentId);
    if (!known) return undefined;
    // The event's status and statusInfo replace the known ones; it started when it first became AVAILABLE.
    const { readableWith: _, statusInfo: __, ...view } = known;
    const startedAt = known.startedAt ?? (n.status === 'AVAILABLE' ? new Date(this.clock.now()).toISOString() : undefined);
    const updated: AssignmentView = {
      ...view,
      status: n.status,
      ...(n.statusInfo ? { statusInfo: n.statusInfo } : {}),
      ...(startedAt ? { startedAt } : {}),
    };
    this.upsertAssignment(environmentId, updated);
    return updated;
  }

  assignments(environmentId: string): TrackedAssignment[] {
    return [...(this.#assignments.get(environmentId)?.values() ?? [])];
  }

  /** Not ended and not past its expiry: what the status bar counts. */
  active(environmentId: string, now = this.clock.now()): TrackedSession[] {
    return this.list(environmentId).filter((s) => !hasEnded(s, now));
  }

  /** A status change pushed by the provider; answers the updated session, if it is one we know. */
  applyNotification(environmentId: string, n: StatusNotification): SessionView | undefined {
    const known = this.find(environmentId, n.sessionId);
    if (!known) return undefined;
    const now = new Date(this.clock.now()).toISOString();
    const updated: SessionView = {
      ...known,
      status: n.qosStatus,
      statusInfo: n.statusInfo,
      startedAt: known.startedAt ?? (n.qosStatus === 'AVAILABLE' ? now : undefined),
      expiresAt:
        known.expiresAt ??
        (n.qosStatus === 'AVAILABLE' ? new Date(this.clock.now() + known.durationSeconds * 1000).toISOString() : undefined),
    };
    this.upsert(environmentId, updated);
    return updated;
  }

  dispose(): void {
    this.#expiryTimer?.cancel();
    this.#changed.dispose();
  }

  #fire(): void {
    this.#armExpiry();
    this.#changed.fire();
  }

  /** A session's expiry passing changes its state (ended, no longer counted): the views hear of it at that moment. */
  #armExpiry(): void {
    this.#expiryTimer?.cancel();
    this.#expiryTimer = undefined;
    const now = this.clock.now();
    const expiries = this.environments()
      .flatMap((id) => this.active(id, now))
      .map((s) => Date.parse(s.expiresAt ?? ''))
      .filter((t) => Number.isFinite(t));
    if (expiries.length === 0) return;
    const soonest = Math.min(...expiries);
    this.#expiryTimer = this.clock.setTimeout(
      () => {
        this.#expiryTimer = undefined;
        if (this.clock.now() >= soonest) this.#fire();
        else this.#armExpiry();
      },
      Math.min(soonest - now, EXPIRY_CHECK_MAX_MS),
    );
  }
}

/** UNAVAILABLE, or past its expiry (the provider ends it then, whether or not we heard). */
export function hasEnded(session: SessionView, now = Date.now()): boolean {
  return session.status === 'UNAVAILABLE' || (!!session.expiresAt && Date.parse(session.expiresAt) <= now);
}

/** `9:58 left`, `1:02:03 left`, `expired`, or the status when there is no expiry to count down. */
export function remaining(session: SessionView, now = Date.now()): string {
  if (session.status === 'UNAVAILABLE') return session.statusInfo ?? 'ended';
  if (!session.expiresAt) return session.status.toLowerCase();
  const seconds = Math.floor((Date.parse(session.expiresAt) - now) / 1000);
  if (seconds <= 0) return 'expired';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')} left`;
}
