import * as vscode from 'vscode';
import type { Services } from '../vscode/services';

export async function selectEnvironment(s: Services, id?: string): Promise<string | undefined> {
  let chosen = id;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      s.environments.choices().map((c) => ({ label: c.label, detail: c.detail, id: c.id, picked: c.id === s.environments.activeId })),
      { title: vscode.l10n.t('QoD: Select Environment'), placeHolder: vscode.l10n.t('Environments come from the qod.environments setting; the local sandbox is built in') },
    );
    chosen = picked?.id;
  }
  if (!chosen) return undefined;
  await s.environments.setActive(chosen);
  s.reached('qod.environmentChosen');
  return chosen;
}
