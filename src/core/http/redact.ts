// Redaction at recording time: whatever is recorded (and so shown, logged or exported) has no secret in it.
// Fields are redacted by name, whatever the content type says and however broken the body is; secret values
// the product knows (client secret, tokens, codes) are scrubbed from all text besides.

export const REDACTED = '[REDACTED]';

/** A word that makes a field or header a credential, in any case and with `-`/`_` or none between parts. */
const SECRET_WORD = /token|secret|passw(or)?d|assertion|credential|api[-_]?key|private[-_]?key|auth[-_]?req[-_]?id|code[-_]?verifier|device[-_]?code|authorization|cookie|dpop/i;
/** Names that hold such a word but no secret: kinds, lifetimes, endpoints, capabilities, hints. */
const NOT_SECRET = /(type|types|expires|expires[-_]?in|expires[-_]?utc|endpoint|supported|uri|url|alg|method|methods|mode|modes|ttl|lifetime|length|hint)$/i;
/** Fields whose value is a notification URL: its query string may carry a token. */
const SINK_URL = /^(sink|notificationurl|webhook|callback(url)?)$/i;

/**
 * Whether a field, header or parameter named so carries a credential. `code` is an authorization code only
 * where OAuth puts one (a form body, a query string); in a JSON API body it is a CAMARA error code.
 */
export function isSecretName(name: string, context: 'json' | 'form' = 'json'): boolean {
  if (context === 'form' && /^code$/i.test(name)) return true;
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
  return Object.fromEntries(Object.entries(value).filter(([key]) => !isSecretName(key)).map(([key, item]) => [key, withoutSecretFields(item, depth + 1)]));
}

export class Redactor {
  /** Exact secret values (client secret, tokens) scrubbed from any text, whatever field they hide in. */
  readonly #values = new Set<string>();

  addSecret(value: string | undefined): void {
    // Very short values would match ordinary text; real secrets and tokens are longer.
    if (value && value.length >= 8) this.#values.add(value);
  }

  text(value: string): string {
    let out = value;
    for (const secret of this.#values) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
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
    // Only a query or userinfo can hold a secret field.
    if (!value.includes('?') && !value.includes('@')) return this.text(value);
    if (!URL.canParse(value)) return this.text(scrubText(value));
    const url = new URL(value);
    for (const key of [...url.searchParams.keys()]) if (isSecretName(key, 'form')) url.searchParams.set(key, REDACTED);
    if (url.password) url.password = REDACTED;
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
      // Most API bodies carry no secret field: then they keep their formatting, and only known values are scrubbed.
      if (!hasSensitiveKey(text)) return this.text(text);
      try {
        return this.text(JSON.stringify(JSON.parse(text, redactField)));
      } catch {
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

/** JSON.parse reviver: string values under secret names go; sink URLs lose their query. */
function redactField(this: unknown, key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (isSecretName(key)) return REDACTED;
  if (SINK_URL.test(key)) return hideQuery(value);
  return value;
}

/** Any word a sensitive field name holds; most API bodies have none, and then one test is all they cost. */
const SENSITIVE_HINT = /token|secret|passw|assertion|credential|api[-_]?key|private[-_]?key|auth[-_]?req|verifier|device[-_]?code|authorization|cookie|dpop|sink|notificationurl|webhook|callback/i;

function hasSensitiveKey(text: string): boolean {
  if (!SENSITIVE_HINT.test(text)) return false;
  for (const match of text.matchAll(/"((?:[^"\\]|\\.){1,100})"\s*:/g)) {
    const key = match[1] as string;
    if (isSecretName(key) || SINK_URL.test(key)) return true;
  }
  return false;
}

/** For text that does not parse: `"secret": "…"`, `"secret": "…` (cut short) and `secret=…` lose their values. */
function scrubText(text: string): string {
  return text
    .replace(/("((?:[^"\\]|\\.){1,100})"\s*:\s*")((?:[^"\\]|\\.)*)("?)/g, (all, head: string, key: string, _value: string, close: string) =>
      isSecretName(key) ? `${head}${REDACTED}${close}` : SINK_URL.test(key) ? `${head}${hideQuery(_value)}${close}` : all)
    .replace(/(^|[?&\s;,])([\w.-]{1,100})=([^&\s;,"]*)/g, (all, lead: string, key: string) =>
      isSecretName(key, 'form') ? `${lead}${key}=${REDACTED}` : all);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
