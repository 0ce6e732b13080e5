// Select Environment: the built-in sandboxes and the configured providers, and a way to add one. Entries of the
// setting that cannot be used are listed too, with the reason, so a mistake never just makes one disappear.
import * as vscode from 'vscode';
import type { Services } from '../vscode/services';

/** Not an environment id: the pick's last row, which adds one. */
const ADD = '(add)';
/** Not an environment id: an ignored entry's row, which opens the settings to fix it. */
const FIX = '(fix)';

export async function selectEnvironment(s: Services, id?: string): Promise<string | undefined> {
  let chosen = id;
  if (!chosen) {
    const picked = await vscode.window.showQuickPick(
      [
        ...s.environments.choices().map((c) => ({
          label: c.label,
          description: c.id === s.environments.activeId ? vscode.l10n.t('active') : undefined,
          detail: c.detail,
          id: c.id,
        })),
        ...ignoredRows(s),
        { label: '', kind: vscode.QuickPickItemKind.Separator, id: undefined },
        {
          label: `$(add) ${vscode.l10n.t('Add Environment…')}`,
          detail: vscode.l10n.t('Telefónica Open Gateway sandbox, or a custom provider'),
          id: ADD,
        },
      ],
      {
        title: vscode.l10n.t('QoD: Select Environment'),
        placeHolder: vscode.l10n.t('Environments come from the qod.environments setting; the local sandbox is built in'),
      },
    );
    if (picked?.id === ADD) return vscode.commands.executeCommand<string | undefined>('qod.addEnvironment');
    if (picked?.id === FIX) {
      await vscode.commands.executeCommand('workbench.action.openSettingsJson');
      return undefined;
    }
    chosen = picked?.id;
  }
  if (!chosen) return undefined;
  await s.environments.setActive(chosen);
  s.reached('qod.environmentChosen');
  return chosen;
}

/** One row per ignored entry of qod.environments, under a separator that says where they come from. */
function ignoredRows(
  s: Services,
): Array<{ label: string; kind?: vscode.QuickPickItemKind; description?: string; detail?: string; id: string | undefined }> {
  const ignored = s.environments.ignored();
  if (ignored.length === 0) return [];
  return [
    { label: vscode.l10n.t('Ignored entries of qod.environments'), kind: vscode.QuickPickItemKind.Separator, id: undefined },
    ...ignored.map((entry) => ({
      label: `$(warning) ${entry.id ?? vscode.l10n.t('entry {0}', entry.index + 1)}`,
      description: vscode.l10n.t('(ignored: {0})', entry.reason),
      detail: vscode.l10n.t('Pick to open the settings (JSON) and fix it'),
      id: FIX,
    })),
  ];
}
