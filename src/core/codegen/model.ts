// What an exported snippet does: sign in (CIBA polled properly, or client credentials), then one QoD call.
// Secrets never appear in snippets: they read QOD_CLIENT_SECRET from the environment.

export type SnippetLanguage = 'curl' | 'javascript' | 'python' | 'java';

export const SNIPPET_LANGUAGES: Array<{ id: SnippetLanguage; label: string; file: string }> = [
  { id: 'curl', label: 'curl (bash)', file: 'qod-example.sh' },
  { id: 'javascript', label: 'JavaScript (fetch, Node 18+)', file: 'qod-example.mjs' },
  { id: 'python', label: 'Python (requests)', file: 'qod_example.py' },
  { id: 'java', label: 'Java (java.net.http, 11+)', file: 'QodExample.java' },
];

export interface SnippetRequest {
  flow: 'ciba' | 'client_credentials';
  tokenEndpoint: string;
  /** CIBA only. */
  bcAuthorizeEndpoint?: string;
  loginHint?: string;
  scope: string;
  clientId: string;
  /** Basic (header) or post (form fields); key-based methods are not exported. */
  clientAuth: 'client_secret_basic' | 'client_secret_post';
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
}

export const SECRET_ENV = 'QOD_CLIENT_SECRET';

/** Single-quoted for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JSON string literal, valid in JavaScript, Python and Java source alike (for ASCII-safe content). */
export function literal(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
