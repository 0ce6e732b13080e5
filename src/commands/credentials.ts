// Set Client Secret, Set Private Key, Clear Credentials: straight into SecretStorage, never a setting.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { credentialKey } from '../vscode/secret-storage';
import type { Services } from '../vscode/services';

interface CredentialArgs {
  environmentId?: string;
  secret?: string;
  privateKey?: string;
}

export async function setClientSecret(s: Services, args: CredentialArgs = {}): Promise<boolean> {
  const environmentId = args.environmentId ?? s.environments.activeId;
  const secret =
    args.secret ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('QoD: client secret for {0}', environmentId),
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length === 0 ? vscode.l10n.t('The client secret cannot be empty') : undefined),
    }));
  if (!secret) return false;
  await s.secrets.store(credentialKey(environmentId, 'clientSecret'), secret.trim());
  s.forget(environmentId);
  s.log.info(`client secret stored in SecretStorage for environment ${environmentId}`);
  s.reached('qod.hasCredentials');
  return true;
}

export async function setPrivateKey(s: Services, args: CredentialArgs = {}): Promise<boolean> {
  const environmentId = args.environmentId ?? s.environments.activeId;
  let privateKey = args.privateKey;
  if (!privateKey) {
    const files = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('QoD: private key (PEM or JWK JSON)'),
      canSelectMany: false,
      filters: { Keys: ['pem', 'key', 'json', 'jwk'] },
    });
    if (!files?.[0]) return false;
    privateKey = await readFile(files[0].fsPath, 'utf8');
  }
  if (!/BEGIN [A-Z ]*PRIVATE KEY|"d"\s*:/.test(privateKey))
    throw new Error('That is not a private key (expected a PKCS#8 PEM or a JWK with "d")');
  await s.secrets.store(credentialKey(environmentId, 'privateKey'), privateKey.trim());
  s.forget(environmentId);
  s.log.info(`private key stored in SecretStorage for environment ${environmentId}`);
  s.reached('qod.hasCredentials');
  return true;
}

export async function clearCredentials(s: Services, args: CredentialArgs = {}): Promise<void> {
  const environmentId = args.environmentId ?? s.environments.activeId;
  const runtime = await s.runtime(environmentId).catch(() => undefined);
  await runtime?.auth.signOut().catch(() => undefined);
  await Promise.all([
    s.secrets.delete(credentialKey(environmentId, 'clientSecret')),
    s.secrets.delete(credentialKey(environmentId, 'privateKey')),
  ]);
  s.forget(environmentId);
  s.log.info(`credentials and tokens cleared for environment ${environmentId}`);
}
