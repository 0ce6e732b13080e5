// Export Code: a create-session request (or any operation) of the active environment, with its sign-in, as
// runnable curl, JavaScript, Python or Java. The secret stays a QOD_CLIENT_SECRET placeholder.
import * as vscode from 'vscode';
import { SNIPPET_LANGUAGES, type SnippetLanguage } from '../core/codegen';
import { snippetFor, type SnippetTarget } from '../core/codegen/for-environment';
import type { Services } from '../vscode/services';

export interface ExportCodeArgs extends SnippetTarget {
  language?: SnippetLanguage;
  environmentId?: string;
  /** Return the code without opening an editor (scripts, tests). */
  open?: boolean;
}

const EDITOR_LANGUAGE: Record<SnippetLanguage, string> = { curl: 'shellscript', javascript: 'javascript', python: 'python', java: 'java' };

export async function exportCode(s: Services, args: ExportCodeArgs = {}): Promise<string | undefined> {
  const language =
    args.language ??
    (
      await vscode.window.showQuickPick(
        SNIPPET_LANGUAGES.map((l) => ({ label: l.label, id: l.id })),
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
