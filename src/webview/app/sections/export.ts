// Export: the current request as code in the chosen language, shown, opened in an editor or copied. The code
// shown always belongs to the request on the form: it follows a change of operation and every send.
import type { Language, Operation } from '../../../shared/protocol';
import { selectControl } from '../controls';
import { h } from '../dom';
import { failure, type Host } from '../rpc';

export interface ExportRequest {
  operation: Operation;
  sessionId?: string;
  body: unknown;
}

export interface ExportSection {
  elements: HTMLElement[];
  language(): string;
  /** The request changed: a code box on screen shows the new request's code. */
  follow(): void;
}

export const EXPORT_LANGUAGES: Array<[Language, string]> = [
  ['curl', 'curl'],
  ['javascript', 'JavaScript (fetch)'],
  ['python', 'Python (requests)'],
  ['java', 'Java (java.net.http)'],
  ['http', 'Request file'],
];

export function exportSection(
  host: Host,
  initialLanguage: string | undefined,
  current: () => ExportRequest,
  onChange: () => void,
): ExportSection {
  const language = selectControl('language', 'Export as', EXPORT_LANGUAGES, initialLanguage ?? 'curl', () => {
    onChange();
    follow();
  });
  const exported = h('pre', { id: 'exported', class: 'code', hidden: true });
  let run = 0;

  async function exportCode(open: boolean): Promise<string | undefined> {
    const mine = ++run;
    const lang = language.el.value as Language;
    const result = await host
      .request('exportCode', { language: lang, ...current() })
      .catch((error: unknown) => ({ code: undefined, message: failure(error) }));
    // A newer export (the request changed meanwhile) wins.
    if (mine !== run) return undefined;
    exported.hidden = false;
    exported.textContent = result.code ?? result.message ?? 'export failed';
    if (result.code && open) host.command('openCode', { language: lang, code: result.code });
    return result.code;
  }

  function follow(): void {
    if (!exported.hidden) void exportCode(false);
  }

  const buttons = h(
    'div',
    { class: 'row' },
    h('vscode-button', { id: 'export', secondary: true, onclick: () => void exportCode(false) }, 'Show code'),
    h('vscode-button', { id: 'open-code', secondary: true, onclick: () => void exportCode(true) }, 'Open in editor'),
    h(
      'vscode-button',
      {
        id: 'copy-code',
        secondary: true,
        onclick: async () => {
          const code = await exportCode(false);
          if (code) host.command('copyCode', { code });
        },
      },
      'Copy',
    ),
  );
  return { elements: [language.field, buttons, exported], language: () => language.el.value, follow };
}
