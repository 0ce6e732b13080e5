// Finds a secret in output however it was encoded on the way: raw, percent-, form- or JSON-encoded, split across
// lines (or by JSON's `\n`), inside base64 or base64url at any alignment, or cut short (any long enough piece).

/** The shortest piece of a secret that counts as a leak: shorter runs are too common to mean anything. */
const PIECE = 16;

function encodings(secret: string): string[] {
  const strictForm = encodeURIComponent(secret)
    .replace(/[-_.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ v: secret }).toString().slice(2),
      strictForm,
      JSON.stringify(secret).slice(1, -1),
    ]),
  ];
}

function pieces(value: string): string[] {
  if (value.length <= PIECE) return [value];
  const out: string[] = [];
  for (let i = 0; i + PIECE <= value.length; i += 4) out.push(value.slice(i, i + PIECE));
  out.push(value.slice(-PIECE));
  return out;
}

/** The output as a scan reads it: as is, without line breaks, and every base64-looking run decoded at each alignment. */
function views(output: string): string[] {
  const squeezed = output.replace(/\s+|\\[nrt]/g, '');
  const runs = squeezed.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? [];
  const decoded = runs.flatMap((run) =>
    [0, 1, 2, 3].flatMap((cut) => [
      Buffer.from(run.slice(cut), 'base64').toString('latin1'),
      Buffer.from(run.slice(cut), 'base64url').toString('latin1'),
    ]),
  );
  return [output, squeezed, ...decoded];
}

/** Which of the secrets the output gives away, in any encoding or piece of one. */
export function leakedSecrets(output: string, secrets: readonly string[]): string[] {
  const seen = views(output);
  return secrets.filter((secret) =>
    encodings(secret).some((form) => pieces(form).some((piece) => seen.some((view) => view.includes(piece)))),
  );
}
