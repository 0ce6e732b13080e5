// Redaction at recording time: whatever is recorded (and so shown, logged or exported) has no secret in it.
// Fields are redacted by name, whatever the content type says and however broken the body is; secret values
// the product knows (client secret, tokens, codes) are scrubbed from all text besides.

export const REDACTED = '[REDACTED]';

/** A word that makes a field or header a credential, in any case and with `-`/`_` or none between parts. */
const SECRET_WORD = new RegExp(
  [
    'token|secret|passw(or)?d|assertion|credential|api[-_]?key|private[-_]?key|auth[-_]?req[-_]?id|code[-_]?verifier',
    'device[-_]?code|authorization|cookie|dpop|jwt|bearer|(^|[-_])key$|subscription[-_]?key|^sig(nature)?$',
  ].join('|'),
  'i',
);
/** Names that hold such a word but no secret: kinds, lifetimes, endpoints, capabilities, hints. */
const NOT_SECRET = new RegExp(
  '(type|types|format|expires|expires[-_]?in|expires[-_]?utc|endpoint|supported|uri|url|alg|method|methods|mode|modes|' +
    'ttl|lifetime|length|hint)$',
  'i',
);
/** Fields whose value is a notification URL: its query string may carry a token. */
const SINK_URL = /^(sink|notificationurl|webhook|callback(url)?)$/i;

/**
 * Whether a field, header or parameter named so carries a credential. `code` is an authorization code only
 * where OAuth puts one (a form body, a query string); in a JSON API body it is a CAMARA error code.
 */
export function isSecretName(name: string, context: 'json' | 'form' = 'json'): boolean {
  if (context === 'form' && /^code$/i.test(name)) return true;
  if (/^idempotency[-_]key$/i.test(name)) return false;
  return SECRET_WORD.test(name) && !NOT_SECRET.test(name);
}

