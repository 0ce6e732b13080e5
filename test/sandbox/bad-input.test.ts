// Malformed requests, each answered with the right CAMARA error; the sandbox keeps serving afterwards.
import assert from 'node:assert/strict';
import type { Spec } from '../support/conformance';
import { api, clientCredentials } from '../support/client';
import { withSandbox } from '../support/sandbox';

const SCOPES =
  'quality-on-demand:sessions:create quality-on-demand:sessions:read quality-on-demand:sessions:update quality-on-demand:sessions:retrieve-by-device qos-profiles:read qod-sessions-write qod-sessions-read';

const good = {
  device: { phoneNumber: '+34666666661' },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 60,
};
const withDevice = (device: unknown) => ({ ...good, device });
const v010 = { ...good, device: { phoneNumber: '+34666666661' } };

interface BadCase {
  name: string;
  spec?: Spec;
  method?: string;
  path?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Part of the message that must name the field or the rule. */
  says?: RegExp;
}

// v1: a port outside 0..65535 is OUT_OF_RANGE (CAMARA's test definitions accept it there); any other schema
// violation is INVALID_ARGUMENT, as they expect. v0.10 keeps OUT_OF_RANGE for every number outside its range.
const CASES: BadCase[] = [
  { name: 'not JSON', raw: '{"device":', status: 400, code: 'INVALID_ARGUMENT', says: /not valid JSON/ },
  { name: 'empty body', raw: '', status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'JSON array', body: [good], status: 400, code: 'INVALID_ARGUMENT', says: /must be a JSON object/ },
  { name: 'JSON null', raw: 'null', status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'JSON string', raw: '"hello"', status: 400, code: 'INVALID_ARGUMENT' },
  {
    name: 'text/plain content type',
    raw: JSON.stringify(good),
    headers: { 'content-type': 'text/plain' },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /Content-Type/,
  },
  {
    name: 'form content type',
    raw: 'a=b',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /Content-Type/,
  },
  { name: 'body over 64 KiB', body: { ...good, padding: 'x'.repeat(70 * 1024) }, status: 400, code: 'INVALID_ARGUMENT', says: /64 KiB/ },
  {
    name: 'unknown top-level field',
    body: { ...good, priority: 'high' },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /priority: is not a field/,
  },
  {
    name: 'unknown device field',
    body: withDevice({ phoneNumber: '+34666666661', imei: '1' }),
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /device\.imei/,
  },
  {
    name: 'qosProfile nested in device',
    body: {
      device: { phoneNumber: '+34666666661', qosProfile: 'QOS_E', applicationServer: { ipv4Address: '198.51.100.10' }, duration: 60 },
    },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /device\.qosProfile: belongs at the top level/,
  },
  {
    name: 'missing qosProfile',
    body: { ...good, qosProfile: undefined },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /qosProfile: is required/,
  },
  {
    name: 'missing applicationServer',
    body: { ...good, applicationServer: undefined },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /applicationServer: is required/,
  },
  {
    name: 'missing duration',
    body: { ...good, duration: undefined },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /duration: is required/,
  },
  {
    name: 'duration as string',
    body: { ...good, duration: '60' },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /duration: must be an integer/,
  },
  { name: 'duration zero', body: { ...good, duration: 0 }, status: 400, code: 'INVALID_ARGUMENT', says: /duration/ },
  { name: 'duration negative', body: { ...good, duration: -5 }, status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'duration fractional', body: { ...good, duration: 1.5 }, status: 400, code: 'INVALID_ARGUMENT' },
  {
    name: 'duration huge number',
    raw: JSON.stringify(good).replace('"duration":60', '"duration":1e400'),
    status: 400,
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'duration beyond safe integers',
    raw: JSON.stringify(good).replace('"duration":60', '"duration":123456789012345678901234567890'),
    status: 400,
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'duration above profile max',
    body: { ...good, qosProfile: 'QOS_L', duration: 100000 },
    status: 400,
    code: 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
  },
  {
    name: 'phone number without +',
    body: withDevice({ phoneNumber: '34666666661' }),
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /device\.phoneNumber: must be an E\.164/,
  },
  { name: 'phone number with letters', body: withDevice({ phoneNumber: '+34abc' }), status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'phone number too long', body: withDevice({ phoneNumber: '+1234567890123456' }), status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'phone number as number', body: withDevice({ phoneNumber: 34666666661 }), status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'empty device', body: withDevice({}), status: 400, code: 'INVALID_ARGUMENT', says: /at least one identifier/ },
  { name: 'device as string', body: withDevice('+34666666661'), status: 400, code: 'INVALID_ARGUMENT' },
  {
    name: 'bad device IPv4',
    body: withDevice({ ipv4Address: { publicAddress: '300.1.2.3', publicPort: 80 } }),
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /device\.ipv4Address\.publicAddress/,
  },
  {
    name: 'device IPv4 without port or private address',
    body: withDevice({ ipv4Address: { publicAddress: '203.0.113.1' } }),
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /privateAddress or publicPort/,
  },
  {
    name: 'public port out of range',
    body: withDevice({ ipv4Address: { publicAddress: '203.0.113.1', publicPort: 70000 } }),
    status: 400,
    code: 'OUT_OF_RANGE',
    says: /device\.ipv4Address\.publicPort: must be an integer 0\.\.65535 \(got 70000\)/,
  },
  {
    name: 'negative public port',
    body: withDevice({ ipv4Address: { publicAddress: '203.0.113.1', publicPort: -1 } }),
    status: 400,
    code: 'OUT_OF_RANGE',
  },
  {
    name: 'bad device IPv6',
    body: withDevice({ ipv6Address: '2001:db8:::1' }),
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /device\.ipv6Address/,
  },
  {
    name: 'bad application server IPv4',
    body: { ...good, applicationServer: { ipv4Address: '198.51.100' } },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /applicationServer\.ipv4Address/,
  },
  {
    name: 'bad application server subnet',
    body: { ...good, applicationServer: { ipv4Address: '198.51.100.0/40' } },
    status: 400,
    code: 'INVALID_ARGUMENT',
  },
  { name: 'empty application server', body: { ...good, applicationServer: {} }, status: 400, code: 'INVALID_ARGUMENT' },
  {
    name: 'port range reversed',
    body: { ...good, devicePorts: { ranges: [{ from: 6000, to: 5000 }] } },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /from ≤ to/,
  },
  {
    name: 'port list out of range',
    body: { ...good, applicationServerPorts: { ports: [80, 65536] } },
    status: 400,
    code: 'OUT_OF_RANGE',
    says: /applicationServerPorts\.ports\[1\]/,
  },
  { name: 'empty ports spec', body: { ...good, devicePorts: {} }, status: 400, code: 'INVALID_ARGUMENT' },
  { name: 'bad qosProfile characters', body: { ...good, qosProfile: 'QOS E!' }, status: 400, code: 'INVALID_ARGUMENT', says: /qosProfile/ },
  { name: 'unknown qosProfile', body: { ...good, qosProfile: 'QOS_NOPE' }, status: 400, code: 'INVALID_ARGUMENT', says: /no QoS profile/ },
  { name: 'sink not a URL', body: { ...good, sink: 'not a url' }, status: 400, code: 'INVALID_SINK' },
  {
    name: 'bad x-correlator',
    body: good,
    headers: { 'x-correlator': 'bad correlator with spaces' },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /x-correlator/,
  },
  {
    name: 'extend: missing field',
    path: '/sessions/00000000-0000-4000-8000-000000000000/extend',
    body: {},
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /requestedAdditionalDuration: is required/,
  },
  {
    name: 'extend: zero',
    path: '/sessions/00000000-0000-4000-8000-000000000000/extend',
    body: { requestedAdditionalDuration: 0 },
    status: 400,
    code: 'INVALID_ARGUMENT',
  },
  { name: 'get: session id not a UUID', method: 'GET', path: '/sessions/not-a-uuid', status: 400, code: 'INVALID_ARGUMENT', says: /UUID/ },
  { name: 'unknown operation', method: 'PUT', path: '/sessions', body: good, status: 404, code: 'NOT_FOUND' },
  {
    name: 'retrieve-sessions: bad device',
    path: '/retrieve-sessions',
    body: { device: { phoneNumber: 'x' } },
    status: 400,
    code: 'INVALID_ARGUMENT',
  },
  {
    name: 'v0.10: duration over 86400',
    spec: 'v0.10',
    body: { ...v010, duration: 90000 },
    status: 400,
    code: 'OUT_OF_RANGE',
    says: /duration: must be an integer 1\.\.86400/,
  },
  {
    name: 'v0.10: short webhook token',
    spec: 'v0.10',
    body: { ...v010, webhook: { notificationUrl: 'https://example.com', notificationAuthToken: 'short' } },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /webhook\.notificationAuthToken/,
  },
  {
    name: 'v0.10: missing device',
    spec: 'v0.10',
    body: { ...v010, device: undefined },
    status: 400,
    code: 'INVALID_ARGUMENT',
    says: /device: is required/,
  },
  {
    name: 'v0.8: empty ueId',
    spec: 'v0.8',
    body: { ueId: {}, asId: { ipv4addr: '198.51.100.1' }, qos: 'QOS_E' },
    status: 400,
    code: 'INVALID_INPUT',
  },
  { name: 'v0.8: v1 body sent to v0.8', spec: 'v0.8', body: good, status: 400, code: 'INVALID_INPUT', says: /device: is not a field/ },
];

describe('Bad input: every malformed request gets its CAMARA error, and the sandbox keeps serving', () => {
  const { sb } = withSandbox();
  let token: string;

  before(async () => {
    token = await clientCredentials(sb, SCOPES);
  });

  it(`has at least 40 cases (${CASES.length})`, () => {
    assert.ok(CASES.length >= 40);
  });

  for (const c of CASES) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const reply = await api(sb, c.spec ?? 'v1', {
        method: c.method ?? 'POST',
        path: c.path ?? '/sessions',
        token,
        body: c.body,
        raw: c.raw,
        headers: c.headers,
      });
      assert.equal(reply.status, c.status, JSON.stringify(reply.body));
      assert.equal(reply.body.code, c.code);
      if (c.says) assert.match(reply.body.message, c.says);
      assert.doesNotMatch(JSON.stringify(reply.body), /at .*\.ts:\d+|Error:/, 'no stack trace leaks');
    });
  }

  it('still serves a valid request after all of them', async () => {
    const ok = await api(sb, 'v1', { method: 'POST', path: '/sessions', token, body: good });
    assert.equal(ok.status, 201);
  });
});
