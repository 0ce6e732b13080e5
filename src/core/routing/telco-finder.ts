// The client of a Telco Finder, the aggregator's routing step (GSMA Open Gateway, OPG.10): a device's phone number or
// IP address → the operator that serves it, with its API root and its authorization server. Over the product's
// transport (bounded, recorded, redacted); every answer is checked before it is used, since the URLs in it decide
// where the next requests and the sign-in go.
import { z } from 'zod';
import { summariseErrorBody } from '../camara/error-body';
import { urlProblem } from '../environments';
import type { HttpTransport } from '../http/transport';
import { describeTarget, type RouteTarget } from './route-target';

/** Where one operator is, as the routing step answers it. */
export interface OperatorRoute {
  operatorId: string;
  operatorName: string;
  /** The root of the operator's APIs (the flavour's base paths go after it). */
  apiRoot: string;
  /** The operator's OpenID issuer, for discovery and sign-in. */
  issuer: string;
}

/** The routing step failed: no operator serves the device (`unknown`), or the Telco Finder misbehaved. */
export class RoutingError extends Error {
  override readonly name = 'RoutingError';
  constructor(
    message: string,
    readonly kind: 'unknown' | 'finder',
  ) {
    super(message);
  }
}

const url = (field: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = urlProblem(field, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const ANSWER = z.object({
  operatorId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'operatorId: must be 1–64 letters, digits, . _ or -'),
  operatorName: z.string().min(1).max(100).optional(),
  apiRoot: url('apiRoot'),
  authProviderConfiguration: z.object({ issuer: url('authProviderConfiguration.issuer') }),
});

const LIST = z.object({ operators: z.array(ANSWER).max(100) });

/** The operator that serves the device. */
export async function findOperator(
  transport: HttpTransport,
  finder: string,
  target: RouteTarget,
  signal?: AbortSignal,
): Promise<OperatorRoute> {
  const result = await transport.send(
    `${finder.replace(/\/+$/, '')}/telco-finder/v1/search`,
    { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ target }) },
    { kind: 'routing', signal },
  );
  if (result.status === 404) {
    throw new RoutingError(`routing: no operator serves ${describeTarget(target)} (the Telco Finder answered 404)`, 'unknown');
  }
  return routeOf(checked(ANSWER, result));
}

/** Every operator the aggregator reaches (the advisor asks each one). */
export async function listOperators(transport: HttpTransport, finder: string, signal?: AbortSignal): Promise<OperatorRoute[]> {
  const result = await transport.send(
    `${finder.replace(/\/+$/, '')}/telco-finder/v1/operators`,
    { method: 'GET', headers: { accept: 'application/json' } },
    { kind: 'routing', signal },
  );
  return checked(LIST, result).operators.map(routeOf);
}

function checked<T>(schema: z.ZodType<T>, result: { status: number; headers: Record<string, string>; text: string }): T {
  if (result.status !== 200) {
    const summary = summariseErrorBody(result.status, result.headers['content-type'], result.text);
    throw new RoutingError(`routing: the Telco Finder answered ${result.status}: ${summary.message}`, 'finder');
  }
  let body: unknown;
  try {
    body = JSON.parse(result.text);
  } catch {
    const what = /^\s*</.test(result.text) ? 'HTML' : result.text.trim() ? 'text that is not JSON' : 'an empty body';
    throw new RoutingError(`routing: the Telco Finder answered 200 with ${what}, not the JSON of a route`, 'finder');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the body';
    const message = issue?.message ?? 'unexpected';
    const rule = message.startsWith(`${where}:`) || message.startsWith(`${where.split('.').at(-1)}:`) ? message : `${where}: ${message}`;
    throw new RoutingError(`routing: the Telco Finder's answer is not a route (${rule})`, 'finder');
  }
  return parsed.data;
}

function routeOf(answer: z.infer<typeof ANSWER>): OperatorRoute {
  return {
    operatorId: answer.operatorId,
    operatorName: answer.operatorName ?? answer.operatorId,
    apiRoot: answer.apiRoot.replace(/\/+$/, ''),
    issuer: answer.authProviderConfiguration.issuer.replace(/\/+$/, ''),
  };
}
