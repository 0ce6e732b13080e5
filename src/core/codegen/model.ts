// What an exported snippet does: sign in (CIBA polled properly, or client credentials), then one QoD call.
// Secrets never appear in snippets: they read QOD_CLIENT_SECRET from the environment. Every snippet stops with a
// non-zero exit and the status and body when a step answers anything but 2xx, and says a connection failure in
// one line (no stack trace): a script in a pipeline or CI must not pass on a refused request.
import { isLoopbackHost } from '../http/loopback';

export type SnippetLanguage = 'curl' | 'javascript' | 'python' | 'java';
/** What the playground exports: a script, or a request file (`.http`) to keep, run and share. */
export type ExportLanguage = SnippetLanguage | 'http';

export const SNIPPET_LANGUAGES: Array<{ id: SnippetLanguage; label: string; file: string }> = [
  { id: 'curl', label: 'curl (bash)', file: 'qod-example.sh' },
  { id: 'javascript', label: 'JavaScript (fetch, Node 18+)', file: 'qod-example.mjs' },
  { id: 'python', label: 'Python (requests)', file: 'qod_example.py' },
  { id: 'java', label: 'Java (java.net.http, 11+)', file: 'QodExample.java' },
];

export const EXPORT_LANGUAGES: Array<{ id: ExportLanguage; label: string; file: string }> = [
  ...SNIPPET_LANGUAGES,
  { id: 'http', label: 'Request file', file: 'qod-request.http' },
];

export interface SnippetRequest {
  flow: 'ciba' | 'client_credentials';
  tokenEndpoint: string;
  /** CIBA only. */
  bcAuthorizeEndpoint?: string;
  loginHint?: string;
  /**
   * Where the CIBA login hint comes from, said in a comment of the script: the device of the current sign-in
   * (the script repeats the request that was run), or the environment's hint when nobody had signed in.
   */
  loginHintFrom?: 'sign-in' | 'environment';
  scope: string;
  clientId: string;
  /** Basic (header) or post (form fields); key-based methods are not exported. */
  clientAuth: 'client_secret_basic' | 'client_secret_post';
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  body?: unknown;
  /** The API the URL is under and the path below it: a request file writes the base as `{{$qod.…}}`. */
  api?: { base: 'sessions' | 'profiles' | 'provisioning'; path: string };
  /** The API version the request is written for (`quality-on-demand 1.2.0-rc.3 …`): the code says which it targets. */
  apiVersion?: string;
}

/** The comment line naming the API version, for a script's header (`# ` or `// ` before it), or none. */
export function targetsLine(r: SnippetRequest, comment: '#' | '//'): string {
  return r.apiVersion ? `${comment} Written for ${r.apiVersion}: another version's body or paths may differ.\n` : '';
}

export const SECRET_ENV = 'QOD_CLIENT_SECRET';

/**
 * Every request of a script has a deadline: this many seconds, or QOD_HTTP_TIMEOUT_SECONDS (the CLI's own
 * setting). A provider that accepts and never answers must not hang a pipeline.
 */
export const TIMEOUT_ENV = 'QOD_HTTP_TIMEOUT_SECONDS';
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const CONNECT_TIMEOUT_SECONDS = 10;

/**
 * A CIBA wait ends at the request's expires_in, and never later than this (the provider's numbers are its own:
 * a huge or garbled expires_in or interval must not keep a script polling for ever). The interval is kept 1..60 s.
 */
export const MAX_CIBA_WAIT_SECONDS = 600;

/** Fields of a token answer never printed: a failed sign-in shows the answer with these masked. */
export const TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const;

/** Single-quoted for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A JSON string literal, valid in JavaScript, Python and Java source alike: only printable ASCII comes out (every
 * control character, line separator and non-ASCII one escaped, a backslash doubled, so Java's \u processing,
 * which applies even in comments, cannot make a line break). It is also how a value is written in a comment:
 * nothing in it ends the comment's line.
 */
export function literal(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Why the script signs in as its device, as comment lines without the comment marker (CIBA only: with client
 * credentials the device is in the body). The hint is a JSON literal, so no character of it ends the comment.
 */
export function loginHintNote(r: SnippetRequest): string[] {
  if (r.flow !== 'ciba') return [];
  const hint = literal(r.loginHint ?? '');
  return r.loginHintFrom === 'sign-in'
    ? [
        `Signs in as ${hint}: the device of your current sign-in, so this script repeats the request you ran.`,
        'A login hint edited since then is used once you sign in with it; export again after that.',
      ]
    : [`Signs in as ${hint}: the environment's login hint (there was no CIBA sign-in when this was exported).`];
}

/** What to try when the script cannot connect: the sandbox case is the usual one on loopback. */
export function unreachableAdvice(r: SnippetRequest): string {
  const host = URL.canParse(r.url) ? new URL(r.url).hostname : '';
  return isLoopbackHost(host)
    ? 'If it was the local sandbox, it has stopped or runs on another port now: start it, or export this script again.'
    : 'Check the URL, your network and any proxy settings.';
}
