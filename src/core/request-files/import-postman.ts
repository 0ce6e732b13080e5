// A Postman collection (v2.1, what operators publish) as request files: one file per folder (the top-level
// requests in `<collection>.http`), a `### name` block per request, Postman's `{{var}}` kept as is (the same
// syntax), a URL naming a QoD operation rewritten onto `{{$qod.sessions}}` / `{{$qod.profiles}}`, the collection's
// client auth replaced by a `# @qod sign-in` line. Nothing secret is carried over: credential headers and
// secret-looking variables are left out, and every file is checked by secretsInFile before it is returned.
// Scripts are not run here, so they are reported, not imported. Postman environments become one
// `http-client.env.json` (environment-file.ts); a collection variable an environment also sets goes into its `$shared`
// (a file's own `@name =` line would hide the environment's), so `$shared` < environment is Postman's collection <
// environment. Pure and total: hostile input gives a report.
import type { Flavour } from '../camara/flavour';
import { isSecretName } from '../http/redact';
import { operationForRequest, successStatus, type OperationTable } from '../operations';
import { ENVIRONMENT_FILE, parseEnvironmentFile } from './environment-file';
import { literalCredentialIn, secretsInFile } from './secrets';

export interface ImportResult {
  files: Array<{ path: string; text: string }>;
  report: string[];
}

/** Bounds on hostile input: requests imported, folder depth followed, a file name's length, a value's length. */
const MAX_REQUESTS = 1000;
const MAX_DEPTH = 8;
const MAX_NAME = 60;
const MAX_VALUE = 2000;
const MAX_BODY = 64 * 1024;
const MAX_ENVIRONMENTS = 20;
const SHARED = '$shared';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
/** A variable's value as text: Postman keeps booleans as booleans; anything else (an object) is empty. */
const scalar = (v: unknown): string => (typeof v === 'boolean' ? String(v) : (str(v) ?? ''));
/** One line of text (no line break can start a new request or header), bounded. */
const oneLine = (v: string): string => v.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, MAX_VALUE);

interface Item {
  name: string;
  request: Json;
  scripts: string[];
}

interface Folder {
  name: string;
  variables: Json[];
  items: Item[];
}