/** A URL with its query string (and fragment) replaced: sink URLs may carry a token there. */
export function hideQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut)}?${REDACTED}`;
}

/** Every `"name": "value"` pair in JSON text, whole or half-typed (a body being edited, a command-line argument). */
const STRING_FIELD = /("((?:[^"\\]|\\.){1,100})"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/** The JSON text with the value of every credential field replaced; works on text that does not parse yet. */
export function replaceSecretStrings(jsonText: string, replacement: string): string {
  return jsonText.replace(STRING_FIELD, (all, head: string, name: string) => (isSecretName(name) ? `${head}"${replacement}"` : all));
}

/** The names of the credential fields that hold a non-empty string in JSON text. */
export function secretStringNames(jsonText: string): string[] {
  return [...jsonText.matchAll(STRING_FIELD)].filter((m) => m[3] && isSecretName(m[2] as string)).map((m) => m[2] as string);
}

/**
 * A copy without the fields whose name is a credential (a sink's `sinkCredential`, a webhook's token), for what
 * is kept: request history. Anything nested deeper than a QoD body can be is dropped rather than walked.
 */
export function withoutSecretFields(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object') return value;
  if (depth > 32) return undefined;
  if (Array.isArray(value)) return value.map((item) => withoutSecretFields(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !isSecretName(key))
      .map(([key, item]) => [key, withoutSecretFields(item, depth + 1)]),
  );
}

export class Redactor {
  /**
   * Every known secret (client secret, key, tokens, codes) in every encoding we send it in: raw, percent- and
   * form-encoded, JSON-escaped, and inside base64 at any alignment (a Basic header, an echoed assertion).
   */
  readonly #values = new Set<string>();
  /** The same, as patterns that also match the value split across lines (a folded echo, `\n` in JSON text). */
  readonly #splitPatterns = new Map<string, RegExp>();

  addSecret(value: string | undefined): void {
    // Very short values would match ordinary text; real secrets and tokens are longer.
    if (!value || value.length < 8 || this.#values.has(value)) return;
    for (const variant of encodingsOf(value)) {
      if (variant.length < 8 || this.#values.has(variant)) continue;
      this.#values.add(variant);
      const squeezed = variant.replace(LINE_BREAKS, '');
      if (squeezed.length >= 8) this.#splitPatterns.set(squeezed, splitPattern(squeezed));
    }
  }

  /** Every known secret, in any of its encodings and however split across lines, replaced. Before any truncation. */
  text(value: string): string {
    let out = value;
    for (const secret of this.#values) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    if (!/\s|\\[nrt]/.test(out)) return out;
    const squeezed = out.replace(LINE_BREAKS, '');
    for (const [secret, pattern] of this.#splitPatterns) if (squeezed.includes(secret)) out = out.replace(pattern, REDACTED);
    return out;
  }

  /**
   * Every string inside a parsed value scrubbed like text. JSON can spell a secret with escapes (`\u0065yJ…`,
   * `\/`) that only parsing undoes, so what a provider's JSON says is scrubbed again once parsed.
   */
  strings<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (!value || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return value;
    if (Array.isArray(value)) return value.map((item) => this.strings(item, depth + 1)) as T;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.strings(item, depth + 1)])) as T;
  }

  headers(headers: Iterable<[string, string]>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of headers) {
      const lower = name.toLowerCase();
      if (isSecretName(lower)) {
        const scheme = /^(Basic|Bearer|DPoP)\s/i.exec(value)?.[1];
        out[lower] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
      } else {
        out[lower] = this.text(value);
      }
    }
    return out;
  }

  url(value: string): string {
    // A query, a fragment (`#access_token=`) or userinfo (`https://TOKEN@host`) can hold a secret.
    if (!/[?#@]/.test(value)) return this.text(value);
    if (!URL.canParse(value)) return this.text(scrubText(value));
    const url = new URL(value);
    for (const key of [...url.searchParams.keys()]) if (isSecretName(key, 'form')) url.searchParams.set(key, REDACTED);
    if (url.username) url.username = REDACTED;
    if (url.password) url.password = REDACTED;
    if (url.hash.includes('=')) {
      const fragment = new URLSearchParams(url.hash.slice(1));
      for (const key of [...fragment.keys()]) if (isSecretName(key, 'form')) fragment.set(key, REDACTED);
      url.hash = fragment.toString();
    }
    return this.text(url.toString());
  }

  /**
   * A body, field by field when it parses (JSON or form, whatever the content type claims); text that does not
   * parse (a truncated token reply, text/plain) has `"name": "value"` and `name=value` pairs scrubbed by name.
   */
  body(text: string, contentType: string | undefined): string {
    if (!text) return text;
    const type = (contentType ?? '').toLowerCase();
    const trimmed = text.trimStart();
    if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      // Most API bodies carry no secret field and no escape: then they keep their formatting, and only known values
      // are scrubbed. An escape (`\u0065`, `\/`) may spell a known value that only parsing reveals.
      if (!hasSensitiveKey(text) && !/\\[u/]/.test(text)) return this.text(text);
      try {
        return this.text(JSON.stringify(redactTree(JSON.parse(text))));
      } catch {
        // Not JSON, or nested too deep to walk: the text scrub still finds `"secret": …` pairs.
        return this.text(scrubText(text));
      }
    }
    if (type.includes('x-www-form-urlencoded') || /^[\w.%-]+=[^\s]*(&[\w.%-]+=[^\s]*)*$/.test(text.trim())) {
      const form = new URLSearchParams(text);
      for (const key of [...form.keys()]) if (isSecretName(key, 'form')) form.set(key, REDACTED);
      return this.text(safeDecode(form.toString().replace(/\+/g, ' ')));
    }
    return this.text(scrubText(text));
  }
}

/** Deeper than any QoD or OAuth body; a tree past this is scrubbed as text instead of walked. */
const MAX_WALK_DEPTH = 64;

/**
 * Values under secret names go, whatever their type: under a secret name, every string, number, array and object
 * is secret except fields whose own name says they are not (`credentialType`, `accessTokenExpiresUtc`). Sink URLs
 * lose their query.
 */
function redactTree(value: unknown, underSecret = false, depth = 0): unknown {
  if (depth > MAX_WALK_DEPTH) throw new RangeError('too deep to walk');
  if (Array.isArray(value)) return value.map((item) => redactTree(item, underSecret, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const secret = isSecretName(key) || (underSecret && !NOT_SECRET.test(key));
        if (typeof item === 'string' && SINK_URL.test(key) && !secret) return [key, hideQuery(item)];
        return [key, secret && !isComposite(item) ? redactLeaf(item) : redactTree(item, secret, depth + 1)];
      }),
    );
  }
  return underSecret ? redactLeaf(value) : value;
}

const isComposite = (value: unknown): boolean => typeof value === 'object' && value !== null;
/** A secret leaf: strings and numbers go; `null` and booleans say nothing. */
const redactLeaf = (value: unknown): unknown => (typeof value === 'string' || typeof value === 'number' ? REDACTED : value);

/** Any word a sensitive field name holds; most API bodies have none, and then one test is all they cost. */
const SENSITIVE_HINT = new RegExp(
  [
    'token|secret|passw|assertion|credential|key|sig|auth[-_]?req|verifier|device[-_]?code|authorization|cookie|dpop',
    'jwt|bearer|sink|notificationurl|webhook|callback',
  ].join('|'),
  'i',
);

