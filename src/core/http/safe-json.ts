// A body as the provider (or the user) wrote it: JSON when it parses, else the text itself, so a non-JSON
// answer is still shown rather than lost. One copy for every face.

/** `text` parsed as JSON when it is JSON, else `text` unchanged. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
