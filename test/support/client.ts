// A small real-HTTP client for the tests (undici against the running sandbox). Every QoD response it sees
// from v1 and v0.10 is checked against the official schemas, and the x-correlator echo is checked.
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { request } from 'undici';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import { assertConforms, camaraAvailable, type Spec } from './conformance';
import type { Sandbox } from '../../src/sandbox/server';

export const BASIC = `Basic ${Buffer.from('qod-demo:qod-demo-secret').toString('base64')}`;
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
/** Every scope of QoD v1 and of QoS Profiles v1: a token that may do anything those APIs offer. */
export const ALL_V1_SCOPES = [
  'quality-on-demand:sessions:create',
  'quality-on-demand:sessions:read',
  'quality-on-demand:sessions:delete',
  'quality-on-demand:sessions:update',
  'quality-on-demand:sessions:retrieve-by-device',
  'qos-profiles:read',
  'qos-provisioning:qos-assignments:create',
  'qos-provisioning:qos-assignments:read',
  'qos-provisioning:qos-assignments:delete',
  'qos-provisioning:qos-assignments:read-by-device',
].join(' ');

export interface Reply<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export async function form(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { authorization: BASIC },
): Promise<Reply> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function clientCredentials(sb: Sandbox, scope: string): Promise<string> {
  const reply = await form(`${sb.url}/token`, { grant_type: 'client_credentials', scope });
  if (reply.status !== 200) throw new Error(`client credentials failed: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token;
}

/** A client-credentials token of qod-demo-jwt, the one demo client with a pre-shared PRIVATE_KEY_JWT configuration. */
export async function jwtClientToken(url: string): Promise<string> {
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: DEMO_PRIVATE_JWK.kid })
    .setIssuer('qod-demo-jwt')
    .setSubject('qod-demo-jwt')
    .setAudience(`${url}/token`)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomBytes(8).toString('hex'))
    .sign(await importJWK(DEMO_PRIVATE_JWK, 'ES256'));
  const reply = await form(
    `${url}/token`,
    {
      grant_type: 'client_credentials',
      scope: ALL_V1_SCOPES,
      client_id: 'qod-demo-jwt',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    },
    {},
  );
  if (reply.status !== 200) throw new Error(`qod-demo-jwt client credentials failed: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token;
}

/** A 3-legged token through CIBA for a subscriber that approves on the first poll. */
export async function cibaToken(sb: Sandbox, loginHint: string, scope: string): Promise<string> {
  const start = await form(`${sb.url}/bc-authorize`, { login_hint: loginHint, scope });
  if (start.status !== 200) throw new Error(`bc-authorize failed: ${JSON.stringify(start.body)}`);
  const poll = await form(`${sb.url}/token`, { grant_type: CIBA_GRANT, auth_req_id: start.body.auth_req_id });
  if (poll.status !== 200) throw new Error(`CIBA poll failed: ${JSON.stringify(poll.body)}`);
  return poll.body.access_token;
}

export interface ApiCall {
  method: string;
  /** Path under the mount, `/sessions`. */
  path: string;
  token?: string;
  body?: unknown;
  /** Raw body, sent as is (bad-input tests). */
  raw?: string;
  headers?: Record<string, string>;
}

const MOUNTS: Record<Spec, (sb: Sandbox) => string> = {
  v1: (sb) => sb.urls.qodV1,
  'profiles-v1': (sb) => sb.urls.qosProfilesV1,
  'v1.2': (sb) => sb.urls.qodV1_2,
  'profiles-v1.2': (sb) => sb.urls.qosProfilesV1_2,
  'provisioning-v0.3': (sb) => sb.urls.provisioningV0_3,
  'provisioning-v0.4': (sb) => sb.urls.provisioningV0_4,
  'v0.10': (sb) => sb.urls.qodV0_10,
  'v0.8': (sb) => sb.urls.qodV0_8,
};

/** Calls the QoD API and checks what comes back against the specification (v1, qos-profiles v1, v0.10, v0.8). */
export async function api(sb: Sandbox, spec: Spec, call: ApiCall): Promise<Reply> {
  const correlator = randomUUID();
  const headers: Record<string, string> = { 'x-correlator': correlator, ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const payload = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  const res = await request(`${MOUNTS[spec](sb)}${call.path}`, { method: call.method as 'GET', headers, body: payload });
  const text = await res.body.text();
  const body = text ? JSON.parse(text) : undefined;
  const sent = headers['x-correlator'];
  if (sent && /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/.test(sent) && res.headers['x-correlator'] !== sent) {
    throw new Error(`x-correlator not echoed on ${call.method} ${call.path}: sent ${sent}, got ${String(res.headers['x-correlator'])}`);
  }
  if (camaraAvailable) assertConforms(spec, call.method, call.path, res.statusCode, withHttpsSink(body));
  return { status: res.statusCode, headers: res.headers, body };
}

/**
 * The sandbox accepts (and echoes) a plain-http sink on loopback, a documented relaxation so tests and the
 * extension can receive notifications locally; the schema demands https, so the echo is checked as if it were.
 */
function withHttpsSink(body: unknown): unknown {
  const loopback = (s: unknown) => typeof s === 'string' && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(s);
  const fix = (item: any) => (item && loopback(item.sink) ? { ...item, sink: item.sink.replace(/^http:/, 'https:') } : item);
  return Array.isArray(body) ? body.map(fix) : fix(body);
}
