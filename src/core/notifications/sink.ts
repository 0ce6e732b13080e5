// A local receiver for QoD notifications: v1 CloudEvents (1.1 and 1.2), v0.10 webhooks (also CloudEvents) and
// v0.8's bare termination event. It checks the bearer token, validates the body, emits typed events and answers as
// the specifications say: 204, 400 for a bad body, 401 for a missing or wrong token. With `privateKeyJwt` it is
// also the app's token endpoint of QoD 1.2's PRIVATE_KEY_JWT credential (sink-token-endpoint.ts): the tokens it
// issues there are accepted too.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as v0_8 from '../camara/v0_8';
import * as v0_10 from '../camara/v0_10';
import * as v1 from '../camara/v1';
import * as provisioning from '../camara/provisioning';
import type { Flavour } from '../camara/flavour';
import type { QosStatus, StatusInfo } from '../camara/fields';
import { checkKeySource, SinkTokenEndpoint, type PrivateKeyJwtConfig } from './sink-token-endpoint';

export interface StatusNotification {
  flavour: Flavour;
  sessionId: string;
  /** v0.8 only says the session ended, which reads as UNAVAILABLE. */
  qosStatus: Exclude<QosStatus, 'REQUESTED'>;
  statusInfo?: StatusInfo;
  /** The event as received. */
  event: unknown;
}

/** A QoS Provisioning status change (`org.camaraproject.qos-provisioning.v0.status-changed`). */
export interface AssignmentNotification {
  assignmentId: string;
  status: 'AVAILABLE' | 'UNAVAILABLE';
  statusInfo?: 'NETWORK_TERMINATED' | 'DELETE_REQUESTED';
  event: unknown;
}

export interface SinkOptions {
  /** The bearer token the sender must present; one is generated when not given. */
  token?: string;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  /** Serve `POST /token` for PRIVATE_KEY_JWT sink credentials, trusting the operator's keys. */
  privateKeyJwt?: PrivateKeyJwtConfig;
}

export interface NotificationSink {
  url: string;
  /** Give this to the API as sinkCredential.accessToken / notificationAuthToken. */
  token: string;
  /** With `privateKeyJwt`: give this and the client id to the API as a PRIVATE_KEY_JWT sinkCredential. */
  privateKeyJwt?: { clientId: string; tokenUri: string };
  onNotification(listener: (n: StatusNotification) => void): () => void;
  onAssignmentNotification(listener: (n: AssignmentNotification) => void): () => void;
  close(): Promise<void>;
}

export async function startNotificationSink(options: SinkOptions = {}): Promise<NotificationSink> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const listeners = new Set<(n: StatusNotification) => void>();
  const assignmentListeners = new Set<(n: AssignmentNotification) => void>();
  // Checked before anything listens: a refused configuration leaves no server behind.
  if (options.privateKeyJwt) checkKeySource(options.privateKeyJwt);
  const limit = options.maxBodyBytes ?? 64 * 1024;
  let tokens: SinkTokenEndpoint | undefined;
  const server: Server = createServer((req, res) => {
    const answer = (status: number, body?: object) => {
      res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      res.end(body ? JSON.stringify(body) : undefined);
    };
    // A request target that is not a path (`http://[/`) would throw here and take the host process down.
    const path = URL.canParse(req.url ?? '/', 'http://x') ? new URL(req.url ?? '/', 'http://x').pathname : undefined;
    if (req.method === 'POST' && path === '/token' && tokens) return void serveToken(req, res, tokens);
    if (req.method !== 'POST' || path !== '/notifications') {
      req.resume();
      return answer(404, { status: 404, code: 'NOT_FOUND', message: 'POST /notifications' });
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined || (bearer !== token && !tokens?.accepts(bearer))) {
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
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = parseNotification(text);
      const assignment = parsed ? undefined : parseAssignmentNotification(text);
      if (!parsed && !assignment) {
        return answer(400, { status: 400, code: 'INVALID_ARGUMENT', message: 'not a QoD or QoS Provisioning status notification' });
      }
      answer(204);
      if (parsed) for (const listener of listeners) listener(parsed);
      if (assignment) for (const listener of assignmentListeners) listener(assignment);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = (options.host ?? '127.0.0.1').includes(':') ? `[${options.host}]` : (options.host ?? '127.0.0.1');
  const tokenUri = `http://${host}:${port}/token`;
  if (options.privateKeyJwt) tokens = new SinkTokenEndpoint(options.privateKeyJwt, tokenUri);
  return {
    url: `http://${host}:${port}/notifications`,
    token,
    ...(options.privateKeyJwt ? { privateKeyJwt: { clientId: options.privateKeyJwt.clientId, tokenUri } } : {}),
    onNotification(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onAssignmentNotification(listener) {
      assignmentListeners.add(listener);
      return () => assignmentListeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The token request: a form of at most 16 KiB, answered as OAuth answers (no-store, JSON). */
function serveToken(req: IncomingMessage, res: ServerResponse, tokens: SinkTokenEndpoint): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= 16 * 1024) chunks.push(chunk);
  });
  req.on('end', () => {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (size > 16 * 1024) return send(400, { error: 'invalid_request', error_description: 'the request is larger than 16 KiB' });
    void tokens.exchange(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))).then((a) => send(a.status, a.body));
  });
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

/** A QoS Provisioning event; 0.3.0's schema names the status `qosStatus` in `required` and `status` as the property: either is read. */
export function parseAssignmentNotification(text: string): AssignmentNotification | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const event = provisioning.statusChangedEvent.safeParse(body);
  const status = event.success ? (event.data.data.status ?? event.data.data.qosStatus) : undefined;
  if (!event.success || !status) return undefined;
  const { assignmentId, statusInfo } = event.data.data;
  return { assignmentId, status, ...(statusInfo ? { statusInfo } : {}), event: body };
}
