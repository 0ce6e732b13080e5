// Code export: the current request and its sign-in as runnable curl, JavaScript, Python or Java.
import { curlSnippet } from './curl';
import { javaSnippet } from './java';
import { javascriptSnippet } from './javascript';
import type { SnippetLanguage, SnippetRequest } from './model';
import { pythonSnippet } from './python';

export { SNIPPET_LANGUAGES, SECRET_ENV, type SnippetLanguage, type SnippetRequest } from './model';

const GENERATORS: Record<SnippetLanguage, (r: SnippetRequest) => string> = {
  curl: curlSnippet,
  javascript: javascriptSnippet,
  python: pythonSnippet,
  java: javaSnippet,
};

export function generateSnippet(language: SnippetLanguage, request: SnippetRequest): string {
  // The method is written bare (a comment, curl's -X): only the three the snippets know.
  if (!['GET', 'POST', 'DELETE'].includes(request.method)) throw new Error(`Code export: unknown method ${JSON.stringify(request.method)}`);
  return GENERATORS[language](request);
}
