// Validates request bodies before they leave the machine (and, in the sandbox, when they arrive).
// Each problem names the field path, the rule and the value the developer sent.
import type { z } from 'zod';
import { isSecretName } from '../http/redact';
import { isLoopbackHttpUrl } from './fields';
import type { Flavour } from './flavour';
import { unknownFieldRule } from './version-notes';
import * as v0_8 from './v0_8';
import * as v0_10 from './v0_10';
import * as v1 from './v1';
import * as v1_2 from './v1_2';
import * as provisioning from './provisioning';

export interface FieldIssue {
  /** Dotted path, `device.ipv4Address.publicPort`, or `(body)` for the whole body. */
  path: string;
  /** The rule in words, `must be an integer 0..65535`. */
  rule: string;
  /** What was sent there, if anything. */
  value?: unknown;
  /** `path: rule (got value)`, ready to show. */
  message: string;
  /** A number outside its declared range (CAMARA answers these with OUT_OF_RANGE rather than INVALID_ARGUMENT). */
  outOfRange?: boolean;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export type RequestKind =
  'createSession' | 'extendSession' | 'retrieveSessions' | 'retrieveQosProfiles' | 'createAssignment' | 'retrieveAssignment';

const SCHEMAS: Record<Flavour, Partial<Record<RequestKind, z.ZodType>>> = {
  'v0.8': { createSession: v0_8.createSession },
  'v0.10': { createSession: v0_10.createSession, extendSession: v0_10.extendSession, retrieveQosProfiles: v0_10.qosProfilesQuery },
  v1: {
    createSession: v1.createSession,
    extendSession: v1.extendSession,
    retrieveSessions: v1.retrieveSessions,
    retrieveQosProfiles: v1.retrieveQosProfiles,
    createAssignment: provisioning.createAssignment0_3,
    retrieveAssignment: provisioning.retrieveAssignment0_3,
  },
  'v1.2': {
    createSession: v1_2.createSession,
    extendSession: v1_2.extendSession,
    retrieveSessions: v1_2.retrieveSessions,
    retrieveQosProfiles: v1_2.retrieveQosProfiles,
    createAssignment: provisioning.createAssignment0_4,
    retrieveAssignment: provisioning.retrieveAssignment0_4,
  },
};

/** Top-level fields that widely copied samples wrongly nest inside the device object. */
const TOP_LEVEL_FIELDS = [
  'applicationServer',
  'qosProfile',
  'duration',
  'devicePorts',
  'applicationServerPorts',
  'sink',
  'sinkCredential',
  'webhook',
  'asId',
  'qos',
  'uePorts',
  'asPorts',
];

export interface ValidateOptions {
  /** v1 requires an https sink; a local receiver (the sandbox, a test) may use plain http on loopback. */
  allowLoopbackHttpSink?: boolean;
}

/** No QoD body nests deeper than 5 levels; anything past this is refused before it is walked. */
export const MAX_BODY_DEPTH = 32;

/** The schema a body of this kind is validated with in a flavour (a request file's completions read its fields). */
export function requestSchema(flavour: Flavour, kind: RequestKind): z.ZodType | undefined {
  return SCHEMAS[flavour][kind];
}

export function validateRequest(flavour: Flavour, kind: RequestKind, body: unknown, options: ValidateOptions = {}): Validation<unknown> {
  const schema = SCHEMAS[flavour][kind];
  if (!schema) {
    return fail([issue('(body)', `${kind} is not part of QoD ${flavour}`, undefined)]);
  }
  if (nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    return fail([issue('(body)', `nests objects or arrays more than ${MAX_BODY_DEPTH} levels deep`, undefined)]);
  }
  const misplaced = findMisplacedFields(flavour, body);
  const local = options.allowLoopbackHttpSink ? loopbackUrls(body) : undefined;
  const result = schema.safeParse(local ? local.judged : body);
  if (result.success && misplaced.length === 0) return { ok: true, value: local ? local.restore(result.data) : result.data };
  const explained = new Set(misplaced.map((m) => m.path));
  const rest = result.success ? [] : toFieldIssues(result.error.issues, body, flavour).filter((i) => !explained.has(i.path));
  return fail([...misplaced, ...rest]);
}

/**
 * The body with its loopback `http://` notification URLs (the sink, and 1.2's PRIVATE_KEY_JWT tokenUri) judged as
 * https, and a way to put them back in the checked value: a local receiver is plain http, the schema wants https.
 */
function loopbackUrls(body: unknown): { judged: unknown; restore(value: unknown): unknown } | undefined {
  if (!isRecord(body)) return undefined;
  const sink = typeof body.sink === 'string' && isLoopbackHttpUrl(body.sink) ? body.sink : undefined;
  const credential = isRecord(body.sinkCredential) ? body.sinkCredential : undefined;
  const tokenUri = typeof credential?.tokenUri === 'string' && isLoopbackHttpUrl(credential.tokenUri) ? credential.tokenUri : undefined;
  if (sink === undefined && tokenUri === undefined) return undefined;
  const https = (url: string) => url.replace(/^http:/i, 'https:');
  const put = (value: unknown, sinkUrl?: string, tokenUrl?: string): unknown => {
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = { ...value, ...(sinkUrl === undefined ? {} : { sink: sinkUrl }) };
    if (tokenUrl !== undefined && isRecord(value.sinkCredential)) out.sinkCredential = { ...value.sinkCredential, tokenUri: tokenUrl };
    return out;
  };
  return {
    judged: put(body, sink && https(sink), tokenUri && https(tokenUri)),
    restore: (value) => put(value, sink, tokenUri),
  };
}

/**
 * The seed-sample mistake: `applicationServer`, `qosProfile` and `duration` nested inside `device`.
 * It gets its own explanation, because "unknown field device.qosProfile" would not tell the developer why.
 */
export function findMisplacedFields(flavour: Flavour, body: unknown): FieldIssue[] {
  if (!isRecord(body)) return [];
  const deviceKey = flavour === 'v0.8' ? 'ueId' : 'device';
  const device = body[deviceKey];
  if (!isRecord(device)) return [];
  return TOP_LEVEL_FIELDS.filter((field) => field in device).map((field) =>
    issue(
      `${deviceKey}.${field}`,
      `belongs at the top level of the body, next to ${deviceKey}, not inside it ` +
        `(${deviceKey} only identifies the device; a common copied sample nests it wrongly)`,
      device[field],
    ),
  );
}

/** With the flavour, a field it does not have is named with the versions that do (version-notes.ts). */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], input: unknown, flavour?: Flavour): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) {
        const path = [...i.path, key];
        const where = formatPath(path);
        const rule = flavour ? unknownFieldRule(flavour, where) : 'is not a field of this API version';
        out.push(issue(where, rule, valueAt(input, path)));
      }
      continue;
    }
    const value = valueAt(input, i.path);
    const rule = value === undefined && i.code === 'invalid_type' ? 'is required' : i.message;
    const outOfRange = (i.code === 'too_small' || i.code === 'too_big') && i.origin === 'number';
    out.push({ ...issue(formatPath(i.path), rule, value), ...(outOfRange ? { outOfRange } : {}) });
  }
  return out;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function issue(path: string, rule: string, value: unknown): FieldIssue {
  // A credential is never echoed (messages reach logs and screens): its length says enough to spot an empty one.
  const secret = isSecretName(path.split(/[.[]/).at(-1) ?? '');
  const got =
    value === undefined
      ? ''
      : secret
        ? ` (got ${typeof value === 'string' ? `a string of ${value.length} characters` : typeof value})`
        : ` (got ${preview(value)})`;
  return { path, rule, ...(secret ? {} : { value }), message: `${path}: ${rule}${got}` };
}

function preview(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    return 'a value too deeply nested to show';
  }
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** How deep objects and arrays nest, counted without recursion and stopping once past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function fail(issues: FieldIssue[]): Validation<never> {
  return { ok: false, issues };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
