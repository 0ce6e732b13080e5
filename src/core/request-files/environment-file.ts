// Variable environments for request files, in the convention JetBrains, httpYac and Visual Studio share: an
// `http-client.env.json` beside the files, `{ "<environment>": { "<name>": "<value>" }, "$shared": { … } }`. The
// values of `$shared` hold in every environment; the chosen environment's override them; a file's own `@name =`
// lines override both (as in REST Client and httpYac). The file goes into git like the requests, so a credential
// is refused here too (by name, never echoed); `http-client.private.env.json` is not read: the sign-in is how
// credentials reach a request. Pure and total: hostile input gives problems, never a throw.
import { isSecretName } from '../http/redact';
import type { Variable } from './model';

export const ENVIRONMENT_FILE = 'http-client.env.json';
const SHARED = '$shared';
/** Bounds on hostile input: environments, variables in one, a value's length, the file's size. */
const MAX_ENVIRONMENTS = 100;
const MAX_VARIABLES = 500;
const MAX_VALUE = 10_000;
const MAX_TEXT = 1_000_000;
const NAME = /^[A-Za-z_$][\w.$-]{0,99}$/;

export interface EnvironmentFile {
  /** Each environment's variables (`$shared` among them), in the file's order. */
  environments: Map<string, Map<string, string>>;
  /** What was not taken, in words: each names the environment and the variable. */
  problems: string[];
}

export function parseEnvironmentFile(text: string): EnvironmentFile {
  const environments = new Map<string, Map<string, string>>();
  const problems: string[] = [];
  if (typeof text !== 'string' || text.length > MAX_TEXT) {
    return { environments, problems: [`${ENVIRONMENT_FILE} is larger than ${MAX_TEXT / 1_000_000} MB`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { environments, problems: [`${ENVIRONMENT_FILE} is not valid JSON: ${(error as Error).message.slice(0, 200)}`] };
  }
  if (!isObject(json)) return { environments, problems: [`${ENVIRONMENT_FILE} must be an object of environments`] };
  for (const [name, values] of Object.entries(json).slice(0, MAX_ENVIRONMENTS)) {
    const where = `environment "${clip(name)}"`;
    if (!isObject(values)) {
      problems.push(`${where} must be an object of variables`);
      continue;
    }
    const variables = new Map<string, string>();
    for (const [key, value] of Object.entries(values).slice(0, MAX_VARIABLES)) {
      if (!NAME.test(key)) problems.push(`${where}: "${clip(key)}" is not a variable name (letters, digits, _ . $ -)`);
      else if (isSecretName(key)) problems.push(`${where}: ${key} looks like a credential: keep it out of ${ENVIRONMENT_FILE}`);
      else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        problems.push(`${where}: ${key} must be a string, a number or a boolean`);
      else if (String(value).length > MAX_VALUE) problems.push(`${where}: ${key} is longer than ${MAX_VALUE} characters`);
      else variables.set(key, String(value));
    }
    environments.set(name, variables);
  }
  return { environments, problems };
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text).replace(/[\r\n]+/g, ' ');
