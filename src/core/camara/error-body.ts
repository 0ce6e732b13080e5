// An error answer in one readable line, whatever the provider sent: a CAMARA ErrorInfo, an OAuth-style error
// from a gateway, an HTML error page, an empty body or plain text. Never a raw dump, never a crash on an odd shape.
// What the provider wrote is bounded to CAMARA's sizes and cleaned of escapes and controls; a `code` that is not
// shaped like a CAMARA code is not relayed at all (an echo channel, and a prompt-injection one into agents).
import { camaraCode, cleanProviderText, PROVIDER_TEXT_LIMITS } from '../http/provider-text';

export interface ErrorSummary {
  /** The CAMARA code when there is one; otherwise `HTTP_<status>`. */
  code: string;
  message: string;
  /** What to do about it, when the body is not a CAMARA error (the catalogue has the fix for CAMARA codes). */
  hint?: string;
}

/** `api`: a QoD API answer (CAMARA errors expected); `auth`: an authorization server's (OAuth errors expected). */
export type Answerer = 'api' | 'auth';

export function summariseErrorBody(status: number, contentType: string | undefined, text: string, from: Answerer = 'api'): ErrorSummary {
  const fallback = `HTTP_${status}`;
  const expected = from === 'api' ? 'a CAMARA error' : 'an OAuth error';
  const hintFor = (code: number) => (from === 'auth' ? authHint(code) : apiHint(code));
  const trimmed = text.trim();
  if (!trimmed) return { code: fallback, message: `HTTP ${status} with an empty body`, hint: hintFor(status) };
  const json = parseJson(trimmed);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    if (typeof record.code === 'string' && record.code) {
      const code = camaraCode(record.code);
      const given = typeof record.message === 'string' ? oneLine(record.message) : '';
      const message = given || `(no message; HTTP ${status})`;
      if (code) return { code, message };
      return {
        code: fallback,
        message:
          `${message} (the provider's error code was left out: not a CAMARA code of at most ${PROVIDER_TEXT_LIMITS.code} ` +
          'upper-case letters, digits, _ and .)',
        hint: hintFor(status),
      };
    }
    if (typeof record.error === 'string' && record.error) {
      const description = typeof record.error_description === 'string' ? `: ${oneLine(record.error_description)}` : '';
      const error = oneLine(record.error, PROVIDER_TEXT_LIMITS.code);
      return { code: fallback, message: `an OAuth-style error, not a CAMARA one: ${error}${description}`, hint: hintFor(status) };
    }
    return {
      code: fallback,
      message: `HTTP ${status} with a JSON body that is not ${expected} (fields: ${Object.keys(record).slice(0, 6).join(', ') || 'none'})`,
      hint: hintFor(status),
    };
  }
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(trimmed)?.[1]?.trim();
    // An HTML title is a label, not a message: shorter.
    return {
      code: fallback,
      message: `HTTP ${status}: an HTML page${title && oneLine(title, 120) ? ` ("${oneLine(title, 120)}")` : ''}, not ${expected}`,
      hint: (
        `${hintFor(status) ?? ''} An HTML page usually comes from a proxy or gateway in front of the server, ` + 'or from a wrong URL.'
      ).trim(),
    };
  }
  return { code: fallback, message: `HTTP ${status}: ${oneLine(trimmed)}`, hint: hintFor(status) };
}

function authHint(status: number): string | undefined {
  if (status === 401) return 'The client was not authenticated: check the client id, the secret or key, and the authentication method.';
  if (status >= 500) return 'The authorization server failed or is unavailable: try again later.';
  if (status === 404) return 'Check the issuer or the endpoint URLs of the environment.';
  return undefined;
}

function apiHint(status: number): string | undefined {
  if (status === 400) return "The request was refused as invalid: check it against the environment's flavour (v1, v0.10, v0.8).";
  if (status === 401) return "The access token was refused: sign in again, and check the environment's scopes.";
  if (status === 403) return 'The access token does not allow this: check the scopes, and the device of a 3-legged sign-in.';
  if (status === 404) return 'Check the API base URL and the flavour (v1, v0.10, v0.8) of the environment.';
  if (status === 429) return 'Too many requests: wait and try again.';
  if (status >= 500)
    return 'The provider failed or is unavailable: try again later; if it persists, contact the provider with the x-correlator.';
  return undefined;
}

function parseJson(text: string): unknown {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One clean line, at most CAMARA's message size. */
function oneLine(value: string, max: number = PROVIDER_TEXT_LIMITS.message): string {
  return cleanProviderText(value, max);
}
