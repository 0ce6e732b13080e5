// Variable environments for request files, in the convention JetBrains, httpYac and Visual Studio share: an
// `http-client.env.json` beside the files, `{ "<environment>": { "<name>": "<value>" }, "$shared": { … } }`. The
// values of `$shared` hold in every environment; the chosen environment's override them; a file's own `@name =`
// lines override both (as in REST Client and httpYac). The file goes into git like the requests, so a credential
// is refused here too (by name or by its value's shape, never echoed); `http-client.private.env.json` is not read:
// the sign-in is how credentials reach a request. Those tools' object values (JetBrains' `Security` block) are
// skipped with a note, and a problem in an environment nobody chose does not stop a run. Pure and total: hostile
// input gives problems, never a throw.
import { isSecretName } from '../http/redact';
import { jsonErrorPosition } from './json-position';
import type { Variable } from './model';
import { literalCredentialIn } from './secrets';

export const ENVIRONMENT_FILE = 'http-client.env.json';
const SHARED = '$shared';
/** Bounds on hostile input: environments, variables in one, a value's length, the file's size, folders searched. */
const MAX_ENVIRONMENTS = 100;
const MAX_VARIABLES = 500;
const MAX_VALUE = 10_000;
const MAX_TEXT = 1_000_000;
const MAX_DEPTH = 8;
const NAME = /^[A-Za-z_$][\w.$-]{0,99}$/;
/** `create.response.body.id` is how a request names another's answer: a variable cannot take that shape. */
export const REFERENCE_SHAPE = /^[A-Za-z_][\w-]*\.(response|request)\./;

export interface EnvironmentFile {
  /** Each environment's variables (`$shared` among them), in the file's order. */
  environments: Map<string, Map<string, string>>;
  /** Problems that stop any run: the file itself, or a credential anywhere in it (never echoed). */
  problems: string[];
  /** Problems inside one environment, by its name: they stop a run that uses it (`$shared`'s stop every run). */
  problemsIn: Map<string, string[]>;
  /** What was left out, not an error: another tool's object values, what passed the bounds. */
  notes: string[];
}

export function parseEnvironmentFile(text: string): EnvironmentFile {
  const file: EnvironmentFile = { environments: new Map(), problems: [], problemsIn: new Map(), notes: [] };
  if (typeof text !== 'string' || text.length > MAX_TEXT) {
    file.problems.push(`${ENVIRONMENT_FILE} is larger than ${MAX_TEXT / 1_000_000} MB`);
    return file;
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    // V8's message quotes the file's bytes (a value could be a token): the position only.
    file.problems.push(`${ENVIRONMENT_FILE} is not valid JSON at ${jsonErrorPosition(source)}`);
    return file;
  }
  if (!isObject(json)) {
    file.problems.push(`${ENVIRONMENT_FILE} must be an object of environments`);
    return file;
  }
  const entries = Object.entries(json);
  if (entries.length > MAX_ENVIRONMENTS) file.notes.push(`only the first ${MAX_ENVIRONMENTS} of ${entries.length} environments were read`);
  for (const [name, values] of entries.slice(0, MAX_ENVIRONMENTS)) {
    const where = `environment "${clip(name)}"`;
    const problems: string[] = [];
    file.problemsIn.set(name, problems);
    if (!isObject(values)) {
      problems.push(`${where} must be an object of variables`);
      continue;
    }
    const variables = new Map<string, string>();
    const pairs = Object.entries(values);
    if (pairs.length > MAX_VARIABLES) file.notes.push(`${where}: only the first ${MAX_VARIABLES} of ${pairs.length} variables were read`);
    for (const [key, value] of pairs.slice(0, MAX_VARIABLES)) {
      const credential = typeof value === 'string' ? literalCredentialIn(value) : undefined;
      if (!NAME.test(key)) problems.push(`${where}: "${clip(key)}" is not a variable name (letters, digits, _ . $ -)`);
      else if (isSecretName(key)) file.problems.push(`${where}: ${key} looks like a credential: keep it out of ${ENVIRONMENT_FILE}`);
      else if (credential) file.problems.push(`${where}: ${key} holds ${credential}: keep it out of ${ENVIRONMENT_FILE}`);
      else if (REFERENCE_SHAPE.test(key)) problems.push(`${where}: ${key} is shaped like a named answer (name.response.…): rename it`);
      else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        file.notes.push(`${where}: ${key} is skipped (an object or list: another tool's setting, not a variable)`);
      else if (String(value).length > MAX_VALUE) problems.push(`${where}: ${key} is longer than ${MAX_VALUE} characters`);
      else variables.set(key, String(value));
    }
    file.environments.set(name, variables);
  }
  return file;
}

/** The problems that stop a run using environment `name` (or none): the file's, `$shared`'s and that environment's. */
export function problemsFor(file: EnvironmentFile, name: string | undefined): string[] {
  return [...file.problems, ...(file.problemsIn.get(SHARED) ?? []), ...((name !== undefined && file.problemsIn.get(name)) || [])];
}