export function importPostman(collection: unknown, table: OperationTable, flavour?: Flavour, environments: unknown[] = []): ImportResult {
  const report: string[] = [];
  if (!isObject(collection) || !isObject(collection.info) || !Array.isArray(collection.item)) {
    return { files: [], report: ['not a Postman collection v2.1: expected an object with "info" and an "item" list'] };
  }
  const schema = str(collection.info.schema) ?? '';
  if (schema && !schema.includes('v2.1')) report.push(`the collection's schema is ${oneLine(schema).slice(0, 120)}: read as v2.1`);
  const collectionName = str(collection.info.name) ?? 'collection';

  // Folders flattened: a sub-folder's requests go to their own file, named after the path of folders.
  const folders: Folder[] = [{ name: collectionName, variables: list(collection.variable).filter(isObject), items: [] }];
  let count = 0;
  let dropped = 0;
  const walk = (items: unknown[], folder: Folder, path: string, depth: number) => {
    for (const entry of items) {
      if (!isObject(entry)) continue;
      const name = oneLine(str(entry.name) ?? 'request');
      if (Array.isArray(entry.item)) {
        if (depth >= MAX_DEPTH) {
          report.push(`not imported: folder "${name}" is nested deeper than ${MAX_DEPTH} levels`);
          continue;
        }
        const child: Folder = { name: path ? `${path} ${name}` : name, variables: list(entry.variable).filter(isObject), items: [] };
        folders.push(child);
        scriptsOf(entry, `folder "${name}"`, report);
        walk(entry.item, child, child.name, depth + 1);
      } else if (isObject(entry.request) || typeof entry.request === 'string') {
        if (count >= MAX_REQUESTS) {
          dropped++;
          continue;
        }
        count++;
        const request = typeof entry.request === 'string' ? { method: 'GET', url: entry.request } : entry.request;
        folder.items.push({ name, request, scripts: scriptsOf(entry, `"${name}"`, report) });
      }
    }
  };
  walk(collection.item, folders[0] as Folder, '', 0);
  if (dropped) report.push(`not imported: ${dropped} request(s) beyond the first ${MAX_REQUESTS}`);

  const values = new Map<string, string>();
  for (const v of folders.flatMap((f) => f.variables)) {
    const key = str(v.key);
    const value = str(v.value);
    if (key && value !== undefined) values.set(key, value);
  }
  // The login hint may name an environment's value (`tel:{{enduser-identifier}}`): the first environment's wins over
  // the collection's, as in Postman with that environment chosen. Only the sign-in line reads these.
  const signIn = signInOf(collection, folders, new Map([...values, ...firstEnvironmentValues(environments)]), report);
  const environmentFile = environmentsFile(environments, folders[0]!.variables, report);

  const files: ImportResult['files'] = [];
  const names = new Set<string>();
  folders.forEach((folder, index) => {
    const lines: string[] = [];
    if (index === 0) lines.push(`# Imported from the Postman collection "${collectionName}".`);
    else lines.push(`# Imported from the folder "${folder.name}" of the Postman collection "${collectionName}".`);
    if (signIn) lines.push(signIn.line);
    const variables = index === 0 ? folder.variables : [...folders[0]!.variables, ...folder.variables];
    lines.push(...variableLines(variables, report, environmentFile?.names ?? new Set()));
    lines.push('');
    let requests = 0;
    const creates: Create[] = [];
    const deletes: string[][] = [];
    for (const item of folder.items) {
      const block = requestBlock(item, table, flavour, signIn, creates, report);
      if (!block) continue;
      requests++;
      // A collection is a set, a file runs in order: deleting the created session goes after what reads it.
      if (block.operation === 'deleteSession' && creates.length) deletes.push(block.lines);
      else lines.push(...block.lines, '');
    }
    for (const block of deletes) lines.push(...block, '');
    if (deletes.length && folder.items.length > deletes.length) {
      report.push(`"${folder.name}": the delete request(s) run last, after the requests that read the created session`);
    }
    if (requests === 0) return;
    const path = uniqueName(slug(folder.name), names);
    files.push(cleaned(path, lines.join('\n'), report));
  });
  if (files.length === 0) report.push('no request was imported');
  else if (environmentFile) files.push({ path: ENVIRONMENT_FILE, text: environmentFile.text });
  // A variable shared by every file is reported once.
  return { files, report: [...new Set(report)] };
}

/** The scripts of an item, reported (and returned, for the comment in the file): Postman JavaScript is not run here. */
function scriptsOf(entry: Json, what: string, report: string[]): string[] {
  const kinds: string[] = [];
  for (const event of list(entry.event)) {
    if (!isObject(event)) continue;
    const listen = str(event.listen);
    const kind = listen === 'prerequest' ? 'pre-request script' : listen === 'test' ? 'test script' : 'script';
    kinds.push(kind);
    report.push(`not imported: ${what} ${kind}`);
  }
  return kinds;
}

interface SignIn {
  line: string;
  flow: 'ciba' | 'client_credentials';
}

/** The collection's client auth and its OAuth requests become one sign-in line; the credentials are never copied. */
/** The enabled, non-secret values of the first Postman environment given, as the sign-in line may read them. */
function firstEnvironmentValues(environments: unknown[]): Array<[string, string]> {
  const first = environments[0];
  if (!isObject(first) || !Array.isArray(first.values)) return [];
  return first.values
    .filter(isObject)
    .filter((v) => v.enabled !== false && str(v.type) !== 'secret' && str(v.key) && !isSecretName(str(v.key) as string))
    .map((v) => [str(v.key) as string, oneLine(str(v.value) ?? '')]);
}

