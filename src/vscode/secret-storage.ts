// Secrets and tokens in VS Code's SecretStorage, under namespaced keys; nothing secret goes anywhere else.
import type * as vscode from 'vscode';
import type { ClientCredentials } from '../core/auth/client-auth';
import type { SecretStore } from '../core/auth/secret-store';
import { isSandbox } from './environments';

const PREFIX = 'qod:';

export type CredentialKind = 'clientSecret' | 'privateKey';

export class VsCodeSecretStore implements SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(PREFIX + key));
  }

  async store(key: string, value: string): Promise<void> {
    await this.secrets.store(PREFIX + key, value);
  }

  async delete(key: string): Promise<void> {
    await this.secrets.delete(PREFIX + key);
  }

  /** Fires with the un-prefixed key when any window changes one of our secrets. */
  onDidChange(listener: (key: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) listener(e.key.slice(PREFIX.length));
    });
  }
}

export const credentialKey = (environmentId: string, kind: CredentialKind): string => `credential:${environmentId}:${kind}`;

/** The sandbox's demo secret is public, so the sandbox works the moment the extension is installed. */
const SANDBOX_DEMO_SECRET = 'qod-demo-secret';

export async function readCredentials(store: SecretStore, environmentId: string): Promise<ClientCredentials> {
  const [clientSecret, privateKey] = await Promise.all([
    store.get(credentialKey(environmentId, 'clientSecret')),
    store.get(credentialKey(environmentId, 'privateKey')),
  ]);
  return { clientSecret: clientSecret ?? (isSandbox(environmentId) ? SANDBOX_DEMO_SECRET : undefined), privateKey };
}
