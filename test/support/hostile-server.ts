// A provider that misbehaves on the wire, on loopback: it trickles its answer one byte at a time, or sends far
// more than any QoD answer. The behaviour is chosen by a word in the path, so an API base such as
// http://127.0.0.1:P/trickle/qod makes every request of a client misbehave the same way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const SESSION_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

export interface HostileServer {
  url: string;
  /** Body bytes the server got written into sockets, per request path, and whether the client hung up first. */
  sent: Map<string, { bytes: number; clientClosed: boolean }>;
  close(): Promise<void>;
}

/** 100 MB: what a broken provider sent in the audit. */
export const HUGE_BYTES = 100 * 1000 * 1000;

export async function startHostileServer(options: { trickleEveryMs?: number } = {}): Promise<HostileServer> {
  const sent: HostileServer['sent'] = new Map();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    req.resume();
    const path = req.url ?? '/';
    if (path.includes('/trickle')) return trickle(res, options.trickleEveryMs ?? 250, timers);
    if (path.includes('/huge')) return huge(req, res, path.includes('declared'), sent);
    if (path.includes('/big')) {
      // A valid JSON object of about `bytes` bytes (the size in the path: /big/1048576/…).
      const bytes = Number(/\/big\/(\d+)/.exec(path)?.[1] ?? 1024);
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - 10)) }));
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"code":"NOT_FOUND","message":"no"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    sent,
    close: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Headers at once, then one byte of a JSON body every `everyMs`, never finishing: each chunk resets a per-chunk timeout. */
function trickle(res: ServerResponse, everyMs: number, timers: Set<NodeJS.Timeout>): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => res.write(' '), everyMs);
  timers.add(timer);
  res.on('close', () => {
    clearInterval(timer);
    timers.delete(timer);
  });
}

/** 100 MB of JSON-ish bytes in 64 KiB chunks, as fast as the client reads, until it hangs up. */
function huge(req: IncomingMessage, res: ServerResponse, declared: boolean, sent: HostileServer['sent']): void {
  const record = { bytes: 0, clientClosed: false };
  sent.set(req.url ?? '/', record);
  res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(HUGE_BYTES) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (record.bytes < HUGE_BYTES && !res.destroyed) {
      const n = Math.min(chunk.length, HUGE_BYTES - record.bytes);
      record.bytes += n;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => {
    record.clientClosed = !res.writableFinished;
  });
  pump();
}