function signInOf(collection: Json, folders: Folder[], values: Map<string, string>, report: string[]): SignIn | undefined {
  const auths = [collection.auth, ...folders.flatMap((f) => f.items.map((i) => i.request.auth))].filter(isObject);
  const kinds = new Set(auths.map((a) => str(a.type)).filter((t): t is string => !!t && t !== 'noauth'));
  const bcAuthorize = folders.flatMap((f) => f.items).find((i) => /bc-authorize/i.test(urlText(i.request.url)));
  if (kinds.size === 0 && !bcAuthorize) return undefined;
  let hint: string | undefined;
  if (bcAuthorize) {
    const pair = list(isObject(bcAuthorize.request.body) ? bcAuthorize.request.body.urlencoded : undefined)
      .filter(isObject)
      .find((p) => str(p.key) === 'login_hint');
    const raw = pair ? str(pair.value) : undefined;
    const resolved = raw?.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => values.get(name) ?? whole);
    if (resolved && /^(tel:\+\d{6,15}|ipport:[0-9A-Fa-f.:[\]]{3,60})$/.test(resolved)) hint = resolved;
  }
  const flow = bcAuthorize ? 'ciba' : 'client_credentials';
  const what = [...kinds].map((k) => oneLine(k).slice(0, 20)).join(', ') || 'CIBA requests';
  report.push(
    `sign-in: the collection's ${what} auth became "# @qod sign-in ${flow}"; its credentials were not copied: ` +
      'set them with QoD: Set Client Secret (or QOD_CLIENT_SECRET in CI)',
  );
  if (flow === 'ciba' && !hint) report.push('sign-in: no login hint found in the bc-authorize request: add one to the sign-in line');
  return { line: `# @qod sign-in ${flow}${hint ? ` ${hint}` : ''}`, flow };
}

/**
 * Postman environments (`{ name, values: [{ key, value, enabled, type }] }`) as one environment file: disabled and
 * secret values left out (reported by name, never echoed), the result read back by the environment file's own parser
 * (which refuses a credential by name or by its value's shape). A collection variable an environment also sets goes
 * into `$shared` (a request file's `@name =` line would hide the environment's): `$shared` < the chosen environment
 * is Postman's collection < environment, and with no environment or one without it the collection's value holds.
 * Answers the text and the names `$shared` took, or nothing when no environment was given.
 */
function environmentsFile(
  environments: unknown[],
  collectionVariables: Json[],
  report: string[],
): { text: string; names: Set<string> } | undefined {
  // A Map, not an object: an environment named "__proto__" is an environment.
  const out = new Map<string, Map<string, string>>();
  const beyond = environments.length - MAX_ENVIRONMENTS;
  if (beyond > 0) report.push(`not imported: ${beyond} environment(s) beyond the first ${MAX_ENVIRONMENTS}`);
  for (const environment of environments.slice(0, MAX_ENVIRONMENTS)) {
    if (!isObject(environment) || !Array.isArray(environment.values)) {
      report.push('not imported: an environment that is not a Postman environment (expected "name" and a "values" list)');
      continue;
    }
    let name = oneLine(str(environment.name) ?? 'environment').slice(0, MAX_NAME) || 'environment';
    for (let n = 2; out.has(name) || name === SHARED; n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
    const values = new Map<string, string>();
    for (const v of environment.values.filter(isObject)) {
      const key = str(v.key);
      if (!key || v.enabled === false) continue;
      const value = oneLine(scalar(v.value));
      const byName = str(v.type) === 'secret' || isSecretName(key);
      const credential = literalCredentialIn(value);
      if (byName || credential) {
        const why = byName ? 'looks like a credential' : `holds ${credential}`;
        report.push(`not imported: environment "${name}" variable ${oneLine(key).slice(0, 40)} ${why}: the sign-in replaces it`);
        continue;
      }
      values.set(key, value);
    }
    out.set(name, values);
  }
  if (out.size === 0) return undefined;
  const set = new Set([...out.values()].flatMap((v) => [...v.keys()]));
  const shared = new Map<string, string>();
  for (const v of collectionVariables) {
    const key = str(v.key);
    if (!key || !set.has(key) || shared.has(key) || isSecretName(key) || str(v.type) === 'secret') continue;
    const value = oneLine(scalar(v.value));
    if (literalCredentialIn(value)) continue; // reported by variableLines, by name
    shared.set(key, value);
    report.push(
      `variable ${key}: the collection's value went to ${SHARED} in ${ENVIRONMENT_FILE}, under the environments' (as in Postman)`,
    );
  }
  const plain = (m: Map<string, Map<string, string>>) =>
    JSON.stringify(Object.fromEntries([...m].map(([n, v]) => [n, Object.fromEntries(v)])), null, 2);
  const read = parseEnvironmentFile(plain(shared.size ? new Map([[SHARED, shared], ...out]) : out));
  for (const problem of [...read.problems, ...[...read.problemsIn.values()].flat(), ...read.notes]) report.push(`not imported: ${problem}`);
  report.push(`environments: ${[...out.keys()].map((n) => `"${n}"`).join(', ')} → ${ENVIRONMENT_FILE} (choose one with --variables)`);
  return { text: `${plain(read.environments)}\n`, names: new Set(read.environments.get(SHARED)?.keys() ?? []) };
}

function variableLines(variables: Json[], report: string[], inShared: Set<string>): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const v of variables) {
    const key = str(v.key);
    if (!key || !/^[A-Za-z_$][\w.$-]{0,99}$/.test(key)) {
      if (key !== undefined) report.push(`not imported: variable "${oneLine(key).slice(0, 40)}" (not a name a request file can hold)`);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    if (inShared.has(key)) continue;
    const value = oneLine(scalar(v.value));
    const byName = isSecretName(key) || str(v.type) === 'secret';
    const credential = literalCredentialIn(value);
    if (byName || credential) {
      report.push(`not imported: variable ${key} ${byName ? 'looks like a credential' : `holds ${credential}`}: the sign-in replaces it`);
      continue;
    }
    lines.push(`@${key} = ${value}`);
  }
  return lines;
}

