// Export Code: a create-session request (or any operation) of the active environment, with its sign-in, as
// runnable curl, JavaScript, Python or Java, or as a request file. The secret stays a QOD_CLIENT_SECRET placeholder
// (a request file signs in with its `# @qod sign-in` line).
import * as vscode from 'vscode';
import { EXPORT_LANGUAGES, type ExportLanguage } from '../core/codegen';
import { snippetFor, type SnippetTarget } from '../core/codegen/for-environment';
import type { Services } from '../vscode/services';

export interface ExportCodeArgs extends SnippetTarget {
  language?: ExportLanguage;
  environmentId?: string;
  /** Return the code without opening an editor (scripts, tests). */
  open?: boolean;
}

const EDITOR_LANGUAGE: Record<ExportLanguage, string> = {
  curl: 'shellscript',
  javascript: 'javascript',
  python: 'python',
  java: 'java',
  // No `http` language is contributed here (REST Client or httpYac add one when installed).
  http: 'plaintext',
};

export async function exportCode(s: Services, args: ExportCodeArgs = {}): Promise<string | undefined> {
  const language =
    args.language ??
    (
      await vscode.window.showQuickPick(
        EXPORT_LANGUAGES.map((l) => ({ label: l.label, id: l.id })),
        { title: vscode.l10n.t('QoD: Export Code') },
      )
    )?.id;
  if (!language) return undefined;
  const code = await snippetFor(await s.runtime(args.environmentId), language, args);
  if (args.open !== false) {
    const document = await vscode.workspace.openTextDocument({ language: EDITOR_LANGUAGE[language], content: code });
    await vscode.window.showTextDocument(document);
  }
  return code;
}
