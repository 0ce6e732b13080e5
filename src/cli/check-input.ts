// What a `qod` command would send, checked whole before it signs in: the README promises that invalid input is
// "checked before any network call; nothing was sent" (exit 2). Every problem is reported at once, as the
// playground shows them, not just the first. The rules are the core's (the session id, each flavour's request
// schemas, the operation table); this file only gathers them for the command line's flags.
import { parseLoginHint } from '../core/auth/login-hint';
import { QodValidationError } from '../core/camara/qod-client';
import { checkRequest } from '../core/camara/request-check';
import type { Flavour } from '../core/camara/flavour';
import type { FieldIssue } from '../core/camara/validate';
import type { TableEntry } from '../core/operations';

export interface CommandInput {
  operation: TableEntry;
  flavour: Flavour;
  /** The session's (or assignment's) id, for the operations that take one. */
  id?: string;
  /** The body as it would be sent (for listProfiles: the filter). */
  body?: unknown;
  /** Problems with flags found while building the body (`--seconds`, `--duration`), each naming its flag. */
  flagIssues?: FieldIssue[];
  allowLoopbackHttpSink?: boolean;
}

/** The body field each such flag fills: its problem is said once, by the flag the user typed. */
const FIELD_OF_FLAG: Record<string, string> = { '--duration': 'duration', '--seconds': 'requestedAdditionalDuration' };

/** Every problem with the input, in the order a reader meets them: operation, id, flags, body (the core's rules). */
export function inputProblems(input: CommandInput): FieldIssue[] {
  const checked = checkRequest(input.operation, input.flavour, input, { allowLoopbackHttpSink: input.allowLoopbackHttpSink });
  const flagIssues = input.flagIssues ?? [];
  const found = checked.ok ? [] : checked.issues;
  if (found[0]?.path === '(operation)')
    return [{ ...found[0], rule: `${found[0].rule}: choose another --flavour`, message: `${found[0].message}: choose another --flavour` }];
  const explained = new Set(flagIssues.map((i) => FIELD_OF_FLAG[i.path]));
  const isId = (i: FieldIssue) => i.path === 'sessionId' || i.path === 'assignmentId';
  const idIssues = found.filter(isId);
  const bodyIssues = found.filter((i) => !isId(i) && !explained.has(i.path));
  return [...idIssues, ...flagIssues, ...bodyIssues];
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

/** A flag's problem, worded like a field's: `--seconds: must be a whole number ≥ 1 (got 0)`. */
export function flagIssue(flag: string, rule: string, got: string | undefined): FieldIssue {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got.length > 40 ? `${got.slice(0, 40)}…` : got);
  return { path: flag, rule, value: got, message: `${flag}: ${rule} (got ${shown})` };
}