/** The URL as text: `url.raw`, or built from its parts. */
function urlText(url: unknown): string {
  if (typeof url === 'string') return oneLine(url);
  if (!isObject(url)) return '';
  const raw = str(url.raw);
  if (raw) return oneLine(raw);
  const protocol = str(url.protocol);
  const host = Array.isArray(url.host) ? url.host.map(str).join('.') : (str(url.host) ?? '');
  const path = Array.isArray(url.path) ? url.path.map((p) => (isObject(p) ? str(p.value) : str(p)) ?? '').join('/') : (str(url.path) ?? '');
  const query = list(url.query)
    .filter(isObject)
    .filter((q) => q.disabled !== true && str(q.key))
    .map((q) => `${str(q.key)}=${str(q.value) ?? ''}`)
    .join('&');
  return oneLine(`${protocol ? `${protocol}://` : ''}${host}${path ? `/${path}` : ''}${query ? `?${query}` : ''}`);
}

/** A create request of the file: its name, and the field of its answer that holds the session id. */
interface Create {
  name: string;
  idField: 'id' | 'sessionId';
}

/**
 * Where a create's answer holds the session id: `id` in v0.8, `sessionId` after. Without a flavour the body tells:
 * v0.8's names the device `ueId` and the profile `qos` (a `/qod/v0` URL is v0.8's or v0.10's alike).
 */
function idFieldOf(item: Item, flavour: Flavour | undefined): Create['idField'] {
  if (flavour) return flavour === 'v0.8' ? 'id' : 'sessionId';
  const raw = isObject(item.request.body) ? (str(item.request.body.raw) ?? '') : '';
  return /"(ueId|asId|qos)"\s*:/.test(raw) ? 'id' : 'sessionId';
}

function requestBlock(
  item: Item,
  table: OperationTable,
  flavour: Flavour | undefined,
  signIn: SignIn | undefined,
  creates: Create[],
  report: string[],
): { lines: string[]; operation?: string } | undefined {
  const method = (str(item.request.method) ?? 'GET').toUpperCase();
  if (!/^[A-Z]{1,20}$/.test(method)) {
    report.push(`not imported: "${item.name}" has no valid method`);
    return undefined;
  }
  let url = urlText(item.request.url).replace(/\/:([A-Za-z_]\w*)/g, '/{{$1}}');
  // The raw OAuth requests are what the sign-in line does: left out.
  if (method === 'POST' && /\/(bc-authorize|token)$/.test(url.replace(/[?#].*$/, '').replace(/\/+$/, ''))) {
    report.push(`not imported: "${item.name}" (an OAuth request: the # @qod sign-in line replaces it)`);
    return undefined;
  }
  const standIn = url.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_w, n: string) => n.replace(/[^\w.-]/g, '') || 'x');
  const found = operationForRequest(table, method, standIn, flavour);
  const lines = [`### ${item.name}`];
  for (const kind of item.scripts) lines.push(`# not imported: a ${kind} (Postman JavaScript; write ?? assertions instead)`);
  let operation: string | undefined;
  if (found) {
    operation = found.spec.name;
    const route = found.spec.http(found.flavour);
    const segments = route.path.split('/').length - 1;
    const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
    const rest = url.slice(path.length).replace(/^\/+/, '');
    let tail = path.split('/').slice(-segments);
    // The session id a create's answer holds: read from it, as a Postman test script would have saved it.
    const create = creates.at(-1);
    if (route.path.includes('{sessionId}') && create) {
      const at = route.path.split('/').slice(1).indexOf('{sessionId}');
      if (/^\{\{[^{}]+\}\}$/.test(tail[at] ?? '')) {
        report.push(`"${item.name}": ${tail[at]} is read from the answer of "${create.name}"`);
        tail = tail.map((s, i) => (i === at ? `{{${create.name}.response.body.${create.idField}}}` : s));
      }
    }
    url = `{{$qod.${route.base}}}/${tail.join('/')}${rest}`;
    if (operation === 'createSession') {
      const name = `create${creates.length ? creates.length + 1 : ''}`;
      creates.push({ name, idField: idFieldOf(item, flavour) });
      lines.push(`# @name ${name}`);
    }
  } else report.push(`not a QoD operation: "${item.name}" (${method} ${url.slice(0, 120)}): qod run will refuse it`);
  lines.push(`${method} ${url}`);
  if (found) lines.push('Authorization: Bearer {{$qod.accessToken}}');
  for (const h of list(item.request.header).filter(isObject)) {
    const name = str(h.key);
    if (!name || h.disabled === true || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) continue;
    if (/^(authorization|proxy-authorization|cookie)$/i.test(name) || isSecretName(name)) {
      report.push(`header ${name} left out of every request (credentials come from the sign-in)`);
      continue;
    }
    lines.push(`${name}: ${oneLine(str(h.value) ?? '')}`);
  }
  const body = bodyOf(item, operation, signIn, report);
  if (body !== undefined) lines.push('', body);
  // What a successful answer's status is, as the starter file asserts it.
  if (found) lines.push('', `?? status == ${successStatus(found.spec)}`);
  return { lines, ...(operation ? { operation } : {}) };
}

function bodyOf(item: Item, operation: string | undefined, signIn: SignIn | undefined, report: string[]): string | undefined {
  const body = item.request.body;
  if (!isObject(body)) return undefined;
  const mode = str(body.mode);
  if (mode === 'raw') {
    const raw = (str(body.raw) ?? '').slice(0, MAX_BODY);
    if (!raw.trim()) return undefined;
    let text = raw;
    try {
      const parsed: unknown = JSON.parse(raw.replace(/\{\{[^{}]*\}\}/g, '0'));
      // The JSON is re-written only when it holds no placeholder (one may stand where a number goes).
      if (!/\{\{/.test(raw)) {
        // A CIBA sign-in names the device: a device in a create body too is refused (UNNECESSARY_IDENTIFIER).
        if (signIn?.flow === 'ciba' && operation === 'createSession' && isObject(parsed) && 'device' in parsed) {
          delete parsed.device;
          report.push(`"${item.name}": the device was left out of the body: the CIBA sign-in names it`);
        }
        text = JSON.stringify(parsed, null, 2);
      }
    } catch {
      // Not JSON: kept as written.
    }
    // A line starting with `###` would start a new request.
    return text
      .split(/\r\n|\r|\n/)
      .map((l) => (/^\s*(###|\?\?)/.test(l) ? ` ${l}` : l))
      .join('\n');
  }
  if (mode === 'urlencoded') {
    return list(body.urlencoded)
      .filter(isObject)
      .filter((p) => p.disabled !== true && str(p.key))
      .map((p) => `${encodeURIComponent(str(p.key) as string)}=${oneLine(str(p.value) ?? '')}`)
      .join('&');
  }
  if (mode) report.push(`not imported: "${item.name}" ${oneLine(mode).slice(0, 20)} body`);
  return undefined;
}

/** A file name from a folder's name: lower-case words, no path characters, bounded. */
function slug(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return words || 'requests';
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = `${base}.http`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.http`;
  taken.add(name);
  return name;
}

/** The last guard: a line secretsInFile flags is dropped (and reported by line, never echoed). */
function cleaned(path: string, text: string, report: string[]): { path: string; text: string } {
  const findings = secretsInFile(text);
  if (findings.length === 0) return { path, text };
  const lines = text.split('\n');
  for (const f of findings) {
    report.push(`${path}:${f.line}: left out: ${f.what}`);
    lines[f.line - 1] = '# (a line holding a credential was left out by the import)';
  }
  return { path, text: lines.join('\n') };
}
