// Which session a command is about: an id passed by a script, a node from the sessions view, or a pick.
import * as vscode from 'vscode';
import type { SessionsNode } from '../views/sessions-tree';
import type { Services } from '../vscode/services';
import { signInIdentity } from '../core/sessions/session-service';

export interface SessionTarget {
  environmentId: string;
  id: string;
}

export async function sessionTarget(s: Services, arg: unknown): Promise<SessionTarget | undefined> {
  const environmentId = s.environments.activeId;
  if (typeof arg === 'string' && arg) return { environmentId, id: arg };
  const node = arg as (Partial<SessionsNode> & { id?: string; environmentId?: string }) | undefined;
  if (node?.kind === 'session' && node.session) return { environmentId: node.environmentId as string, id: node.session.id };
  if (node && typeof node.id === 'string') return { environmentId: node.environmentId ?? environmentId, id: node.id };
  // Only the sessions the current sign-in can read: another device's session would only answer 403.
  const runtime = await s.runtime(environmentId);
  const identity = signInIdentity(runtime.auth);
  const known = s.registry
    .list(environmentId)
    .filter((k) => !k.unreadable && (!k.readableWith || !identity || k.readableWith === identity));
  if (known.length > 0) {
    const picked = await vscode.window.showQuickPick(
      [
        ...known.map((k) => ({ label: k.id, description: `${k.qosProfile} · ${k.status}` })),
        { label: vscode.l10n.t('Another session id…'), description: '' },
      ],
      { title: vscode.l10n.t('QoD: choose a session') },
    );
    if (!picked) return undefined;
    if (known.some((k) => k.id === picked.label)) return { environmentId, id: picked.label };
  }
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('QoD: session id'),
    prompt: vscode.l10n.t('The sessionId (or id in v0.8) of an existing session'),
  });
  return id ? { environmentId, id: id.trim() } : undefined;
}
