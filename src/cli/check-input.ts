// What a `qod` command would send, checked whole before it signs in: the README promises that invalid input is
// "checked before any network call; nothing was sent" (exit 2). Every problem is reported at once, as the
// playground shows them, not just the first. The rules are the core's (the session id, each flavour's request
// schemas, the operation table); this file only gathers them for the command line's flags.
import { parseLoginHint } from '../core/auth/login-hint';
import { checkSessionId, QodValidationError } from '../core/camara/qod-client';
import type { Flavour } from '../core/camara/flavour';
import { validateRequest, type FieldIssue, type RequestKind } from '../core/camara/validate';
import { OPERATION_TABLE } from '../core/operations';
import type { Operation } from '../shared/protocol';

export interface CommandInput {
  operation: Operation;
  flavour: Flavour;
  /** The session id, for the operations that take one. */
  sessionId?: string;
  /** The body as it would be sent (for listProfiles: the filter). */
  body?: unknown;
  /** Problems with flags found while building the body (`--seconds`, `--duration`), each naming its flag. */
  flagIssues?: FieldIssue[];
  allowLoopbackHttpSink?: boolean;
}

/** Which schema checks each operation's body (getSession and deleteSession have none). */
const BODY_KIND: Partial<Record<Operation, RequestKind>> = {
  createSession: 'createSession',
  extendSession: 'extendSession',
  retrieveSessions: 'retrieveSessions',
  // The filter is the same two values in every flavour that has profiles (v0.10 sends them as a query).
  listProfiles: 'retrieveQosProfiles',
};

/** The body field each such flag fills: its problem is said once, by the flag the user typed. */
const FIELD_OF_FLAG: Record<string, string> = { '--duration': 'duration', '--seconds': 'requestedAdditionalDuration' };

/** Every problem with the input, in the order a reader meets them: operation, id, flags, body. */
export function inputProblems(input: CommandInput): FieldIssue[] {
  const spec = OPERATION_TABLE[input.operation];
  if (!spec.flavours.includes(input.flavour)) {
    const rule = `is not part of QoD ${input.flavour} (only ${spec.flavours.join(', ')}): choose another --flavour`;
    return [{ path: '(operation)', rule, message: `${spec.title}: ${rule}` }];
  }
  const problems: FieldIssue[] = [];
  if (spec.needsSessionId) problems.push(...sessionIdProblems(input.sessionId ?? ''));
  problems.push(...(input.flagIssues ?? []));
  const kind = BODY_KIND[input.operation];
  if (kind) {
    const flavour = input.operation === 'listProfiles' ? 'v1' : input.flavour;
    const result = validateRequest(flavour, kind, input.body, { allowLoopbackHttpSink: input.allowLoopbackHttpSink });
    const explained = new Set((input.flagIssues ?? []).map((i) => FIELD_OF_FLAG[i.path]));
    if (!result.ok) problems.push(...result.issues.filter((i) => !explained.has(i.path)));
  }
  return problems;
}

/** Throws every problem at once (exit 2, "the request was not sent"), or returns when there is none. */
export function checkInput(input: CommandInput | undefined, signInProblems: FieldIssue[]): void {
  const problems = [...signInProblems, ...(input ? inputProblems(input) : [])];
  if (problems.length > 0) throw new QodValidationError(problems);
}

/**
 * The `--hint` a sign-in would send as login_hint, in CAMARA's forms (tel:+…, ipport:…, operatortoken:…).
 * `required`: the sign-in needs one and the environment has none (CIBA), so a missing --hint is a problem too.
 */
export function hintProblems(hint: string | undefined, required = false): FieldIssue[] {
  if (hint === undefined) {
    const rule = '--ciba needs a login hint: tel:+… or ipport:…';
    return required ? [{ path: '--hint', rule, message: `--hint: ${rule}` }] : [];
  }
  const parsed = parseLoginHint(hint.trim());
  return parsed.ok ? [] : [{ path: '--hint', rule: parsed.error, value: hint, message: `--hint: ${parsed.error}` }];
}

function sessionIdProblems(id: string): FieldIssue[] {
  try {
    checkSessionId(id);
    return [];
  } catch (error) {
    if (error instanceof QodValidationError) return error.issues;
    throw error;
  }
}

/** A flag's problem, worded like a field's: `--seconds: must be a whole number ≥ 1 (got 0)`. */
export function flagIssue(flag: string, rule: string, got: string | undefined): FieldIssue {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got.length > 40 ? `${got.slice(0, 40)}…` : got);
  return { path: flag, rule, value: got, message: `${flag}: ${rule} (got ${shown})` };
}
