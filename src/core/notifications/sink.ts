// A local receiver for QoD notifications: v1 CloudEvents, v0.10 webhooks (also CloudEvents) and v0.8's
// bare termination event. It checks the bearer token, validates the body, emits typed events and answers as
// the specifications say: 204, 400 for a bad body, 401 for a missing or wrong token.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as v0_8 from '../camara/v0_8';
import * as v0_10 from '../camara/v0_10';
import * as v1 from '../camara/v1';
import type { Flavour } from '../camara/flavour';
import type { QosStatus, StatusInfo } from '../camara/fields';

export interface StatusNotification {
  flavour: Flavour;
  sessionId: string;
  /** v0.8 only says the session ended, which reads as UNAVAILABLE. */
  qosStatus: Exclude<QosStatus, 'REQUESTED'>;
  statusInfo?: StatusInfo;
  /** The event as received. */
  event: unknown;
}

export interface SinkOptions {
  /** The bearer token the sender must present; one is generated when not given. */
  token?: string;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
}

export interface NotificationSink {
  url: string;
  /** Give this to the API as sinkCredential.accessToken / notificationAuthToken. */
  token: string;
  onNotification(listener: (n: StatusNotification) => void): () => void;
  close(): Promise<void>;
}

export async function startNotificationSink(options: SinkOptions = {}): Promise<NotificationSink> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const listeners = new Set<(n: StatusNotification) => void>();
  const limit = options.maxBodyBytes ?? 64 * 1024;
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body?: object) => {
      res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      res.end(body ? JSON.stringify(body) : undefined);
    };
    // A request target that is not a path (`http://[/`) would throw here and take the host process down.
    const path = URL.canParse(req.url ?? '/', 'http://x') ? new URL(req.url ?? '/', 'http://x').pathname : undefined;
    if (req.method !== 'POST' || path !== '/notifications') {
      req.resume();
      return answer(404, { status: 404, code: 'NOT_FOUND', message: 'POST /notifications' });
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      req.resume();
      return answer(401, { status: 401, code: 'UNAUTHENTICATED', message: 'missing or wrong bearer token' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return answer(400, { status: 400, code: 'INVALID_ARGUMENT', message: 'body too large' });
      const parsed = parseNotification(Buffer.concat(chunks).toString('utf8'));
      if (!parsed) return answer(400, { status: 400, code: 'INVALID_ARGUMENT', message: 'not a QoD status notification' });
      answer(204);
      for (const listener of listeners) listener(parsed);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = (options.host ?? '127.0.0.1').includes(':') ? `[${options.host}]` : (options.host ?? '127.0.0.1');
  return {
    url: `http://${host}:${port}/notifications`,
    token,
    onNotification(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function parseNotification(text: string): StatusNotification | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const [flavour, schema] of [
    ['v1', v1.statusChangedEvent],
    ['v0.10', v0_10.statusChangedEvent],
  ] as const) {
    const event = schema.safeParse(body);
    if (event.success) {
      return {
        flavour,
        sessionId: event.data.data.sessionId,
        qosStatus: event.data.data.qosStatus,
        statusInfo: event.data.data.statusInfo,
        event: body,
      };
    }
  }
  const legacy = v0_8.notification.safeParse(body);
  if (legacy.success) return { flavour: 'v0.8', sessionId: legacy.data.sessionId, qosStatus: 'UNAVAILABLE', event: body };
  return undefined;
}
