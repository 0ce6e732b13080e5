// A request file's assertions checked against one answer (httpYac's subjects and operators): expected vs actual in
// words, at the assertion's line. Pure; the runner (run.ts) sends, this file judges.
import type { Assertion } from './model';
import type { AssertionResult, RequestResult } from './results';

/** One answer as the assertions read it (or why there is none). */
export interface Sent {
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
  durationMs: number;
  exchange?: RequestResult['exchange'];
  /** Why there is no (good) answer: a problem's message, never a stack trace or a secret. */
  error?: string;
  /** The core refused the input (QodValidationError): nothing left the machine. */
  notSent?: boolean;
  cancelled?: boolean;
}

/** Paths already split into keys (a file checks the same paths again and again). */
const PATHS = new Map<string, string[]>();

/** A dotted path into JSON (`device.phoneNumber`, `sessions.0.id`, `items[0].id`); undefined when absent. */
export function valueAt(value: unknown, path: string): unknown {
  let here = value;
  let keys = PATHS.get(path);
  if (!keys) {
    keys = path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean);
    if (PATHS.size < 1000) PATHS.set(path, keys);
  }
  for (const key of keys) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

/** One assertion against one answer: expected vs actual in words, at the assertion's line. */
export function check(assertion: Assertion, expected: string | undefined, answer: Sent): AssertionResult {
  const actual = subjectOf(assertion, answer);
  const ok = answer.status !== undefined && holds(assertion.operator, actual, expected);
  const shown = answer.status === undefined ? `no answer (${answer.error ?? 'not sent'})` : words(actual);
  const what = `${assertion.subject}${assertion.path ? ` ${assertion.path}` : ''}`;
  const message = ok
    ? `${what} ${assertion.operator}${expected === undefined ? '' : ` ${expected}`}`
    : `${what}: expected ${assertion.operator}${expected === undefined ? '' : ` ${expected}`}, got ${shown}` +
      (assertion.eventually ? ` (still, after ${Math.round(assertion.eventually.withinMs / 1000)} s)` : '');
  return { assertion, ok, actual: shown, message };
}

function subjectOf(assertion: Assertion, answer: Sent): unknown {
  switch (assertion.subject) {
    case 'status':
      return answer.status;
    case 'duration':
      return answer.durationMs;
    case 'header':
      return answer.headers[(assertion.path ?? '').toLowerCase()];
    case 'body':
      return assertion.path === undefined ? answer.body : valueAt(answer.body, assertion.path);
  }
}

function words(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** httpYac's operators; numbers compared as numbers, `"x"` and x alike for strings. */
function holds(operator: Assertion['operator'], actual: unknown, expectedText: string | undefined): boolean {
  const expected = expectedText === undefined ? undefined : unquote(expectedText);
  const asText = typeof actual === 'string' ? actual : actual === undefined ? '' : JSON.stringify(actual);
  const numeric = typeof actual === 'number' && expected !== undefined && expected.trim() !== '' && Number.isFinite(Number(expected));
  switch (operator) {
    case '==':
      return numeric ? actual === Number(expected) : actual !== undefined && asText === expected;
    case '!=':
      return numeric ? actual !== Number(expected) : actual === undefined || asText !== expected;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const a = Number(actual);
      const b = Number(expected);
      if (typeof actual !== 'number' && typeof actual !== 'string') return false;
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
    }
    case 'includes':
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((item) => (typeof item === 'string' ? item : JSON.stringify(item)) === expected)
        : actual !== undefined && asText.includes(expected ?? '');
    case 'startsWith':
      return actual !== undefined && asText.startsWith(expected ?? '');
    case 'endsWith':
      return actual !== undefined && asText.endsWith(expected ?? '');
    case 'matches':
      return actual !== undefined && matches(asText, expected ?? '');
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'isFalse':
      return actual === false;
    case 'isTrue':
      return actual === true;
    case 'isNumber':
      return typeof actual === 'number';
    case 'isString':
      return typeof actual === 'string';
    case 'isBoolean':
      return typeof actual === 'boolean';
    case 'isArray':
      return Array.isArray(actual);
  }
}

function unquote(text: string): string {
  return text.length >= 2 && /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/** `matches` takes a regular expression; one that does not compile never holds (the message says what came back). */
function matches(text: string, pattern: string): boolean {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  try {
    return new RegExp(literal ? (literal[1] as string) : pattern, literal ? literal[2] : undefined).test(text.slice(0, 100_000));
  } catch {
    return false;
  }
}
