// A curl command pasted into the JSON editor, as found in provider docs and sample code: its body and the QoD
// operation its method and URL name (a route of the core's operation table) are taken; its Authorization header
// and anything else are left behind (the playground signs in itself, and a token pasted here must not be kept).
// Pure, unit-tested.
import { safeJson } from '../../core/http/safe-json';
import { isOperation, OPERATION_TABLE, operationForRequest, type Operation } from '../../core/operations';

export interface PastedCurl {
  operation?: Operation;
  sessionId?: string;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body?: unknown;
}

export function looksLikeCurl(text: string): boolean {
  return /^\s*curl\s/.test(text);
}

/** Splits a shell command line into words: quotes, backslash escapes and line continuations. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      inWord = true;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) i++;
        word += text[i];
      }
      inWord = true;
    } else if (c === '\\') {
      if (text[i + 1] === '\n') i++;
      else if (i + 1 < text.length) {
        word += text[i + 1];
        i++;
        inWord = true;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const DATA_FLAGS = ['-d', '--data', '--data-raw', '--data-binary', '--json'];

export function parseCurl(text: string): PastedCurl | undefined {
  if (!looksLikeCurl(text)) return undefined;
  const words = shellWords(text).slice(1);
  let method: string | undefined;
  let url: string | undefined;
  let data: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const [flag, inline] =
      w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    if (DATA_FLAGS.includes(flag)) data = inline ?? words[++i];
    else if (flag === '-X' || flag === '--request') method = (inline ?? words[++i])?.toUpperCase();
    else if (flag === '--url') url = inline ?? words[++i];
    else if (/^https?:\/\//.test(w)) url = w;
  }
  const body = data === undefined ? undefined : safeJson(data);
  return { ...operationOf(method ?? (data === undefined ? 'GET' : 'POST'), url), body };
}

/** Which QoD operation a method and URL name: a route of the core's table (in any flavour). */
function operationOf(method: string, url: string | undefined): { operation?: Operation; sessionId?: string } {
  const found = url ? operationForRequest(OPERATION_TABLE, method, url) : undefined;
  if (!found || !isOperation(found.spec.name)) return {};
  return found.id === undefined ? { operation: found.spec.name } : { operation: found.spec.name, sessionId: found.id };
}
