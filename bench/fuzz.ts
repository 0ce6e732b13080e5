// `npm run bench:fuzz`: hostile requests against every endpoint of the sandbox (QoD API in all flavours, the
// authorization server, unknown paths): mutated and random bodies, wrong types, deep nesting, huge values, bad
// encodings, wrong methods and content types, garbage and valid credentials. Prints what came back: the count of
// 5xx (goal 0, apart from the 501 that v0.10 declares for a device the network cannot serve), of hangs (goal 0),
// of API answers that are not JSON, and of stack traces. Seeded: FUZZ_SEED reproduces a run.
import { Agent, request } from 'undici';
import { startSandbox } from '../src/sandbox/server';

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 12_000);
const CONCURRENCY = 16;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);

/** mulberry32: small, seedable, good enough to pick cases. */
let state = SEED;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (p: number) => random() < p;

const V1 = 'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:delete quality-on-demand:sessions:update quality-on-demand:sessions:retrieve-by-device qos-profiles:read';
const V0 = 'qod-sessions-write qod-sessions-read qod-sessions-delete qod-profiles-read';
const BASIC = `Basic ${Buffer.from('qod-demo:qod-demo-secret').toString('base64')}`;

const API_ROUTES: Array<[string, string, string]> = [
  ['POST', '/quality-on-demand/v1', '/sessions'], ['GET', '/quality-on-demand/v1', '/sessions/{id}'], ['DELETE', '/quality-on-demand/v1', '/sessions/{id}'],
  ['POST', '/quality-on-demand/v1', '/sessions/{id}/extend'], ['POST', '/quality-on-demand/v1', '/retrieve-sessions'],
  ['POST', '/qos-profiles/v1', '/retrieve-qos-profiles'], ['GET', '/qos-profiles/v1', '/qos-profiles/{name}'],
  ['POST', '/v0.10/qod/v0', '/sessions'], ['GET', '/v0.10/qod/v0', '/sessions/{id}'], ['DELETE', '/v0.10/qod/v0', '/sessions/{id}'],
  ['POST', '/v0.10/qod/v0', '/sessions/{id}/extend'], ['GET', '/v0.10/qod/v0', '/qos-profiles'], ['GET', '/v0.10/qod/v0', '/qos-profiles/{name}'],
  ['POST', '/v0.8/qod/v0', '/sessions'], ['GET', '/v0.8/qod/v0', '/sessions/{id}'], ['DELETE', '/v0.8/qod/v0', '/sessions/{id}'],
  ['POST', '/qod/v0', '/sessions'], ['GET', '/qod/v0', '/qos-profiles'],
];
const OIDC_ROUTES: Array<[string, string]> = [
  ['POST', '/token'], ['POST', '/bc-authorize'], ['GET', '/authorize'], ['POST', '/revoke'], ['POST', '/introspect'],
  ['GET', '/userinfo'], ['GET', '/jwks'], ['GET', '/.well-known/openid-configuration'], ['GET', '/logout'], ['GET', '/interaction/nope'],
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

const HOSTILE_STRINGS = [
  '', ' ', 'x'.repeat(5000), '%E0%A4%A', '%00', '../../etc/passwd', '<script>alert(1)</script>', '\u0000\u0001', '💥'.repeat(50),
  '{{7*7}}', "' OR 1=1 --", '-1', '1e400', 'NaN', 'null', 'true', '+34666666661', '203.0.113.1', '2001:db8::1', 'QOS_E',
];

function hostileValue(depth = 0): unknown {
  switch (Math.floor(random() * 12)) {
    case 0: return pick(HOSTILE_STRINGS);
    case 1: return Math.floor(random() * 2 ** 53) * (chance(0.5) ? -1 : 1);
    case 2: return random() * 1e308;
    case 3: return chance(0.5);
    case 4: return null;
    case 5: return depth < 3 ? Array.from({ length: Math.floor(random() * 4) }, () => hostileValue(depth + 1)) : [];
    case 6: return depth < 3 ? { [pick(['device', 'phoneNumber', 'ipv4Address', 'qosProfile', 'duration', 'sink', 'x'])]: hostileValue(depth + 1) } : {};
    case 7: return 'y'.repeat(Math.floor(random() * 70_000));
    case 8: return Number.MAX_SAFE_INTEGER + 2;
    case 9: return 0.5;
    default: return pick(['ACTIVE', 'AVAILABLE', 'bearer', 'ACCESSTOKEN', 'https://app.example/n', 'http://127.0.0.1:1/n']);
  }
}

function validBody(path: string, mount: string): Record<string, unknown> {
  const phone = `+3461${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
  if (path === '/sessions' && mount.includes('v0.8')) return { ueId: { msisdn: phone.slice(1) }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E', duration: 60 };
  if (path === '/sessions') return { device: { phoneNumber: phone }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: pick(['QOS_E', 'QOS_L', 'QOS_XL_TRIAL']), duration: 60 };
  if (path.endsWith('/extend')) return { requestedAdditionalDuration: 60 };
  if (path === '/retrieve-sessions') return { device: { phoneNumber: phone } };
  return { status: 'ACTIVE' };
}

function mutate(body: Record<string, unknown>): string {
  const roll = random();
  if (roll < 0.1) return '';
  if (roll < 0.2) return JSON.stringify(body).slice(0, Math.floor(random() * 40));
  if (roll < 0.27) return `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
  if (roll < 0.32) return `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  if (roll < 0.4) return JSON.stringify(hostileValue());
  if (roll < 0.45) return Buffer.from(Array.from({ length: 200 }, () => Math.floor(random() * 256))).toString('latin1');
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(body));
  const keys = Object.keys(copy);
  const times = 1 + Math.floor(random() * 3);
  for (let i = 0; i < times; i++) {
    const key = chance(0.8) && keys.length ? pick(keys) : pick(['sink', 'sinkCredential', 'devicePorts', 'webhook', 'extra', '__proto__', 'constructor']);
    if (chance(0.3)) delete copy[key];
    else copy[key] = hostileValue();
  }
  return roll < 0.6 ? JSON.stringify(copy) : JSON.stringify(body);
}

function formBody(path: string): string {
  const form = new URLSearchParams();
  const grants = ['client_credentials', 'urn:openid:params:grant-type:ciba', 'authorization_code', 'refresh_token', 'password', pick(HOSTILE_STRINGS)];
  if (chance(0.9)) form.set('grant_type', pick(grants));
  if (chance(0.7)) form.set('scope', pick([V1, V0, 'openid', 'made-up', `${V1} ${pick(HOSTILE_STRINGS)}`, pick(HOSTILE_STRINGS)]));
  if (path === '/bc-authorize' || chance(0.2)) form.set('login_hint', pick(['tel:+34666666661', 'tel:+34666666665', 'ipport:203.0.113.1', 'phone_number:+1', pick(HOSTILE_STRINGS)]));
  if (chance(0.3)) form.set('auth_req_id', pick(HOSTILE_STRINGS));
  if (chance(0.2)) form.set('code', pick(HOSTILE_STRINGS));
  if (chance(0.2)) form.set('token', pick(HOSTILE_STRINGS));
  if (chance(0.1)) form.set('client_assertion', pick(HOSTILE_STRINGS));
  if (chance(0.1)) form.set('client_id', pick(['qod-demo', 'nobody', pick(HOSTILE_STRINGS)]));
  if (chance(0.05)) form.set('scope', 'x'.repeat(70_000));
  return form.toString();
}

interface Outcome { status?: number; hang?: boolean; error?: string; json: boolean; trace: boolean; api: boolean; where: string }

async function main(): Promise<void> {
  const unexpected: unknown[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => { unexpected.push(args[0]); };
  const sb = await startSandbox({ rateLimit: false, maxSessions: 1_000_000, activationDelayMs: 50 });
  const agent = new Agent({ connections: CONCURRENCY, headersTimeout: 5000, bodyTimeout: 5000 });
  const token = async (scope: string) => {
    const res = await request(`${sb.url}/token`, { method: 'POST', dispatcher: agent, headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&scope=${encodeURIComponent(scope)}` });
    return ((await res.body.json()) as { access_token: string }).access_token;
  };
  const good = await token(`${V1} ${V0}`);
  const narrow = await token('qos-profiles:read');
  const ids: string[] = ['3fa85f64-5717-4562-b3fc-2c963f66afa6'];

  async function one(): Promise<Outcome> {
    const api = chance(0.7);
    let method: string;
    let url: string;
    let body: string | undefined;
    const headers: Record<string, string> = {};
    if (api) {
      const [m, mount, template] = pick(API_ROUTES);
      method = chance(0.9) ? m : pick(METHODS);
      const id = chance(0.6) ? pick(ids) : encodeURIComponent(pick(HOSTILE_STRINGS)).replace(/%25/g, '%');
      const path = template.replace('{id}', id).replace('{name}', chance(0.7) ? pick(['QOS_E', 'QOS_XL_TRIAL', 'NOPE']) : pick(HOSTILE_STRINGS).replace(/[/?#]/g, ''));
      url = `${sb.url}${mount}${path}${chance(0.1) ? `?status=${encodeURIComponent(pick(HOSTILE_STRINGS))}&name=${encodeURIComponent(pick(HOSTILE_STRINGS))}` : ''}`;
      const auth = random();
      if (auth < 0.75) headers.authorization = `Bearer ${good}`;
      else if (auth < 0.82) headers.authorization = `Bearer ${narrow}`;
      else if (auth < 0.9) headers.authorization = pick([`Bearer ${pick(HOSTILE_STRINGS).replace(/[^\x20-\x7e]/g, '')}`, 'Basic abc', 'Bearer', `Bearer ${good.slice(0, -3)}xyz`]);
      if (chance(0.1)) headers['x-correlator'] = pick(HOSTILE_STRINGS).replace(/[^\x20-\x7e]/g, '');
      if (method !== 'GET' && method !== 'HEAD') {
        body = chance(0.85) ? mutate(validBody(template, mount)) : undefined;
        headers['content-type'] = chance(0.85) ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data']);
      }
    } else if (chance(0.9)) {
      const [m, path] = pick(OIDC_ROUTES);
      method = chance(0.85) ? m : pick(METHODS);
      url = `${sb.url}${path}`;
      if (method === 'GET' && path === '/authorize') {
        url += `?${new URLSearchParams({ response_type: pick(['code', 'token', '']), client_id: pick(['qod-demo', 'qod-demo-public', 'x']), redirect_uri: pick(['http://127.0.0.1:5000/cb', 'http://127.0.0.1:5000/cb#f', 'https://evil.example/cb', pick(HOSTILE_STRINGS)]), scope: pick(['openid', 'openid made-up', V1]), state: 's', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}`;
      }
      if (method === 'POST') {
        body = formBody(path);
        headers['content-type'] = chance(0.9) ? 'application/x-www-form-urlencoded' : pick(['application/json', 'text/plain']);
        if (chance(0.8)) headers.authorization = pick([BASIC, `Basic ${Buffer.from('qod-demo:wrong').toString('base64')}`, 'Basic !!!', `Bearer ${good}`]);
      }
    } else {
      method = pick(METHODS);
      url = `${sb.url}/${encodeURIComponent(pick(HOSTILE_STRINGS)).replace(/%25/g, '%')}${chance(0.5) ? '/x/y' : ''}`;
    }
    const where = `${method} ${url.replace(sb.url, '').slice(0, 80)}`;
    try {
      const res = await request(url, { method: method as 'GET', headers, body, dispatcher: agent });
      const text = await res.body.text();
      if (res.statusCode === 201 && /sessionId|"id"/.test(text)) {
        const id = /"(?:sessionId|id)":"([0-9a-f-]{36})"/.exec(text)?.[1];
        if (id && ids.length < 200) ids.push(id);
      }
      const json = (() => { try { if (text) JSON.parse(text); return true; } catch { return false; } })();
      return { status: res.statusCode, json, trace: /\bat [\w.<>]+ \(.*:\d+:\d+\)|\.ts:\d+:\d+/.test(text), api, where };
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      return { hang: /TIMEOUT/.test(code), error: code || (error as Error).message, json: false, trace: false, api, where };
    }
  }

  const started = performance.now();
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < TOTAL) outcomes.push(await one());
  }));
  const seconds = (performance.now() - started) / 1000;
  console.error = originalError;
  await agent.close();
  await sb.close();

  const byStatus = new Map<string, number>();
  for (const o of outcomes) byStatus.set(String(o.status ?? o.error), (byStatus.get(String(o.status ?? o.error)) ?? 0) + 1);
  const declared501 = outcomes.filter((o) => o.status === 501 && /^POST \/(v0\.10\/)?qod\/v0\/sessions(\?|$)/.test(o.where));
  const fiveXX = outcomes.filter((o) => (o.status ?? 0) >= 500 && !declared501.includes(o));
  const hangs = outcomes.filter((o) => o.hang);
  const otherErrors = outcomes.filter((o) => o.error && !o.hang);
  const notJson = outcomes.filter((o) => o.api && o.status !== undefined && !o.json);
  const traces = outcomes.filter((o) => o.trace);
  console.log(`fuzz: ${outcomes.length} requests in ${seconds.toFixed(1)} s (seed ${SEED}, ${CONCURRENCY} at a time); Node ${process.version}`);
  console.log(`statuses: ${[...byStatus].sort().map(([s, c]) => `${s}×${c}`).join('  ')}`);
  console.log(`5xx: ${fiveXX.length}   (plus ${declared501.length} × 501 NOT_IMPLEMENTED that v0.10 declares for a device the network cannot serve)`);
  console.log(`hangs: ${hangs.length}   connection errors: ${otherErrors.length}   API answers not JSON: ${notJson.length}   stack traces: ${traces.length}   'unexpected error' logs: ${unexpected.length}`);
  for (const o of [...fiveXX, ...hangs, ...otherErrors, ...notJson, ...traces].slice(0, 10)) console.log(`  ${o.where} → ${o.status ?? o.error}`);
  process.exitCode = fiveXX.length + hangs.length + traces.length + unexpected.length + notJson.length > 0 ? 1 : 0;
}

void main();
