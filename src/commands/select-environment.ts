// Select Environment: the built-in sandboxes and the configured providers, and a way to add one.
import * as vscode from 'vscode';
import type { Services } from '../vscode/services';

/** Not an environment id: the pick's last row, which adds one. */
const ADD = '(add)';

export async function selectEnvironment(s: Services, id?: string): Promise<string | undefined> {
  let chosen = id;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      [
        ...s.environments.choices().map((c) => ({ label: c.label, description: c.id === s.environments.activeId ? vscode.l10n.t('active') : undefined, detail: c.detail, id: c.id })),
        { label: '', kind: vscode.QuickPickItemKind.Separator, id: undefined },
        { label: `$(add) ${vscode.l10n.t('Add Environment…')}`, detail: vscode.l10n.t('Telefónica Open Gateway sandbox, or a custom provider'), id: ADD },
      ],
      { title: vscode.l10n.t('QoD: Select Environment'), placeHolder: vscode.l10n.t('Environments come from the qod.environments setting; the local sandbox is built in') },
    );
    if (picked?.id === ADD) return vscode.commands.executeCommand<string | undefined>('qod.addEnvironment');
    chosen = picked?.id;
  }
  if (!chosen) return undefined;
  await s.environments.setActive(chosen);
  s.reached('qod.environmentChosen');
  return chosen;
}
