// The sessions the user has created or looked at, per environment, kept current by API answers and
// notifications. It holds no secret (session views only).
import * as vscode from 'vscode';
import type { SessionView } from '../core/camara/normalise';
import type { StatusNotification } from '../core/notifications/sink';

export class SessionRegistry {
  readonly #byEnvironment = new Map<string, Map<string, SessionView>>();
  readonly #changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.#changed.event;

  upsert(environmentId: string, session: SessionView): void {
    const sessions = this.#byEnvironment.get(environmentId) ?? new Map<string, SessionView>();
    sessions.set(session.id, session);
    this.#byEnvironment.set(environmentId, sessions);
    this.#changed.fire();
  }

  remove(environmentId: string, id: string): void {
    if (this.#byEnvironment.get(environmentId)?.delete(id)) this.#changed.fire();
  }

  find(environmentId: string, id: string): SessionView | undefined {
    return this.#byEnvironment.get(environmentId)?.get(id);
  }

  list(environmentId: string): SessionView[] {
    return [...(this.#byEnvironment.get(environmentId)?.values() ?? [])];
  }

  environments(): string[] {
    return [...this.#byEnvironment.keys()];
  }

  active(environmentId: string): SessionView[] {
    return this.list(environmentId).filter((s) => s.status !== 'UNAVAILABLE');
  }

  /** A status change pushed by the provider; answers the updated session, if it is one we know. */
  applyNotification(environmentId: string, n: StatusNotification): SessionView | undefined {
    const known = this.find(environmentId, n.sessionId);
    if (!known) return undefined;
    const now = new Date().toISOString();
    const updated: SessionView = {
      ...known,
      status: n.qosStatus,
      statusInfo: n.statusInfo,
      startedAt: known.startedAt ?? (n.qosStatus === 'AVAILABLE' ? now : undefined),
      expiresAt: known.expiresAt ?? (n.qosStatus === 'AVAILABLE' ? new Date(Date.now() + known.durationSeconds * 1000).toISOString() : undefined),
    };
    this.upsert(environmentId, updated);
    return updated;
  }
}

/** `9:58 left`, `1:02:03 left`, or the status when there is no expiry to count down. */
export function remaining(session: SessionView, now = Date.now()): string {
  if (session.status === 'UNAVAILABLE') return session.statusInfo ?? 'ended';
  if (!session.expiresAt) return session.status.toLowerCase();
  const seconds = Math.max(0, Math.floor((Date.parse(session.expiresAt) - now) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')} left`;
}