function hasSensitiveKey(text: string): boolean {
  if (!SENSITIVE_HINT.test(text)) return false;
  for (const match of text.matchAll(/"((?:[^"\\]|\\.){1,100})"\s*:/g)) {
    const key = match[1] as string;
    if (isSecretName(key) || SINK_URL.test(key)) return true;
  }
  return false;
}

/**
 * For text that does not parse: `"secret": "…"`, `"secret": "…` (cut short), `"secret": […]` / `{…}` (every string
 * and number inside), `scheme://userinfo@` and `secret=…` lose their values.
 */
function scrubText(text: string): string {
  return scrubComposites(text)
    .replace(
      /("((?:[^"\\]|\\.){1,100})"\s*:\s*")((?:[^"\\]|\\.)*)("?)/g,
      (all, head: string, key: string, _value: string, close: string) =>
        isSecretName(key) ? `${head}${REDACTED}${close}` : SINK_URL.test(key) ? `${head}${hideQuery(_value)}${close}` : all,
    )
    .replace(/\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s/?#@"]+@/gi, `$1${REDACTED}@`)
    .replace(/(^|[?&#\s;,])([\w.-]{1,100})=([^&\s;,"]*)/g, (all, lead: string, key: string) =>
      isSecretName(key, 'form') ? `${lead}${key}=${REDACTED}` : all,
    );
}

/** `"secret": [` or `"secret": {` in text that does not parse: its strings and numbers go, up to the matching close. */
function scrubComposites(text: string): string {
  const opener = /"((?:[^"\\]|\\.){1,100})"\s*:\s*[[{]/g;
  let out = '';
  let from = 0;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    if (match.index < from || !isSecretName(match[1] as string)) continue;
    const start = match.index + match[0].length;
    const end = closingIndex(text, start);
    out += text.slice(from, start) + redactLeaves(text.slice(start, end));
    from = end;
    opener.lastIndex = end;
  }
  return out + text.slice(from);
}

/** Strings that are values (not keys) and numbers replaced, token by token so a key is never mistaken for a value. */
function redactLeaves(segment: string): string {
  return segment.replace(/"(?:[^"\\]|\\.)*"?|-?\d[\d.eE+-]*|[^"\d-]+|[\s\S]/g, (token, offset: number) => {
    if (token.startsWith('"')) return /^\s*:/.test(segment.slice(offset + token.length)) ? token : `"${REDACTED}"`;
    return /^-?\d/.test(token) ? REDACTED : token;
  });
}

/** Where the bracket opened just before `start` closes (outside strings), or the end of the text. */
function closingIndex(text: string, start: number): number {
  let depth = 1;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return i;
  }
  return text.length;
}

/** Whitespace, and the escapes JSON text writes for it, that a provider may fold a value with. */
const LINE_BREAKS = /\s+|\\[nrt]/g;

/** The value as we may send it: raw, percent-, form- and JSON-encoded, and the alignment-free cores of its base64. */
function encodingsOf(value: string): string[] {
  const formEncoded = new URLSearchParams({ v: value }).toString().slice(2);
  const encoded = [value, encodeURIComponent(value), formEncoded, strictFormEncoded(value), JSON.stringify(value).slice(1, -1)];
  const unique = [...new Set(encoded)];
  return [...new Set([...unique, ...unique.flatMap(base64Cores)])];
}

/** RFC 6749 appendix B as oauth4webapi applies it before Basic: even `-_.!~*'()` percent-encoded, spaces as `+`. */
function strictFormEncoded(value: string): string {
  return encodeURIComponent(value)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The parts of base64(…value…) that do not depend on what surrounds the value: for each of the three alignments,
 * the characters encoding only the value's own bytes, in standard and URL-safe alphabets. Any base64 text holding
 * the value (`Basic base64(id:secret)`) holds one of them.
 */
function base64Cores(value: string): string[] {
  // TextEncoder and btoa rather than Buffer: the webview's build type-checks this file too (without Node's types).
  const bytes = new TextEncoder().encode(value);
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = btoa(String.fromCharCode(...padded)).replace(/=+$/, '');
    // Leading characters mix in the padding bytes; trailing ones depend on what follows the value.
    const start = Math.ceil((offset * 4) / 3);
    const end = Math.floor((padded.length * 4) / 3);
    const core = encoded.slice(start, Math.max(start, end));
    cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/** A pattern that finds the value with whitespace (or JSON's `\n`, `\r`, `\t`) between any of its characters. */
function splitPattern(value: string): RegExp {
  const gap = '(?:\\s|\\\\[nrt])*';
  return new RegExp([...value].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(gap), 'g');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