/** The variables of `name` (with `$shared`'s), as a file's own would be; an unknown name says which there are. */
export function environmentVariables(file: EnvironmentFile, name: string | undefined): Variable[] {
  if (name !== undefined && (name === SHARED || !file.environments.has(name))) {
    const known = [...file.environments.keys()].filter((n) => n !== SHARED);
    const offered = known.length ? `: it has ${known.map((n) => `"${clip(n)}"`).join(', ')}` : ': it has none';
    throw new Error(`No environment "${clip(name)}" in ${ENVIRONMENT_FILE}${offered}`);
  }
  const merged = new Map([...(file.environments.get(SHARED) ?? []), ...((name && file.environments.get(name)) || [])]);
  // Line 0: not a line of the request file (a message about the variable names the environment file instead).
  return [...merged].map(([variable, value]) => ({ name: variable, value, line: 0 }));
}

/** A line of the environment file and what is wrong there, for the editor ("a file holding a credential is flagged"). */
export interface EnvironmentFileFinding {
  /** 1-based. */
  line: number;
  message: string;
  /** A problem stops runs (an error); a note says what is skipped (information). */
  severity: 'error' | 'info';
}

/** parseEnvironmentFile's problems and notes, each at the line of the name it is about (else the first line). */
export function environmentFileFindings(text: string): EnvironmentFileFinding[] {
  const file = parseEnvironmentFile(text);
  const lines = typeof text === 'string' ? text.split(/\r\n|\r|\n/) : [];
  const lineOf = (message: string): number => {
    const json = /not valid JSON at line (\d+)/.exec(message);
    if (json) return Number(json[1]);
    const named = /: (?:"(.+)" is not a variable name|(\S+) (?:looks like|holds|is shaped|is longer|is skipped))/.exec(message);
    const name = named?.[1] ?? named?.[2] ?? /^environment "(.+?)"/.exec(message)?.[1];
    const at = name === undefined ? -1 : lines.findIndex((l) => l.includes(JSON.stringify(name)));
    return at + 1 || 1;
  };
  const problems = [...file.problems, ...[...file.problemsIn.values()].flat()];
  return [
    ...problems.map((message) => ({ line: lineOf(message), message, severity: 'error' as const })),
    ...file.notes.map((message) => ({ line: lineOf(message), message, severity: 'info' as const })),
  ];
}

/** The path operations the search needs: node:path (the CLI) or node:path's posix (VS Code URIs' paths). */
export interface PathOps {
  dirname(path: string): string;
  join(...parts: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
}

export interface FoundEnvironment {
  /** The file read, or nothing when there is none. */
  path?: string;
  variables: Variable[];
  /** Problems that stop the run, each naming the file. */
  problems: string[];
  notes: string[];
}

/**
 * The one search for a request file's environment file, for the CLI and the editor alike: the folder `start`, then
 * each folder above it up to `top` (the working directory, the workspace folder), at most MAX_DEPTH folders up; a
 * `start` outside `top` (or no `top`) looks in its own folder only. `read` answers a file's text or nothing.
 * `name` is the environment asked for: naming one with no file, or a file with problems for it, is a problem.
 */
export async function findEnvironmentFile(
  start: string,
  top: string | undefined,
  name: string | undefined,
  read: (path: string) => Promise<string | undefined>,
  paths: PathOps,
): Promise<FoundEnvironment> {
  const inside = (dir: string): boolean => {
    if (top === undefined) return false;
    const rel = paths.relative(top, dir);
    return rel === '' || (!rel.startsWith('..') && !paths.isAbsolute(rel));
  };
  const walk = inside(start);
  let dir = start;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const candidate = paths.join(dir, ENVIRONMENT_FILE);
    const text = await read(candidate);
    if (text !== undefined) {
      const file = parseEnvironmentFile(text);
      const notes = file.notes.map((n) => `${candidate}: ${n}`);
      const problems = problemsFor(file, name);
      if (problems.length) return { path: candidate, variables: [], problems: problems.map((p) => `${candidate}: ${p}`), notes };
      try {
        return { path: candidate, variables: environmentVariables(file, name), problems: [], notes };
      } catch (error) {
        return { path: candidate, variables: [], problems: [`${candidate}: ${(error as Error).message}`], notes };
      }
    }
    const parent = paths.dirname(dir);
    if (!walk || paths.relative(top as string, dir) === '' || parent === dir || !inside(parent)) break;
    dir = parent;
  }
  const missing = `the environment "${clip(name ?? '')}" was asked for, but there is no ${ENVIRONMENT_FILE} beside the file or above it`;
  return { variables: [], problems: name === undefined ? [] : [missing], notes: [] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text).replace(/[\r\n]+/g, ' ');
