// What the editor shows under a request file before anything is sent: the parser's problems, and each request
// checked by the core's rules (checkRequest) in the active flavour — the operation is part of the flavour, the
// body passes its schema. Placeholders are not resolved here (their values come from a run): a placeholder in a
// JSON string is left as written and a field holding one is not judged; a body with a placeholder outside a string
// (`"duration": {{d}}`) is not checked at all, so nothing is flagged that a run could make right.
import { checkRequest } from '../camara/request-check';
import type { Flavour } from '../camara/flavour';
import type { ValidateOptions } from '../camara/validate';
import { OPERATION_TABLE, operationForRequest, type OperationTable, type Route } from '../operations';
import { isWholePath, noOperationWords } from './route-words';
import type { FileRequest, Line, RequestFile } from './model';
import { jsonErrorPosition } from './json-position';

export interface FileProblem {
  line: Line;
  message: string;
  severity: 'error' | 'warning';
}

/** A session id that passes the UUID rule, standing for a `{{…}}` placeholder in the URL's path. */
const SESSION_ID_STAND_IN = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function requestFileProblems(
  file: RequestFile,
  flavour: Flavour,
  table: OperationTable = OPERATION_TABLE,
  options: ValidateOptions = {},
): FileProblem[] {
  const problems: FileProblem[] = file.problems.map((p) => ({ line: p.line, message: p.message, severity: 'error' }));
  for (const request of file.requests) {
    try {
      problems.push(...requestProblems(request, flavour, table, options));
    } catch {
      // A diagnostic never breaks the editor: a request that cannot be judged shows nothing.
    }
  }
  return problems;
}

function requestProblems(request: FileRequest, flavour: Flavour, table: OperationTable, options: ValidateOptions): FileProblem[] {
  const named = operationOf(request, flavour, table);
  if (named === undefined) return [];
  if ('unknown' in named) return [{ line: request.line, message: named.unknown, severity: 'warning' }];
  const { spec, id } = named;
  let body: unknown;
  const bodyText = request.body?.trim() ? request.body : undefined;
  if (bodyText !== undefined) {
    // A placeholder where a number or an object goes has no value to check until it is sent.
    if (placeholderOutsideString(bodyText)) return spec.routes[flavour] ? [] : flavourProblem(request, spec, flavour);
    try {
      body = JSON.parse(bodyText);
    } catch {
      // V8's message quotes the body: the position only.
      const message = `The body is not valid JSON at ${jsonErrorPosition(bodyText)} of the body`;
      return [{ line: request.bodyLine ?? request.line, message, severity: 'error' }];
    }
  }
  const checked = checkRequest(spec, flavour, { ...(id === undefined ? {} : { id }), body }, options);
  if (checked.ok) return [];
  return checked.issues
    .filter((issue) => !(typeof issue.value === 'string' && issue.value.includes('{{')))
    .map((issue) => ({ line: issueLine(request, issue.path), message: issue.message, severity: 'error' as const }));
}

function flavourProblem(request: FileRequest, spec: { title: string; flavours: readonly Flavour[] }, flavour: Flavour): FileProblem[] {
  const message = `${spec.title}: is not part of QoD ${flavour} (only ${spec.flavours.join(', ')})`;
  return [{ line: request.line, message, severity: 'error' }];
}

type Named = { spec: OperationTable[string]; id?: string } | { unknown: string };

/**
 * The operation a request's URL names, as run.ts finds it, with `{{$qod.sessions}}`/`{{$qod.profiles}}` as the
 * environment's bases. A URL under neither base names no QoD operation we can judge: nothing is said.
 */
function operationOf(request: FileRequest, flavour: Flavour, table: OperationTable): Named | undefined {
  const prefix = /^\{\{\s*\$qod\.(sessions|profiles|provisioning)\s*\}\}/.exec(request.url);
  if (!prefix) return undefined;
  const base = prefix[1] as Route['base'];
  const rest = request.url.slice(prefix[0].length).split('?')[0]!.replace(/\/+$/, '');
  const hasPlaceholder = rest.includes('{{');
  const path = rest.replace(PLACEHOLDER, 'x');
  const found = operationForRequest(table, request.method, path, flavour);
  const route = found?.spec.routes[flavour] ?? (found ? found.spec.http(found.flavour) : undefined);
  if (!found || !route || route.base !== base || !isWholePath(route, path)) {
    return { unknown: noOperationWords(table, flavour, request.method, rest) };
  }
  if (found.id === undefined) return { spec: found.spec };
  return { spec: found.spec, id: hasPlaceholder ? SESSION_ID_STAND_IN : found.id };
}

/** Whether a `{{…}}` placeholder stands outside a JSON string (where it is not JSON until resolved). */
function placeholderOutsideString(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && text[i + 1] === '{') return true;
  }
  return false;
}

/** The line of the body where the field's key is written (its last path segment), else the body's first line. */
function issueLine(request: FileRequest, path: string): Line {
  if (path === '(operation)' || request.bodyLine === undefined || request.body === undefined) return request.line;
  if (path === 'sessionId' || path === 'assignmentId') return request.line;
  const key = path
    .split(/[.[\]]/)
    .filter(Boolean)
    .at(-1);
  const index = key === undefined ? -1 : request.body.split('\n').findIndex((l) => l.includes(`"${key}"`));
  return request.bodyLine + Math.max(index, 0);
}
