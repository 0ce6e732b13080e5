// What every CAMARA operation of the sandbox does before its own work, and how it answers an error: QoD, QoS
// Profiles and QoS Provisioning share it (one place): x-correlator, bearer token, the client's rate limit, the
// path parameter, the scope, the strict JSON body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { X_CORRELATOR } from '../../core/camara/fields';
import type { Flavour } from '../../core/camara/flavour';
import { scopesAllow, type QodOperation } from '../../core/camara/scopes';
import { validateRequest, type RequestKind } from '../../core/camara/validate';
import type { AccessTokens, Caller } from '../auth/access-tokens';
import { BodyTooLargeError, isClientAbort, readBody, sendJson } from '../http-util';
import type { RateLimiter } from '../rate-limit';
import { ApiError, renderError } from './api-error';
import { validationError } from './refusals';

export interface GateDeps {
  tokens: AccessTokens;
  rateLimiter?: RateLimiter;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The x-correlator checked (400) and echoed, the bearer token (401), the client's rate limit (429): who is calling. */
export async function admit(deps: GateDeps, req: IncomingMessage, res: ServerResponse): Promise<Caller> {
  const correlator = req.headers['x-correlator'];
  if (typeof correlator === 'string') {
    if (!X_CORRELATOR.test(correlator))
      throw new ApiError(400, 'INVALID_ARGUMENT', 'x-correlator must match ^[a-zA-Z0-9-_:;./<>{}]{0,256}$');
    res.setHeader('x-correlator', correlator);
  }
  const check = await deps.tokens.check(req.headers.authorization);
  if (!check.ok) throw new ApiError(401, 'UNAUTHENTICATED', `Request not authenticated: ${check.reason}`);
  const limit = deps.rateLimiter?.take(check.caller.clientId);
  if (limit && !limit.ok) {
    throw new ApiError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded for this client', { 'retry-after': String(limit.retryAfterSeconds) });
  }
  return check.caller;
}

export function requireScope(caller: Caller, operation: QodOperation): void {
  if (!scopesAllow(caller.scopes, operation)) {
    throw new ApiError(403, 'PERMISSION_DENIED', `The access token does not allow ${operation}: request one of its scopes`);
  }
}

/** A path segment, percent-decoded; malformed escapes (`%E0%A4%A`) are the client's mistake, not a crash. */
export function decodePathParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'INVALID_ARGUMENT', `The path segment "${segment.slice(0, 80)}" is not valid percent-encoding`);
  }
}

/** The body as JSON, validated against the flavour's schema for `kind` (one 400 naming every field problem). */
export async function readJsonBody(
  req: IncomingMessage,
  flavour: Flavour,
  kind: RequestKind,
  allowLoopbackHttpSink: boolean,
): Promise<Record<string, unknown>> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(400, 'INVALID_ARGUMENT', `Request body refused: ${error.message}`);
    throw error;
  }
  // Every operation with a body declares it required: `{}` is a body, nothing is not.
  if (raw.length === 0) throw new ApiError(400, 'INVALID_ARGUMENT', 'The request body is required (send {} for no criteria)');
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(400, 'INVALID_ARGUMENT', `Content-Type must be application/json (got ${type ? `"${type}"` : 'none'})`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ApiError(400, 'INVALID_ARGUMENT', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const result = validateRequest(flavour, kind, body, { allowLoopbackHttpSink });
  if (!result.ok) throw validationError(flavour, result.issues);
  return result.value as Record<string, unknown>;
}

/** Answers an error in the flavour's shape; a client that went away gets nothing, an unexpected error a 500. */
export function answerError(flavour: Flavour, error: unknown, req: IncomingMessage, res: ServerResponse): void {
  if (isClientAbort(error, req)) return void res.destroy();
  const apiError = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', 'The sandbox failed unexpectedly');
  if (!(error instanceof ApiError)) console.error('[sandbox] unexpected error', error);
  const { status, body } = renderError(flavour, apiError);
  if (!req.complete) req.resume();
  sendJson(res, status, body, apiError.headers);
}
