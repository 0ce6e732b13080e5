// Get, Extend and Delete Session, List Sessions for a Device, Copy Session ID, Refresh.
import * as vscode from 'vscode';
import { isThreeLegged } from '../core/auth/three-legged';
import { durationSeconds } from '../core/camara/fields';
import type { SessionView } from '../core/camara/normalise';
import { withCancellableProgress } from '../vscode/progress';
import type { Services } from '../vscode/services';
import { sessionTarget } from './session-target';

export async function getSession(s: Services, arg?: unknown): Promise<SessionView | undefined> {
  const target = await sessionTarget(s, arg);
  if (!target) return undefined;
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: reading session'), (signal) =>
    s.sessions.run(target.environmentId, 'getSession', { id: target.id }, signal),
  );
  return value;
}

export async function extendSession(s: Services, arg?: unknown): Promise<SessionView | undefined> {
  const target = await sessionTarget(s, arg);
  if (!target) return undefined;
  let seconds = (arg as { seconds?: number } | undefined)?.seconds;
  if (seconds === undefined) {
    const room = await extensionRoom(s, target.environmentId, target.id);
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('QoD: extend session {0}', target.id.slice(0, 8)),
      prompt: room
        ? vscode.l10n.t(
            'Additional seconds: up to {0} more ({1} allows at most {2} s in all; a provider caps a longer extension)',
            room.more,
            room.profile,
            room.max,
          )
        : vscode.l10n.t('Additional seconds'),
      value: String(room ? Math.min(300, Math.max(1, room.more)) : 300),
      validateInput: (v) =>
        /^\d+$/.test(v) && Number(v) >= 1 ? undefined : vscode.l10n.t('requestedAdditionalDuration: must be a whole number ≥ 1'),
    });
    if (!answer) return undefined;
    seconds = Number(answer);
  }
  const body = { requestedAdditionalDuration: seconds };
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: extending session'), (signal) =>
    s.sessions.run(target.environmentId, 'extendSession', { id: target.id, body }, signal),
  );
  return value;
}

/** How much longer the session's profile lets it run, when the profile can be read (v0.8 has no profile list). */
async function extensionRoom(
  s: Services,
  environmentId: string,
  id: string,
): Promise<{ profile: string; max: number; more: number } | undefined> {
  const known = s.registry.find(environmentId, id);
  if (!known?.qosProfile) return undefined;
  try {
    const { client } = await s.runtime(environmentId);
    const { value: profile } = await client.getProfile(known.qosProfile);
    if (!profile.maxDuration) return undefined;
    const max = durationSeconds(profile.maxDuration);
    return { profile: profile.name, max, more: Math.max(0, max - known.durationSeconds) };
  } catch {
    return undefined; // no profile to read: the plain question
  }
}

export async function deleteSession(s: Services, arg?: unknown): Promise<boolean> {
  const target = await sessionTarget(s, arg);
  if (!target) return false;
  await withCancellableProgress(vscode.l10n.t('QoD: deleting session'), (signal) =>
    s.sessions.run(target.environmentId, 'deleteSession', { id: target.id }, signal),
  );
  s.log.info(`deleted session ${target.id}`);
  return true;
}

export async function listSessionsForDevice(
  s: Services,
  arg?: { device?: Record<string, unknown>; environmentId?: string },
): Promise<SessionView[] | undefined> {
  const environmentId = arg?.environmentId ?? s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  let device = arg?.device;
  if (!device && !isThreeLegged(runtime.auth.signedIn?.flow)) {
    const phone = await vscode.window.showInputBox({ title: vscode.l10n.t('QoD: sessions of which phone number?'), value: '+34666666661' });
    if (!phone) return undefined;
    device = { phoneNumber: phone.trim() };
  }
  const { value: sessions } = await withCancellableProgress(vscode.l10n.t('QoD: retrieving sessions'), (signal) =>
    s.sessions.run(environmentId, 'retrieveSessions', { body: { device } }, signal),
  );
  if (!arg) void vscode.window.showInformationMessage(vscode.l10n.t('{0} active session(s) for the device', sessions.length));
  return sessions;
}

export async function copySessionId(s: Services, arg?: unknown): Promise<string | undefined> {
  const target = await sessionTarget(s, arg);
  if (!target) return undefined;
  await vscode.env.clipboard.writeText(target.id);
  return target.id;
}

/** Reads every running session again; one the current sign-in may not read is kept and marked, never dropped. */
export async function refreshSessions(s: Services): Promise<void> {
  const { unreadable } = await s.sessions.refresh(s.environments.activeId);
  if (unreadable > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'QoD: {0} session(s) could not be read with the current sign-in; they are kept in the view with the reason.',
        unreadable,
      ),
    );
  }
}
