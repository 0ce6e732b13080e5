// Redaction at recording time: whatever is recorded (and so shown, logged or exported) has no secret in it.

export const REDACTED = '[REDACTED]';

/** Headers whose value is a credential. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'apikey']);

/** Form, JSON and query fields whose value is a credential, a token or a one-time code. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'client_secret', 'client_assertion', 'assertion', 'password', 'code', 'code_verifier', 'auth_req_id',
  'access_token', 'refresh_token', 'id_token', 'token', 'device_code', 'login_hint_token',
  'accessToken', 'refreshToken', 'notificationAuthToken', 'secret', 'clientSecret', 'private_key',
]);

const SECRET_FIELD_IN_TEXT = new RegExp(`"(${[...SECRET_FIELDS].join('|')})"`);

/** A URL with its query string (and fragment) replaced: sink URLs may carry a token there. */
export function hideQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : `${url.slice(0, cut)}?${REDACTED}`;
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
      if (SECRET_HEADERS.has(lower)) {
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
    if (!URL.canParse(value)) return this.text(value);
    const url = new URL(value);
    for (const key of [...url.searchParams.keys()]) if (SECRET_FIELDS.has(key)) url.searchParams.set(key, REDACTED);
    if (url.password) url.password = REDACTED;
    return this.text(url.toString());
  }

  /** JSON and form bodies are redacted field by field; any other text by known values. */
  body(text: string, contentType: string | undefined): string {
    if (!text) return text;
    const type = (contentType ?? '').toLowerCase();
    if (type.includes('json')) {
      // Most API bodies carry no secret field: then only known secret values need scrubbing.
      if (!SECRET_FIELD_IN_TEXT.test(text)) return this.text(text);
      try {
        return this.text(JSON.stringify(redactJson(JSON.parse(text))));
      } catch {
        return this.text(text);
      }
    }
    if (type.includes('x-www-form-urlencoded')) {
      const form = new URLSearchParams(text);
      for (const key of [...form.keys()]) if (SECRET_FIELDS.has(key)) form.set(key, REDACTED);
      return this.text(decodeURIComponent(form.toString().replace(/\+/g, ' ')));
    }
    return this.text(text);
  }
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) && typeof v === 'string' ? REDACTED : redactJson(v)]),
    );
  }
  return value;
}
