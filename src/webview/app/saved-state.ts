// What the webview may keep in its saved state (which VS Code writes to disk): the request being built, but
// never a credential the developer typed into the JSON, such as a sink's access token. Pure, unit-tested.
import { replaceSecretStrings } from '../../core/http/redact';

/** The value the saved state holds instead, so a restored body says what to type again. */
export const NOT_SAVED = '<not saved: type it again>';

/**
 * The JSON text with every credential value replaced. Works on text, not on parsed JSON, so a body that is
 * half-typed (and does not parse) is cleaned too.
 */
export function withoutCredentials(jsonText: string): string {
  return replaceSecretStrings(jsonText, NOT_SAVED);
}
