// A sandbox bound to 0.0.0.0: not loopback, so every rule for a sandbox other machines reach applies, while the
// tests talk to it on 127.0.0.1 (this machine allows loopback traffic only). Also a TCP listener on 127.0.0.1 that
// counts connections: what a refused sink must never get.
import { createServer, type Socket } from 'node:net';
import { request } from 'undici';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server';
import { form } from './client';

export const V1 =
  'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete ' +
  'quality-on-demand:sessions:update quality-on-demand:sessions:retrieve-by-device qos-profiles:read';
export const V0 = 'qod-sessions-write qod-sessions-read qod-sessions-delete qod-profiles-read';

export interface JsonReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Read field by field, as test/support/client.ts's Reply does. */
  body: any;
}

export interface RemoteSandbox {
  sb: Sandbox;
  /** The sandbox's address on loopback (its issuer says 0.0.0.0). */
  base: string;
  close(): Promise<void>;
}

export async function startRemoteSandbox(options: SandboxOptions = {}): Promise<RemoteSandbox> {
  const sb = await startSandbox({ host: '0.0.0.0', allowRemote: true, rateLimit: false, ...options });
  const base = sb.url.replace('//0.0.0.0:', '//127.0.0.1:');
  if (!base.startsWith('http://127.0.0.1:')) throw new Error(`unexpected sandbox URL ${sb.url}`);
  return { sb, base, close: () => sb.close() };
}

export const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A form POST with no client authentication unless given (client.ts's `form` sends the demo client's by default). */
export const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<JsonReply> =>
  form(url, fields, headers);

/** A client credentials token for one of the run's clients (by its per-run secret). */
export async function tokenFor(remote: RemoteSandbox, clientId: string, scope = `${V1} ${V0}`): Promise<string> {
  const client = remote.sb.clients.find((c) => c.clientId === clientId);
  if (!client?.clientSecret) throw new Error(`no client ${clientId} with a secret on this run`);
  const reply = await postForm(
    `${remote.base}/token`,
    { grant_type: 'client_credentials', scope },
    { authorization: basic(clientId, client.clientSecret) },
  );
  if (reply.status !== 200) throw new Error(`client credentials failed: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token;
}

/** A QoD call under `mount` (`/quality-on-demand/v1`, `/v0.10/qod/v0`, …). */
export async function call(remote: RemoteSandbox, method: string, path: string, token: string, body?: unknown): Promise<JsonReply> {
  const res = await request(`${remote.base}${path}`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export interface CountingListener {
  port: number;
  connections: number;
  close(): Promise<void>;
}

/** A plain TCP listener on 127.0.0.1 that counts and drops every connection. */
export async function countingListener(): Promise<CountingListener> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `check` holds, at most `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    if (check()) return true;
  }
  return check();
}
