// Add Environment: a provider preset (Telefónica's Open Gateway sandbox: only the client id is asked) written to
// the user's `qod.environments`, or the settings opened for a custom provider. Then the client secret, which
// goes to SecretStorage, never to the settings.
import * as vscode from 'vscode';
import type { Flavour } from '../core/camara/flavour';
import type { Services } from '../vscode/services';

export interface AddEnvironmentArgs {
  preset: 'telefonica';
  clientId: string;
  flavour?: Flavour;
  id?: string;
  label?: string;
}

/**
 * Every answer first, the client secret among them; only then is anything written. Escape at any step adds
 * nothing, and adding one environment leaves every other environment's sign-in as it was.
 */
export async function addEnvironment(s: Services, args?: AddEnvironmentArgs): Promise<string | undefined> {
  const chosen = args ?? (await ask());
  if (!chosen) return undefined;
  const secret = args ? undefined : await askSecret();
  if (!args && !secret) return undefined;
  const id = await s.environments.add({ ...chosen, flavour: chosen.flavour ?? 'v0.10' });
  if (secret) await vscode.commands.executeCommand('qod.setClientSecret', { environmentId: id, secret });
  await s.environments.setActive(id);
  s.reached('qod.environmentChosen');
  return id;
}

async function askSecret(): Promise<string | undefined> {
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('QoD: Add Environment — client secret'),
    prompt: vscode.l10n.t('The client secret of your application, from the Open Gateway developer hub (your application\'s credentials page; mock mode: mock_sandbox_app_secret). Kept in SecretStorage only.'),
    password: true, ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('client secret: must not be empty')),
  });
  return secret?.trim() || undefined;
}

async function ask(): Promise<AddEnvironmentArgs | undefined> {
  const title = vscode.l10n.t('QoD: Add Environment');
  const picked = await vscode.window.showQuickPick([
    { label: vscode.l10n.t('Telefónica Open Gateway sandbox'), detail: vscode.l10n.t('Endpoints, scopes and client authentication preset; you give the client id'), preset: 'telefonica' as const },
    { label: vscode.l10n.t('Custom provider…'), detail: vscode.l10n.t('Every endpoint, flavour, auth method and scope set by hand in the qod.environments setting'), preset: 'custom' as const },
  ], { title, ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.preset === 'custom') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'qod.environments');
    return undefined;
  }
  const clientId = await vscode.window.showInputBox({
    title, prompt: vscode.l10n.t('Client id of your Open Gateway application (mock mode: mock_sandbox_app_id)'), ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('clientId: must not be empty')),
  });
  if (!clientId) return undefined;
  // v0.10 and v0.8 share the `/qod/v0` path: what tells them apart is the body and the answers.
  const flavour = await vscode.window.showQuickPick([
    { label: 'QoD v0.10', description: '/qod/v0', detail: vscode.l10n.t('device and applicationServer objects, the provider\'s own profiles (retrieve-qos-profiles), extend with requestedAdditionalDuration'), flavour: 'v0.10' as const },
    { label: 'QoD v0.8', description: '/qod/v0', detail: vscode.l10n.t('The older body: ueId and asId, a fixed profile list (QOS_E, QOS_S, QOS_M, QOS_L), sessions with an "id", no extend'), flavour: 'v0.8' as const },
    { label: 'QoD v1', description: '/quality-on-demand/v1', detail: vscode.l10n.t('The current CAMARA release: device from the 3-legged token, sessions retrievable by device'), flavour: 'v1' as const },
  ], { title, placeHolder: vscode.l10n.t('Which QoD version does the provider serve your application? (its API reference names it)'), ignoreFocusOut: true, matchOnDetail: true });
  if (!flavour) return undefined;
  return { preset: 'telefonica', clientId: clientId.trim(), flavour: flavour.flavour };
}
