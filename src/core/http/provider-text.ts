// Text a provider wrote (an error code, a message, an id, a profile's description) on its way to a person or an
// agent. It is untrusted: it may try to rewrite a terminal (escape sequences), hide itself (bidirectional and
// zero-width characters), flood a model's context, or pose as our own words. Every face shows it through here.

/** CAMARA's bounds for what a provider relays (ErrorInfo and the QoD schemas). */
export const PROVIDER_TEXT_LIMITS = { code: 96, message: 512, id: 256, name: 256, field: 256 } as const;

/**
 * Terminal escape sequences whole: CSI (`ESC [ … final`, or C1 CSI), strings (OSC, DCS, APC, PM, SOS: a title, an
 * OSC 8 link) up to their terminator, and two-character escapes (`ESC c` resets the terminal).
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]',
    '(?:\\u001b[\\]P_^X]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]{0,4096}(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[ -~]?',
  ].join('|'),
  'g',
);
/** C0 and C1 controls, DEL, bidirectional overrides and isolates, zero-width characters, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The text on one line, without escapes or invisible characters, at most `max` characters (cut with `…`). */
export function cleanProviderText(value: string, max: number = PROVIDER_TEXT_LIMITS.message): string {
  const line = value
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/[\t\n\r\v\f\u2028\u2029]+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A CAMARA error code as the specifications shape it (upper case, digits, `_` and `.`, at most 96), or undefined. */
export function camaraCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z0-9_.]{1,96}$/.test(value) ? value : undefined;
}

/**
 * What a terminal may print: controls and escape sequences shown as `\u001b`-style text, so a provider cannot
 * retitle the window, clear the screen or plant a link. Newlines and tabs stay (our own layout uses them).
 */
export function forTerminal(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Provider text quoted for an agent: labelled, JSON-quoted so it cannot close the quote and speak as us. */
export function quotedForAgent(value: string, max: number = PROVIDER_TEXT_LIMITS.message): string {
  return JSON.stringify(cleanProviderText(value, max));
}
