// Get, Extend and Delete Session, List Sessions for a Device, Copy Session ID, Refresh.
import * as vscode from 'vscode';
import type { SessionView } from '../core/camara/normalise';
import { withCancellableProgress } from '../vscode/progress';
import type { Services } from '../vscode/services';
import { sessionTarget } from './session-target';

export async function getSession(s: Services, arg?: unknown): Promise<SessionView | undefined> {
  const target = await sessionTarget(s, arg);
  if (!target) return undefined;
  const runtime = await s.runtime(target.environmentId);
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: reading session'), (signal) => runtime.client.getSession(target.id, signal));
  s.registry.upsert(target.environmentId, value);
  return value;
}

export async function extendSession(s: Services, arg?: unknown): Promise<SessionView | undefined> {
  const target = await sessionTarget(s, arg);
  if (!target) return undefined;
  let seconds = (arg as { seconds?: number } | undefined)?.seconds;
  if (seconds === undefined) {
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('QoD: extend session {0}', target.id.slice(0, 8)), prompt: vscode.l10n.t('Additional seconds'), value: '300',
      validateInput: (v) => (/^\d+$/.test(v) && Number(v) >= 1 ? undefined : vscode.l10n.t('requestedAdditionalDuration: must be a whole number ≥ 1')),
    });
    if (!answer) return undefined;
    seconds = Number(answer);
  }
  const runtime = await s.runtime(target.environmentId);
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: extending session'), (signal) => runtime.client.extendSession(target.id, seconds as number, signal));
  s.registry.upsert(target.environmentId, value);
  return value;
}

export async function deleteSession(s: Services, arg?: unknown): Promise<boolean> {
  const target = await sessionTarget(s, arg);
  if (!target) return false;
  const runtime = await s.runtime(target.environmentId);
  await withCancellableProgress(vscode.l10n.t('QoD: deleting session'), (signal) => runtime.client.deleteSession(target.id, signal));
  const known = s.registry.find(target.environmentId, target.id);
  if (known) s.registry.upsert(target.environmentId, { ...known, status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
  s.log.info(`deleted session ${target.id}`);
  return true;
}

export async function listSessionsForDevice(s: Services, arg?: { device?: Record<string, unknown>; environmentId?: string }): Promise<SessionView[] | undefined> {
  const environmentId = arg?.environmentId ?? s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  let device = arg?.device;
  if (!device && !(runtime.auth.signedIn && runtime.auth.signedIn.flow !== 'client_credentials')) {
    const phone = await vscode.window.showInputBox({ title: vscode.l10n.t('QoD: sessions of which phone number?'), value: '+34666666661' });
    if (!phone) return undefined;
    device = { phoneNumber: phone.trim() };
  }
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: retrieving sessions'), (signal) => runtime.client.retrieveSessions(device, signal));
  for (const session of value) s.registry.upsert(environmentId, session);
  if (!arg) void vscode.window.showInformationMessage(vscode.l10n.t('{0} active session(s) for the device', value.length));
  return value;
}

export async function copySessionId(s: Services, arg?: unknown): Promise<string | undefined> {
  const target = await sessionTarget(s, arg);
  if (!target) return undefined;
  await vscode.env.clipboard.writeText(target.id);
  return target.id;
}

export async function refreshSessions(s: Services): Promise<void> {
  const environmentId = s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  await Promise.all(s.registry.list(environmentId).map(async (known) => {
    try {
      s.registry.upsert(environmentId, (await runtime.client.getSession(known.id)).value);
    } catch {
      s.registry.remove(environmentId, known.id);
    }
  }));
}
