// What the editor offers while a request file is typed: on a request line, the flavour's operations (method and
// URL, as the starter file writes them); in a JSON body of a request that names an operation, the fields its body
// schema allows where the cursor is (the same zod schemas the core validates with, walked, never copied), the
// offered profile names and enum values; after `{{`, the file's variables, named requests' answers and
// `$qod.accessToken`. Pure and tolerant: a half-typed file is the normal case, and nothing here throws.
import type { z } from 'zod';
import { qosProfileName } from '../camara/fields';
import type { Flavour } from '../camara/flavour';
import { requestSchema } from '../camara/validate';
import { ID_PLACEHOLDER, idFieldOf, OPERATION_TABLE, operationForRequest, operationsIn, type OperationTable } from '../operations';
import { parseRequestFile } from './parse';
import { CREATE_NAMES } from './starter';
import type { RequestFile, Variable } from './model';
import { ENVIRONMENT_FILE } from './environment-file';

export interface Completion {
  label: string;
  insertText: string;
  detail?: string;
  documentation?: string;
  kind: 'operation' | 'field' | 'value' | 'variable';
  /** The characters of the cursor's line the item replaces (what is typed so far), when not just the word. */
  replace?: { start: number; end: number };
}

export interface CompletionOptions {
  flavour: Flavour;
  table?: OperationTable;
  /** The QoS profile names the environment offers (for `"qosProfile": `). */
  profiles?: readonly string[];
  /** Called when the cursor is at a qosProfile value: a face that has no names yet fetches them and asks again. */
  onProfileValue?: () => void;
  /** The variables of the file's `http-client.env.json` (its `$shared` and the chosen environment's), offered after `{{`. */
  environmentVariables?: readonly Variable[];
}

/** A position as the editor gives it: 0-based line and character. */
export interface Position {
  line: number;
  character: number;
}

/** No QoD body nests this deep; a deeper one is not walked (hostile input costs no more than its length). */
const MAX_DEPTH = 64;
const QOD_VARIABLES: ReadonlyArray<{ name: string; detail: string }> = [
  { name: '$qod.accessToken', detail: "the signed-in environment's token (only in the Authorization header)" },
  { name: '$qod.sessions', detail: "the active environment's sessions base URL" },
  { name: '$qod.profiles', detail: "the active environment's QoS profiles base URL" },
  { name: '$qod.provisioning', detail: "the active environment's QoS Provisioning base URL (QoD v1 and v1.2 releases)" },
  { name: '$qod.flavour', detail: "the active environment's QoD version (v1.2, v1, v0.10 or v0.8)" },
  {
    name: '$qod.advisedProfile',
    detail: "the QoS profile the advisor recommends for the file's # @qod needs, at the operator this request goes to",
  },
];

export function requestFileCompletions(text: string, position: Position, options: CompletionOptions): Completion[] {
  try {
    const lines = text.split(/\r?\n/);
    const line = lines[position.line];
    if (line === undefined) return [];
    const character = Math.max(0, Math.min(position.character, line.length));
    const before = line.slice(0, character);
    const open = before.lastIndexOf('{{');
    if (open >= 0 && before.indexOf('}}', open) < 0) {
      return placeholderItems(parseRequestFile(text), line, open + 2, character, options.environmentVariables ?? []);
    }
    if (atRequestLine(lines, position.line, line, before)) return operationItems(parseRequestFile(text), options, character, before);
    return bodyItems(lines, position.line, character, options);
  } catch {
    // A completion never breaks the editor: an input this cannot read offers nothing.
    return [];
  }
}

