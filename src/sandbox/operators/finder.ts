// The sandbox's Telco Finder (an aggregator's routing step, GSMA Open Gateway OPG.10 in its simplest shape): a device's
// phone number or IP address → the operator serving it, with its API root and authorization server. One small
// loopback HTTP server; the wire contract is the one the core's client (src/core/routing/telco-finder.ts) reads:
//   POST /telco-finder/v1/search {"target":{"phoneNumber"|"ipv4Address"|"ipv6Address": "..."}} → 200 the operator | 404
//   GET  /telco-finder/v1/operators → 200 {"operators":[…]}
// Every error is CAMARA's ErrorInfo ({status, code, message}); bad input is a 400 naming the field, never a 5xx.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { E164_STRICT, isIpv4, isIpv6 } from '../../core/camara/fields';
import { isClientAbort, readBody, sendJson } from '../http-util';
import { deviceScope, type DeviceScope, type OperatorIdentity } from './ranges';

export const SEARCH_PATH = '/telco-finder/v1/search';
export const OPERATORS_PATH = '/telco-finder/v1/operators';

/** What the finder answers for one operator. */
export interface FinderAnswer {
  operatorId: string;
  operatorName: string;
  apiRoot: string;
  authProviderConfiguration: { issuer: string; openIdConfiguration: string };
}

export interface FinderServer {
  url: string;
  close(): Promise<void>;
}

class BadRequest extends Error {}

const TARGET_RULE = 'must be an object with exactly one of phoneNumber, ipv4Address or ipv6Address';

/** Starts the finder on loopback for operators already running at their issuers (each its own API root). */
export async function startTelcoFinder(
  operators: ReadonlyArray<{ identity: OperatorIdentity; issuer: string }>,
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<FinderServer> {
  const entries: Array<{ serves: DeviceScope; answer: FinderAnswer }> = operators.map(({ identity, issuer }) => ({
    serves: deviceScope(identity),
    answer: {
      operatorId: identity.id,
      operatorName: identity.name,
      apiRoot: issuer,
      authProviderConfiguration: { issuer, openIdConfiguration: `${issuer}/.well-known/openid-configuration` },
    },
  }));

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '';
    const path = target.startsWith('/') ? URL.parse(target, 'http://finder.invalid')?.pathname : undefined;
    if (path === SEARCH_PATH) {
      if (req.method !== 'POST') return notAllowed(req, res, 'POST');
      const key = searchKey(await readJson(req));
      const found = entries.find((e) => e.serves(key));
      if (!found) return error(res, 404, 'NOT_FOUND', 'No operator serves this device');
      return sendJson(res, 200, found.answer);
    }
    if (path === OPERATORS_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return notAllowed(req, res, 'GET');
      return sendJson(res, 200, { operators: entries.map((e) => e.answer) });
    }
    req.resume();
    return error(res, 404, 'NOT_FOUND', `No such endpoint: use POST ${SEARCH_PATH} or GET ${OPERATORS_PATH}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (isClientAbort(e, req) || res.headersSent) return res.destroy();
      // Everything that can go wrong here is the request's: too large, not JSON, the wrong shape.
      error(res, 400, 'INVALID_ARGUMENT', e instanceof BadRequest ? e.message : `body: ${(e as Error).message}`);
    });
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString('utf8');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequest('body: must be JSON');
  }
}

/** The device key (`tel:+34…`, `ip:…`) the search is about, or a 400 naming the field and its rule. */
export function searchKey(body: unknown): string {
  if (!isObject(body)) throw new BadRequest('body: must be a JSON object with "target"');
  const extra = Object.keys(body).find((k) => k !== 'target');
  if (extra !== undefined) throw new BadRequest(`${fieldName(extra)}: is not allowed (only "target")`);
  const target = body.target;
  if (!isObject(target)) throw new BadRequest(`target: ${TARGET_RULE}`);
  const keys = Object.keys(target);
  if (keys.length !== 1) throw new BadRequest(`target: ${TARGET_RULE} (got ${keys.length} fields)`);
  const [field = ''] = keys;
  const value = target[field];
  const fits = (test: (v: string) => boolean) => typeof value === 'string' && value.length <= 64 && test(value);
  switch (field) {
    case 'phoneNumber':
      if (!fits((v) => E164_STRICT.test(v)))
        throw new BadRequest('target.phoneNumber: must be an E.164 number with a leading +, such as +34666666661');
      return `tel:${value as string}`;
    case 'ipv4Address':
      if (!fits(isIpv4)) throw new BadRequest('target.ipv4Address: must be an IPv4 address in dotted form, such as 203.0.113.5');
      return `ip:${value as string}`;
    case 'ipv6Address':
      if (!fits(isIpv6)) throw new BadRequest('target.ipv6Address: must be an IPv6 address, such as 2001:db8:a::1');
      return `ip:${value as string}`;
    default:
      throw new BadRequest(`target.${fieldName(field)}: is not allowed; target ${TARGET_RULE}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field name from the request, shortened and stripped so an error never echoes much of it. */
const fieldName = (name: string) => name.replace(/[^\w.-]/g, '?').slice(0, 40);

function notAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
  req.resume();
  sendJson(res, 405, { status: 405, code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed here; use ${allow}` }, { allow });
}

function error(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { status, code, message });
}
