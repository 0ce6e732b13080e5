// The control endpoint of device network scripts: `PUT /sandbox/v1/network/devices/{device}` with `{"script": "…"}`,
// `GET` (the script and what it will do, in words), `DELETE` (back to the last-digit conventions), and `GET
// /sandbox/v1/network/devices` (every scripted device). Any valid access token of this sandbox may use it (any
// scope), so a web page cannot drive it: it sends no CORS headers and takes JSON only. Errors in CAMARA's ErrorInfo
// shape, naming the field.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, BodyTooLargeError } from './http-util';
import { ApiError } from './qod/api-error';
import { parseDevice, parseNetworkScript } from './qod/network-scripts';
import { MAX_SCRIPTED_DEVICES, type DeviceNetworks } from './qod/network-timeline';
import { admit, answerError, decodePathParam, type GateDeps } from './qod/prelude';

export const NETWORK_CONTROL_PATH = '/sandbox/v1/network/devices';
/** `{"script": "…"}` is a few hundred bytes at most. */
const MAX_BODY = 4096;

export class NetworkControl {
  constructor(private readonly deps: GateDeps & { networks: DeviceNetworks }) {}

  /** `rest` is the path after NETWORK_CONTROL_PATH: `` or `/{device}`. */
  async handle(rest: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const segments = rest.split('/').filter(Boolean);
      if (segments.length > 1) throw new ApiError(404, 'NOT_FOUND', `No such endpoint: ${NETWORK_CONTROL_PATH}${rest.slice(0, 80)}`);
      const method = req.method ?? 'GET';
      const allowed = segments.length === 0 ? ['GET'] : ['GET', 'PUT', 'DELETE'];
      if (!allowed.includes(method)) {
        throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here; use ${allowed.join(', ')}`, {
          allow: allowed.join(', '),
        });
      }
      // Each API client scripts its own sessions' network (sessions are kept per client too).
      const { clientId } = await admit(this.deps, req, res);
      const { networks } = this.deps;
      if (segments.length === 0) return sendJson(res, 200, { devices: networks.list(clientId) });
      const device = parseDevice(decodePathParam(segments[0] as string));
      if (!device.ok) throw new ApiError(400, 'INVALID_ARGUMENT', device.error);
      if (method === 'GET') return sendJson(res, 200, networks.view(device.value, clientId));
      if (method === 'DELETE') {
        req.resume();
        networks.clear(device.value, clientId);
        return sendJson(res, 200, networks.view(device.value, clientId));
      }
      const script = parseNetworkScript((await readScriptBody(req)).script);
      if (!script.ok) throw new ApiError(400, 'INVALID_ARGUMENT', script.error);
      if (!networks.set(device.value, script.value, clientId)) {
        throw new ApiError(409, 'CONFLICT', `The sandbox holds scripts for at most ${MAX_SCRIPTED_DEVICES} devices: clear some first`);
      }
      sendJson(res, 200, networks.view(device.value, clientId));
    } catch (error) {
      answerError('v1', error, req, res);
    }
  }
}

/** `{"script": "…"}` and nothing else, as JSON of at most MAX_BODY bytes. */
async function readScriptBody(req: IncomingMessage): Promise<{ script?: unknown }> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    req.resume();
    throw new ApiError(400, 'INVALID_ARGUMENT', `Content-Type must be application/json (got ${type ? `"${type.slice(0, 60)}"` : 'none'})`);
  }
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(400, 'INVALID_ARGUMENT', `body: ${error.message}`);
    throw error;
  }
  if (raw.length > MAX_BODY) throw new ApiError(400, 'INVALID_ARGUMENT', `body: must be at most ${MAX_BODY} bytes (got ${raw.length})`);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'body: must be JSON such as {"script":"network-ends:30s"}');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'body: must be an object such as {"script":"network-ends:30s"}');
  }
  const extra = Object.keys(body).find((key) => key !== 'script');
  if (extra !== undefined) throw new ApiError(400, 'INVALID_ARGUMENT', `${extra.slice(0, 40)}: is not a field here (only "script")`);
  return body as { script?: unknown };
}
