// What an operation would send in a flavour, checked before anything leaves the machine: the operation is part of
// the flavour, the session id is a UUID (so it cannot climb or reroute the URL), the body passes the flavour's
// schema. One place for every face: the client refuses with these problems, the command line and the playground
// show them all at once before sending.
import type { z } from 'zod';
import { ID_PLACEHOLDER, type OperationInput, type Route, type TableEntry } from '../operations';
import { cleanProviderText } from '../http/provider-text';
import { uuid } from './fields';
import type { Flavour } from './flavour';
import { validateRequest, type FieldIssue, type RequestKind, type ValidateOptions } from './validate';

export type CheckedRequest = { ok: true; route: Route; path: string; body: unknown } | { ok: false; issues: FieldIssue[] };

/** The request an operation makes in a flavour, or every problem with its input (in the order a reader meets them). */
export function checkRequest(spec: TableEntry, flavour: Flavour, input: OperationInput, options: ValidateOptions = {}): CheckedRequest {
  const route = spec.routes[flavour];
  if (!route) {
    const rule = `is not part of QoD ${flavour} (only ${spec.flavours.join(', ')})`;
    return { ok: false, issues: [{ path: '(operation)', rule, message: `${spec.title}: ${rule}` }] };
  }
  const issues: FieldIssue[] = [];
  const placeholder = ID_PLACEHOLDER.exec(route.path)?.[0];
  const idName = placeholder?.slice(1, -1) ?? '';
  const id = placeholder ? pathSegment(idName, input.id ?? '', uuid, ID_SHAPE) : undefined;
  if (id && !id.ok) issues.push(id.issue);
  let body: unknown;
  if (spec.requestKind) {
    const result = validateRequest(flavour, spec.requestKind, bodyOrEmpty(flavour, spec.requestKind, input.body), options);
    if (result.ok) body = result.value;
    else issues.push(...result.issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, route, path: id?.ok && placeholder ? route.path.replace(placeholder, id.value) : route.path, body };
}

/**
 * No body stands for `{}` where every field is optional (a filter, retrieve-sessions with a 3-legged token), so
 * nothing is required of a caller that has nothing to say; elsewhere the missing body is refused as it is.
 */
function bodyOrEmpty(flavour: Flavour, kind: RequestKind, body: unknown): unknown {
  return body === undefined && validateRequest(flavour, kind, {}).ok ? {} : body;
}

const ID_SHAPE = 'a UUID, like 3fa85f64-5717-4562-b3fc-2c963f66afa6';

/**
 * A value for a URL path segment when it has the declared shape. Both shapes used (a UUID, a profile name) leave
 * out `/`, `?`, `#`, `%` and the dot segments `.` and `..`: the value cannot climb or reroute the URL.
 */
export function pathSegment(
  path: string,
  value: string,
  schema: z.ZodType,
  shape: string,
): { ok: true; value: string } | { ok: false; issue: FieldIssue } {
  if (schema.safeParse(value).success) return { ok: true, value };
  const got = typeof value === 'string' ? `"${cleanProviderText(value, 40)}"` : typeof value;
  return { ok: false, issue: { path, rule: `must be ${shape}`, value, message: `${path}: must be ${shape} (got ${got})` } };
}
