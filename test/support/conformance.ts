// Checks response bodies against the official CAMARA OpenAPI files: QOD_CAMARA_SPECS, or ../shared/camara/ beside
// the clone. A clone without either (a user's, a fork) runs everything else and says once which checks it skipped.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const CAMARA_DIR = process.env.QOD_CAMARA_SPECS ?? join(__dirname, '..', '..', '..', 'shared', 'camara');

export type Spec = 'v1' | 'profiles-v1' | 'v1.2' | 'profiles-v1.2' | 'provisioning-v0.3' | 'provisioning-v0.4' | 'v0.10' | 'v0.8';

const FILES: Record<Spec, string> = {
  v1: 'quality-on-demand-1.1.0.yaml',
  'profiles-v1': 'qos-profiles-1.1.0.yaml',
  'v1.2': 'quality-on-demand-1.2.0-rc.3.yaml',
  'profiles-v1.2': 'qos-profiles-1.2.0-rc.3.yaml',
  'provisioning-v0.3': 'qos-provisioning-0.3.0.yaml',
  'provisioning-v0.4': 'qos-provisioning-0.4.0-rc.1.yaml',
  'v0.10': 'qod-api-0.10.1.yaml',
  'v0.8': 'qod-api-0.8.1.yaml',
};

export const camaraAvailable = existsSync(CAMARA_DIR);
if (!camaraAvailable) {
  console.log(
    `skipped: checks against the official CAMARA specifications (response schemas, declared responses, notification schemas): ${CAMARA_DIR} is absent; set QOD_CAMARA_SPECS to a folder with the YAML files to run them`,
  );
}

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }> }>>;
  components: { responses?: Record<string, { content?: Record<string, { schema: unknown }> }> };
};

const ajv = new Ajv({ strict: false, allErrors: true, formats: { string: true } });
addFormats(ajv);
const docs = new Map<Spec, Doc>();
const compiled = new Map<string, ValidateFunction>();

export function loadSpec(spec: Spec): Doc {
  let doc = docs.get(spec);
  if (!doc) {
    doc = parse(readFileSync(join(CAMARA_DIR, FILES[spec]), 'utf8')) as Doc;
    ajv.addSchema(doc as object, spec);
    docs.set(spec, doc);
  }
  return doc;
}

function validator(ref: string): ValidateFunction {
  let v = compiled.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: ref });
    compiled.set(ref, v);
  }
  return v;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Which documented response applies, and the schema $ref for its JSON body. */
function responseSchemaRef(spec: Spec, method: string, path: string, status: number): string | undefined {
  const doc = loadSpec(spec);
  path = path.split('?')[0] as string;
  const template = Object.keys(doc.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  // An operation the specification does not have is checked as an undocumented error (ErrorInfo).
  const op = template ? doc.paths[template]?.[method.toLowerCase()] : undefined;
  const response = op?.responses?.[String(status)];
  if (!response) return undefined;
  if (response.$ref) {
    const name = response.$ref.split('/').pop() as string;
    const content = doc.components.responses?.[name]?.content;
    const type = content && Object.keys(content)[0];
    return type ? `${spec}#/${pointer('components', 'responses', name, 'content', type, 'schema')}` : undefined;
  }
  const type = response.content && Object.keys(response.content)[0];
  return type && template
    ? `${spec}#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`
    : undefined;
}

/**
 * Throws unless `body` matches the specification's schema for this operation and status. A status the operation
 * does not document is checked against the generic ErrorInfo, and said so in the returned note.
 */
export function assertConforms(spec: Spec, method: string, path: string, status: number, body: unknown): string | undefined {
  const ref = responseSchemaRef(spec, method, path, status);
  if (!ref) {
    if (body === undefined || status < 400) return undefined;
    const errorInfo = validator(`${spec}#/components/schemas/ErrorInfo`);
    if (!errorInfo(body))
      throw new Error(
        `${spec} ${method} ${path} ${status}: ErrorInfo mismatch ${ajv.errorsText(errorInfo.errors)}\n${JSON.stringify(body)}`,
      );
    return `${status} is not documented for ${method} ${path}; checked against ErrorInfo`;
  }
  const validate = validator(ref);
  if (!validate(body)) {
    throw new Error(`${spec} ${method} ${path} ${status} does not conform: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
  return undefined;
}

/** Validates a named component schema (notifications, for instance). */
export function assertSchema(spec: Spec, schemaName: string, value: unknown): void {
  if (!camaraAvailable) return;
  loadSpec(spec);
  const validate = validator(`${spec}#/components/schemas/${schemaName}`);
  if (!validate(value)) throw new Error(`${spec} ${schemaName}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
}

export interface DeclaredResponse {
  /** `POST /sessions/{sessionId}/extend`, as the specification writes the path. */
  operation: string;
  status: number;
  /** The error code the specification's examples or enum give for it; '' for success and code-less responses. */
  code: string;
}

/** Every (operation, status, code) the specification declares, codes taken from its examples and its code enums. */
export function declaredResponses(spec: Spec): DeclaredResponse[] {
  const doc = loadSpec(spec) as Doc & { components: { responses?: Record<string, unknown> } };
  const out: DeclaredResponse[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      for (const [status, declared] of Object.entries(op.responses ?? {})) {
        const response = declared.$ref ? doc.components.responses?.[declared.$ref.split('/').pop() as string] : declared;
        const codes = new Set<string>();
        collectCodes(response, codes);
        const operation = `${method.toUpperCase()} ${path}`;
        if (codes.size === 0) out.push({ operation, status: Number(status), code: '' });
        for (const code of codes) out.push({ operation, status: Number(status), code });
      }
    }
  }
  return out;
}

/** `code` values of examples, and the members of a `code` enum, anywhere under a response. */
function collectCodes(node: unknown, into: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.code === 'string') into.add(record.code);
  const codeSchema = (record.properties as Record<string, { enum?: unknown[] }> | undefined)?.code;
  for (const value of codeSchema?.enum ?? []) if (typeof value === 'string') into.add(value);
  for (const value of Object.values(record)) collectCodes(value, into);
}
