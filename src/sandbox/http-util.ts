// Small helpers for the sandbox's plain node:http server.
import { IncomingMessage, type ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body is larger than ${MAX_BODY_BYTES / 1024} KiB`);
  }
}

/** Reads the whole body, refusing more than `MAX_BODY_BYTES` without buffering the excess. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new BodyTooLargeError();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw new BodyTooLargeError();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(body === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

/**
 * An HTML page that loads nothing. Browsers apply `form-action` to every redirect after a form is posted, so a
 * page whose form ends at a client's redirect URI names that origin in `formRedirectOrigins`.
 */
export function sendHtml(res: ServerResponse, status: number, html: string, formRedirectOrigins: string[] = []): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${["'self'", ...formRedirectOrigins].join(' ')}`,
    'cache-control': 'no-store',
    // The sign-in page's URL carries its key: no Referer takes it anywhere.
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

// 127.0.0.0/8, ::1 (and IPv4-mapped 127/8), localhost and *.localhost: the core's one definition, re-exported for the
// sandbox's callers. Whether the sandbox is on loopback is checked against its bound address as well (server.ts).
export { isLoopbackHost } from '../core/http/loopback';

/** The client closed the connection before its request was read: not a failure of the sandbox. */
export function isClientAbort(error: unknown, req: IncomingMessage): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return (code === 'ECONNRESET' || code === 'ECONNABORTED' || (error as Error | undefined)?.message === 'aborted') && !req.complete;
}

/**
 * A fresh request with the same head and the given body, for a handler (oidc-provider) that reads the body
 * itself after the sandbox has already read and amended it.
 */
export function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = new IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.httpVersion = req.httpVersion;
  replay.headers = { ...req.headers, 'content-length': String(body.length) };
  replay.rawHeaders = req.rawHeaders;
  // Complete, so that ending this stream never destroys the shared socket (it would for an aborted request).
  replay.complete = true;
  replay.push(body);
  replay.push(null);
  return replay;
}
