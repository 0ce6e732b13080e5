// Reaches the extension's services from inside the extension host.
import * as vscode from 'vscode';
import type { QodExtensionApi } from '../../../src/extension';
import type { Services } from '../../../src/vscode/services';

export const EXTENSION_ID = 'qod-playground.qod-playground';

export async function api(): Promise<QodExtensionApi> {
  const extension = vscode.extensions.getExtension<QodExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error('the extension is not installed');
  return extension.activate();
}

export async function services(): Promise<Services> {
  return (await api()).services();
}

/** Waits for a condition, bounded. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
