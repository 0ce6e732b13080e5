// The advisor section's words and the one edit "Use this profile" makes to the request body. Pure: no DOM,
// unit-tested.
import type { OperatorAdviceView } from '../../shared/protocol';

/** The verdict in words, as the table's first line for an operator. */
export function verdictWords(o: OperatorAdviceView): string {
  switch (o.verdict) {
    case 'fits':
      return `${o.recommended ?? 'A profile'} fits every need`;
    case 'fits-as-far-as-stated':
      return `${o.recommended ?? 'A profile'} fits as far as the operator states its values`;
    case 'nothing-fits':
      return 'No profile fits';
    case 'error':
      return `Could not ask this operator${o.error ? `: ${o.error}` : ''}`;
  }
}

/**
 * The request body's JSON text with `profile` as its profile, everything else kept as typed: v0.8's `qos` where the
 * body has one, else `qosProfile`. Undefined when the text is not a JSON object (the form then writes a body).
 */
export function bodyWithProfile(text: string, profile: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const key = 'qos' in body && !('qosProfile' in body) ? 'qos' : 'qosProfile';
  return JSON.stringify({ ...body, [key]: profile }, null, 2);
}
