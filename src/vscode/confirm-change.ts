// An operation that changes a real subscriber's connection (and may cost money) asks first on a provider, in the
// words of the core's operation table, unless `qod.confirmProviderChanges` is off. The local sandbox stays one
// click, and so does create: sending a create is the user's own act, with every value in view.
import * as vscode from 'vscode';
import { entryOf, type OperationInput, type OperationRef } from '../core/operations';
import { isSandbox } from './environments';

export async function confirmProviderChange(
  environmentLabel: string,
  environmentId: string,
  operation: OperationRef,
  input: OperationInput,
): Promise<boolean> {
  const spec = entryOf(operation);
  const consent = spec.changesNetwork ? spec.consent : undefined;
  if (!consent || consent === 'own-act') return true;
  if (isSandbox(environmentId) || !vscode.workspace.getConfiguration('qod').get<boolean>('confirmProviderChanges', true)) return true;
  const choice = await vscode.window.showWarningMessage(
    consent.question(input, environmentLabel),
    {
      modal: true,
      detail: vscode.l10n.t('This changes a real connection. Turn off the question with the setting qod.confirmProviderChanges.'),
    },
    consent.action,
  );
  return choice === consent.action;
}