// After `{{`: the variables the file defines, the named requests' answers, and our own `$qod.…` variables.
function placeholderItems(
  file: RequestFile,
  line: string,
  from: number,
  character: number,
  environmentVariables: readonly Variable[],
): Completion[] {
  const start = from + (/^\s*/.exec(line.slice(from, character))?.[0].length ?? 0);
  const closed = /^[\w.$-]*\s*\}\}/.test(line.slice(character));
  const close = closed ? '' : '}}';
  const replace = { start, end: character };
  const items: Completion[] = [];
  const seen = new Set<string>();
  for (const v of [...file.variables, ...file.requests.flatMap((r) => r.variables)]) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    items.push({ label: v.name, insertText: v.name + close, detail: `@${v.name} = ${clip(v.value)}`, kind: 'variable', replace });
  }
  // The environment file's, after the file's own (which win over them when the file runs).
  for (const v of environmentVariables) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    items.push({ label: v.name, insertText: v.name + close, detail: `${ENVIRONMENT_FILE}: ${clip(v.value)}`, kind: 'variable', replace });
  }
  for (const r of file.requests) {
    if (!r.name) continue;
    const prefix = `${r.name}.response.body.`;
    items.push({ label: prefix, insertText: prefix, detail: `the answer of ${r.method} ${clip(r.url)}`, kind: 'variable', replace });
  }
  for (const q of QOD_VARIABLES) items.push({ label: q.name, insertText: q.name + close, detail: q.detail, kind: 'variable', replace });
  return items;
}

/**
 * A request line is where one may start: the line holds nothing but a method (and a URL) being typed, and every
 * line above it back to the block's `###` (or the file's start) is blank, a comment or a variable.
 */
function atRequestLine(lines: readonly string[], index: number, line: string, before: string): boolean {
  if (!/^\s*(?:[A-Za-z]*|[A-Za-z]+\s+\S*)$/.test(before) || /^\s*(#|\/\/|@)/.test(line)) return false;
  for (let i = index - 1; i >= 0; i--) {
    const trimmed = (lines[i] as string).trim();
    if (trimmed.startsWith('###')) return true;
    if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith('//') && !trimmed.startsWith('@')) return false;
  }
  return true;
}

function operationItems(file: RequestFile, options: CompletionOptions, character: number, before: string): Completion[] {
  const { flavour } = options;
  const table = options.table ?? OPERATION_TABLE;
  // The session (assignment) operations read the id from the answer of the file's create request, as the starter file does.
  const createOf = (resource: string) =>
    file.requests.find((r) => {
      const named = r.name ? operationOf(table, r.method, r.url, flavour) : undefined;
      return named?.spec.creates && named.spec.resource === resource;
    })?.name;
  const replace = { start: before.length - before.trimStart().length, end: character };
  return operationsIn(table, flavour).map((spec) => {
    const route = spec.http(flavour);
    const create = createOf(spec.resource) ?? CREATE_NAMES[spec.resource];
    const path = route.path.replace(ID_PLACEHOLDER, `{{${create}.response.body.${idFieldOf(spec, flavour)}}}`);
    const label = `${route.method} {{$qod.${route.base}}}${path}`;
    return { label, insertText: label, detail: spec.title, documentation: spec.summary, kind: 'operation' as const, replace };
  });
}

/** The operation a request line names, its bases and placeholders standing for whatever they hold. */
function operationOf(
  table: OperationTable,
  method: string,
  url: string,
  flavour: Flavour,
): { name: string; spec: OperationTable[string] } | undefined {
  const path = url.replace(/\{\{[^{}]*\}\}/g, 'x');
  const found = operationForRequest(table, method, path, flavour);
  return found && found.flavour === flavour ? { name: found.spec.name, spec: found.spec } : undefined;
}

// In a body: the fields the schema allows at the cursor's object, or the values a field takes.
function bodyItems(lines: readonly string[], index: number, character: number, options: CompletionOptions): Completion[] {
  const { flavour } = options;
  const file = parseRequestFile(lines.join('\n'));
  const lineNumber = index + 1;
  const request = file.requests.find((r) => r.line < lineNumber && lineNumber <= r.endLine);
  if (!request?.bodyLine || lineNumber < request.bodyLine) return [];
  const found = operationOf(options.table ?? OPERATION_TABLE, request.method, request.url, flavour);
  const route = found?.spec.routes[flavour];
  const kind = found?.spec.requestKind;
  const schema = kind && route && !route.query ? requestSchema(flavour, kind) : undefined;
  if (!schema) return [];
  const bodyLines = lines.slice(request.bodyLine - 1, Math.max(request.endLine, lineNumber));
  let cursor = character;
  for (let i = request.bodyLine - 1; i < index; i++) cursor += (lines[i] as string).length + 1;
  const at = scanJson(bodyLines.join('\n'), cursor);
  if (!at) return [];
  // On the cursor's line, whatever the scan read: an editor range never starts before the line or after the cursor.
  const start = at.tokenStart === undefined ? character : Math.min(character, Math.max(0, character - (cursor - at.tokenStart)));
  const replace = { start, end: character };
  const target = walk(schema, at.path);
  if (at.role === 'key') {
    const shape = shapeOf(target);
    if (!shape) return [];
    return Object.entries(shape)
      .filter(([key]) => !at.present.has(key))
      .map(([key, field]) => ({
        label: key,
        insertText: at.inString ? key : `"${key}": `,
        detail: describe(field),
        kind: 'field' as const,
        replace,
      }));
  }
  const field = at.key === undefined ? elementOf(target) : shapeOf(target)?.[at.key];
  if (!field) return [];
  if (unwrap(field) === qosProfileName) options.onProfileValue?.();
  const names = values(field, options.profiles ?? []);
  const space = !at.inString && at.tokenStart === undefined && /:$/.test(lines[index]?.slice(0, character) ?? '') ? ' ' : '';
  return names.map((value) => ({
    label: value,
    insertText: at.inString ? value : `${space}"${value}"`,
    detail: describe(field),
    kind: 'value' as const,
    replace,
  }));
}

function values(field: z.ZodType, profiles: readonly string[]): string[] {
  const inner = unwrap(field);
  if (inner === qosProfileName) return [...profiles];
  const def = defOf(inner);
  if (def.type === 'enum' && def.entries && typeof def.entries === 'object') return Object.values(def.entries).map(String);
  if (def.type === 'literal' && Array.isArray(def.values)) return def.values.map(String);
  return [];
}

// ---- The schema, walked (zod's own definitions: object shapes, optional wrappers, arrays, unions).

type Def = {
  type?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: unknown;
  values?: unknown[];
};

function defOf(schema: z.ZodType | undefined): Def {
  return ((schema as { _zod?: { def?: Def } } | undefined)?._zod?.def ?? {}) as Def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(current);
    const next = def.type === 'pipe' ? def.in : def.innerType;
    if (!next) return current;
    current = next;
  }
  return current;
}

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  if (!schema) return undefined;
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return def.shape;
  if (def.type === 'union' && def.options) return Object.assign({}, ...def.options.map((o) => shapeOf(o) ?? {}));
  return undefined;
}

