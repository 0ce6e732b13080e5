// Export: the current request as code in the chosen language, shown, opened in an editor or copied. The code
// shown always belongs to the request on the form: it follows a change of operation and every send. Save as request
// file and Copy as curl (here and on each history entry) reuse the same export, in their own language.
import type { Language, Operation } from '../../../shared/protocol';
import { selectControl } from '../controls';
import { h } from '../dom';
import { failure, type Host } from '../rpc';

export interface ExportRequest {
  operation: Operation;
  sessionId?: string;
  body?: unknown;
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

  async function save(): Promise<void> {
    const message = await saveAsRequestFile(host, current());
    if (message) {
      exported.hidden = false;
      exported.textContent = message;
    }
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
    h('vscode-button', { id: 'save-request-file', secondary: true, onclick: () => void save() }, 'Save as request file'),
  );
  return { elements: [language.field, buttons, exported], language: () => language.el.value, follow };
}

/** Has the host save the request as a `.http` file (the user picks where); answers why not, if the export failed. */
export async function saveAsRequestFile(host: Host, request: ExportRequest): Promise<string | undefined> {
  const result = await exportAs(host, 'http', request);
  if (result.code) host.command('saveRequestFile', { code: result.code, operation: request.operation });
  return result.message;
}

/** Puts the request as a curl command on the clipboard (through the host); answers why not, if the export failed. */
export async function copyAsCurl(host: Host, request: ExportRequest): Promise<string | undefined> {
  const result = await exportAs(host, 'curl', request);
  if (result.code) host.command('copyCode', { code: result.code });
  return result.message;
}

async function exportAs(host: Host, language: Language, request: ExportRequest): Promise<{ code?: string; message?: string }> {
  const { operation, sessionId, body } = request;
  const result = await host
    .request('exportCode', { language, operation, sessionId, body })
    .catch((error: unknown) => ({ code: undefined, message: failure(error) }));
  return result.code ? result : { message: result.message ?? 'export failed' };
}
