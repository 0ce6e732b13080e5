// Extending or deleting a session on a provider changes a real subscriber's connection (and may cost money):
// ask first, unless `qod.confirmProviderChanges` is off. The local sandbox stays one click.
import * as vscode from 'vscode';
import type { OperationInput } from '../core/operations';
import type { Operation } from '../shared/protocol';
import { isSandbox } from './environments';

export async function confirmProviderChange(
  environmentLabel: string,
  environmentId: string,
  name: Operation,
  input: OperationInput,
): Promise<boolean> {
  if (name !== 'extendSession' && name !== 'deleteSession') return true;
  if (isSandbox(environmentId) || !vscode.workspace.getConfiguration('qod').get<boolean>('confirmProviderChanges', true)) return true;
  const id = (input.sessionId ?? '').slice(0, 8);
  const seconds = (input.body as { requestedAdditionalDuration?: unknown } | undefined)?.requestedAdditionalDuration;
  const [question, action] =
    name === 'deleteSession'
      ? [vscode.l10n.t('Delete QoD session {0} on {1}?', id, environmentLabel), vscode.l10n.t('Delete')]
      : [vscode.l10n.t('Extend QoD session {0} on {1} by {2} s?', id, environmentLabel, String(seconds)), vscode.l10n.t('Extend')];
  const choice = await vscode.window.showWarningMessage(
    question,
    {
      modal: true,
      detail: vscode.l10n.t('This changes a real connection. Turn off the question with the setting qod.confirmProviderChanges.'),
    },
    action,
  );
  return choice === action;
}