function elementOf(schema: z.ZodType | undefined): z.ZodType | undefined {
  return schema ? defOf(unwrap(schema)).element : undefined;
}

function walk(schema: z.ZodType, path: ReadonlyArray<string | number>): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) current = typeof segment === 'number' ? elementOf(current) : shapeOf(current)?.[segment];
  return current;
}

function describe(field: z.ZodType): string {
  const optional = defOf(field).type === 'optional';
  const def = defOf(unwrap(field));
  const type = def.type === 'enum' ? 'one of' : def.type === 'int' || def.type === 'number' ? 'integer' : (def.type ?? 'value');
  const choices = def.type === 'enum' && def.entries && typeof def.entries === 'object' ? ` ${Object.values(def.entries).join(', ')}` : '';
  return `${type}${choices}${optional ? ', optional' : ', required'}`;
}

// ---- Where the cursor is in a half-typed JSON text: a small tolerant scanner.

interface Frame {
  kind: 'object' | 'array';
  /** Where this container sits in its parent: a key, or an array index. */
  segment?: string | number;
  expect: 'key' | 'colon' | 'value' | 'comma';
  key?: string;
  index: number;
  /** Keys written in this object (before and after the cursor), the one being typed left out. */
  keys: Set<string>;
}

export interface JsonCursor {
  /** The keys and indexes from the body's root to the object or array the cursor is in. */
  path: Array<string | number>;
  /** A key goes at the cursor, or the value of `key` (none in an array). */
  role: 'key' | 'value';
  key?: string;
  inString: boolean;
  /** Where what is typed so far starts (an open string's first character, a bare word's), if anything is. */
  tokenStart?: number;
  present: Set<string>;
}

