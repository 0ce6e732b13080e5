// Code export: the current request and its sign-in as runnable curl, JavaScript, Python or Java.
import { curlSnippet } from './curl';
import { httpFileSnippet } from './http-file';
import { javaSnippet } from './java';
import { javascriptSnippet } from './javascript';
import type { ExportLanguage, SnippetRequest } from './model';
import { pythonSnippet } from './python';

export { EXPORT_LANGUAGES, SNIPPET_LANGUAGES, SECRET_ENV, type ExportLanguage, type SnippetLanguage, type SnippetRequest } from './model';

const GENERATORS: Record<ExportLanguage, (r: SnippetRequest) => string> = {
  curl: curlSnippet,
  javascript: javascriptSnippet,
  python: pythonSnippet,
  java: javaSnippet,
  http: httpFileSnippet,
};

export function generateSnippet(language: ExportLanguage, request: SnippetRequest): string {
  // The method is written bare (a comment, curl's -X): only the three the snippets know.
  if (!['GET', 'POST', 'DELETE'].includes(request.method)) throw new Error(`Code export: unknown method ${JSON.stringify(request.method)}`);
  return GENERATORS[language](request);
}
