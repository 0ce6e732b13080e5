// Activation only: builds the services and registers commands. Issue by issue this grows; for now the
// extension can run the embedded sandbox.
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from './sandbox/server';

let sandbox: Sandbox | undefined;

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('qod.startSandbox', async () => {
      sandbox ??= await startSandbox();
      void vscode.window.showInformationMessage(vscode.l10n.t('QoD sandbox running at {0}', sandbox.url));
      return sandbox.url;
    }),
    vscode.commands.registerCommand('qod.stopSandbox', async () => {
      await sandbox?.close();
      sandbox = undefined;
    }),
    { dispose: () => void sandbox?.close() },
  );
}

export function deactivate(): Promise<void> | undefined {
  return sandbox?.close();
}
