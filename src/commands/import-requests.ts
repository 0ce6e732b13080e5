// QoD: Import Collection or OpenAPI…: the palette's face of `qod import`. A Postman collection (v2.1) or a CAMARA
// OpenAPI file becomes request files in a folder (by default the workspace's `requests`), through the same core as
// the CLI; what was written and what was not imported (scripts, …) go to the QoD log.
import * as vscode from 'vscode';
import { OPERATION_TABLE } from '../core/operations';
import { importInputs, type ImportInput } from '../core/request-files/import-any';
import type { Services } from '../vscode/services';

/** The same bound as the CLI's: a collection is a few hundred KiB at most. */
const MAX_INPUT = 16 * 1024 * 1024;

/**
 * `input` (one file, or the collection and its Postman environments) and `folder` skip the dialogs (scripts, tests).
 * Answers the files written (none when cancelled).
 */
export async function importRequests(s: Services, input?: vscode.Uri | vscode.Uri[], folder?: vscode.Uri): Promise<vscode.Uri[]> {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const sources =
    (input && [input].flat()) ??
    (await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import a Postman collection (and its environments) or an OpenAPI file'),
      canSelectMany: true,
      filters: { [vscode.l10n.t('Collection, environment or OpenAPI')]: ['json', 'yaml', 'yml'] },
      defaultUri: workspace,
    }));
  if (!sources?.length) return [];
  const out =
    folder ??
    (
      await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Folder for the request files'),
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import Here'),
        defaultUri: workspace && vscode.Uri.joinPath(workspace, 'requests'),
      })
    )?.[0];
  if (!out) return [];

  const inputs: ImportInput[] = [];
  for (const uri of sources) {
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_INPUT) return fail(s, vscode.l10n.t('{0} is larger than 16 MiB.', name(uri)));
    inputs.push({ name: name(uri), text: new TextDecoder().decode(bytes) });
  }
  const environmentId = s.environments.activeId;
  const flavour = s.environments.flavourOf(environmentId);
  const result = importInputs(inputs, OPERATION_TABLE, flavour);
  if ('problem' in result) return fail(s, `${result.problem}.`);
  s.log.info(`import ${sources.map((u) => u.fsPath).join(', ')}`);
  for (const line of result.report) s.log.info(`import: ${line}`);
  if (result.files.length === 0) return fail(s, vscode.l10n.t('Nothing to import from {0}: see the QoD log.', result.source));

  // Everything is checked before anything is written, as the CLI does: no half-written import.
  const targets = result.files.map((f) => ({ ...f, uri: vscode.Uri.joinPath(out, f.path) }));
  if (targets.some((t) => !t.uri.path.startsWith(`${out.path.replace(/\/$/, '')}/`))) {
    return fail(s, vscode.l10n.t('{0} names a file outside the folder: nothing was written.', result.source));
  }
  const existing = (await Promise.all(targets.map((t) => exists(t.uri)))).filter(Boolean).length;
  if (existing > 0) {
    const overwrite = vscode.l10n.t('Overwrite');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} of the request files already exist in {1}. Overwrite them?', existing, out.fsPath),
      { modal: true },
      overwrite,
    );
    if (answer !== overwrite) return [];
  }
  for (const t of targets) {
    await vscode.workspace.fs.writeFile(t.uri, new TextEncoder().encode(t.text.endsWith('\n') ? t.text : `${t.text}\n`));
    s.log.info(`import: wrote ${t.uri.fsPath}`);
  }

  const written = targets.map((t) => t.uri);
  const open = vscode.l10n.t('Open');
  const notes = result.report.length > 0 ? vscode.l10n.t(' What was not imported (scripts, credentials, …) is in the QoD log.') : '';
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Imported {0} request file(s) into {1}.', written.length, out.fsPath) + notes, open)
    .then(async (answer) => {
      if (answer === open) await vscode.window.showTextDocument(written[0] as vscode.Uri);
    });
  return written;
}

function fail(s: Services, message: string): [] {
  s.log.error(`import: ${message}`);
  void vscode.window.showErrorMessage(message);
  return [];
}

const name = (uri: vscode.Uri): string => uri.path.split('/').pop() ?? uri.toString();

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
