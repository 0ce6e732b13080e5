// List QoS Profiles, Start / Stop Local Sandbox, Show Log.
import * as vscode from 'vscode';
import type { QosProfile } from '../core/camara/fields';
import { isSandbox, SANDBOX_ID } from '../vscode/environments';
import { withCancellableProgress } from '../vscode/progress';
import { openPlaygroundPanel, PlaygroundPanel } from '../vscode/playground/panel';
import type { Services } from '../vscode/services';

export async function listQosProfiles(s: Services, arg?: { environmentId?: string }): Promise<QosProfile[]> {
  const environmentId = arg?.environmentId ?? s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: loading QoS profiles'), (signal) =>
    s.sessions.run(environmentId, 'listProfiles', {}, signal),
  );
  if (!arg) {
    await vscode.window.showQuickPick(
      value.map((p) => ({ label: p.name, description: p.status, detail: p.description })),
      { title: vscode.l10n.t('QoS profiles of {0}', runtime.environment.label), canPickMany: false },
    );
  }
  return value;
}

export async function startSandbox(s: Services): Promise<string> {
  const sandbox = await s.sandbox();
  // Stay on the sandbox flavour in use; from a provider, go to the default one.
  if (!isSandbox(s.environments.activeId)) await s.environments.setActive(SANDBOX_ID);
  void vscode.window.showInformationMessage(vscode.l10n.t('QoD sandbox running at {0}', sandbox.url));
  return sandbox.url;
}

export async function stopSandbox(s: Services): Promise<void> {
  await s.stopSandbox();
  s.log.info('Local sandbox stopped');
}

export function showLog(s: Services): void {
  s.log.channel.show(true);
}

export function openPlayground(s: Services): boolean {
  openPlaygroundPanel(s);
  return true;
}

/** Ctrl/Cmd+Enter in the playground: the page sends the request on its form. */
export function sendPlaygroundRequest(): boolean {
  const panel = PlaygroundPanel.current;
  panel?.post({ type: 'notification', method: 'didRequestSend', params: {} });
  return !!panel;
}