/** The cursor's place in a JSON text, read however broken the text is; undefined where nothing can go. */
export function scanJson(text: string, cursor: number): JsonCursor | undefined {
  const stack: Frame[] = [];
  let snapshot:
    | { frame?: Frame; path: Array<string | number>; role?: 'key' | 'value'; key?: string; inString: boolean; tokenStart?: number }
    | undefined;
  const take = (inString: boolean, tokenStart?: number): void => {
    const frame = stack.at(-1);
    const path = stack.slice(1).map((f) => f.segment ?? '');
    const role = frame?.expect === 'key' ? 'key' : frame?.expect === 'value' ? 'value' : undefined;
    snapshot = { frame, path, role, key: frame?.kind === 'object' ? frame.key : undefined, inString, tokenStart };
  };
  let i = 0;
  while (i < text.length) {
    if (!snapshot && i >= cursor) take(false);
    const c = text[i] as string;
    const frame = stack.at(-1);
    if (c === '"') {
      let end = i + 1;
      // An escape never steps over a line break: a string ends with its line, however it was typed.
      while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' && text[end + 1] !== '\n' ? 2 : 1;
      const value = text.slice(i + 1, Math.min(end, text.length));
      // A string where a comma or a colon was due, in an object, starts the next key (a line typed in the middle).
      if (frame?.kind === 'object' && (frame.expect === 'comma' || frame.expect === 'colon')) frame.expect = 'key';
      const inside = !snapshot && cursor > i && cursor <= end;
      if (inside) take(true, i + 1);
      if (frame?.expect === 'key') {
        frame.key = value;
        // The key being typed is not yet present: its own name is still offered.
        if (!inside) frame.keys.add(value);
        frame.expect = 'colon';
      } else if (frame?.expect === 'value') frame.expect = 'comma';
      i = end + 1;
      continue;
    }
    if (c === '{' && text[i + 1] === '{') {
      // A placeholder where a value goes (`"duration": {{d}}`): a value, not an object.
      const close = text.indexOf('}}', i + 2);
      const end = close < 0 ? text.length : close + 2;
      if (!snapshot && cursor > i && cursor < end) return undefined;
      if (frame) frame.expect = frame.expect === 'value' ? 'comma' : frame.expect;
      i = end;
      continue;
    }
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_DEPTH) return undefined;
      const segment = frame ? (frame.kind === 'object' ? frame.key : frame.index) : undefined;
      if (frame) frame.expect = 'comma';
      stack.push({ kind: c === '{' ? 'object' : 'array', segment, expect: c === '{' ? 'key' : 'value', index: 0, keys: new Set() });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ':') {
      if (frame?.kind === 'object' && frame.expect === 'colon') frame.expect = 'value';
    } else if (c === ',') {
      if (frame?.kind === 'object') frame.expect = 'key';
      else if (frame) {
        frame.index++;
        frame.expect = 'value';
      }
    } else if (!/\s/.test(c)) {
      // A bare word: a number, true/false/null, or a key being typed without its quotes.
      let end = i;
      while (end < text.length && !/[\s,:{}[\]"]/.test(text[end] as string)) end++;
      if (!snapshot && cursor > i && cursor <= end) take(false, i);
      if (frame?.expect === 'value') frame.expect = 'comma';
      else if (frame?.expect === 'key') frame.expect = 'colon';
      i = end;
      continue;
    }
    i++;
  }
  if (!snapshot) take(false);
  if (!snapshot?.frame || !snapshot.role) return undefined;
  return {
    path: snapshot.path,
    role: snapshot.role,
    ...(snapshot.role === 'value' && snapshot.key !== undefined ? { key: snapshot.key } : {}),
    inString: snapshot.inString,
    ...(snapshot.tokenStart === undefined ? {} : { tokenStart: snapshot.tokenStart }),
    present: snapshot.frame.keys,
  };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
