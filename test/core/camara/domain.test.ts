import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ERROR_CATALOGUE, explainError } from '../../../src/core/camara/error-catalogue';
import { normaliseSession } from '../../../src/core/camara/normalise';
import { validateRequest } from '../../../src/core/camara/validate';
import { CAMARA_DIR, camaraAvailable } from '../../support/conformance';

const v1Body = {
  device: { ipv4Address: { publicAddress: '203.0.113.25', publicPort: 5000 } },
  applicationServer: { ipv4Address: '198.51.100.0/24' },
  qosProfile: 'QOS_E',
  duration: 600,
};

describe('QoD domain model: validation', () => {
  it('accepts a valid v1 create body', () => {
    assert.deepEqual(validateRequest('v1', 'createSession', v1Body), { ok: true, value: v1Body });
  });

  it('names the path, the rule and the value', () => {
    const result = validateRequest('v1', 'createSession', {
      ...v1Body,
      device: { ipv4Address: { publicAddress: '203.0.113.25', publicPort: 70000 } },
    });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.issues.map((i) => i.message), [
      'device.ipv4Address.publicPort: must be an integer 0..65535 (got 70000)',
    ]);
  });

  it('explains the seed-sample mistake of nesting fields inside device', () => {
    const result = validateRequest('v1', 'createSession', {
      device: { phoneNumber: '+34666666661', applicationServer: { ipv4Address: '198.51.100.1' }, qosProfile: 'QOS_E', duration: 60 },
    });
    assert.equal(result.ok, false);
    const messages = !result.ok ? result.issues.map((i) => i.message) : [];
    for (const field of ['applicationServer', 'qosProfile', 'duration']) {
      assert.ok(
        messages.some((m) => m.startsWith(`device.${field}: belongs at the top level`)),
        `${field}: ${messages.join(' | ')}`,
      );
    }
    assert.ok(!messages.some((m) => m.includes('is not a field')), 'the misplaced fields are not also reported as unknown');
    assert.ok(messages.includes('qosProfile: is required'));
  });

  it('reports array positions and several problems at once', () => {
    const result = validateRequest('v0.10', 'createSession', {
      device: { phoneNumber: 'abc' },
      applicationServer: { ipv4Address: '198.51.100.1' },
      qosProfile: 'QOS_E',
      devicePorts: { ports: [80, 99999] },
    });
    assert.ok(!result.ok);
    assert.deepEqual(result.issues.map((i) => i.path).sort(), ['device.phoneNumber', 'devicePorts.ports[1]']);
  });

  it('accepts a plain-http loopback sink only when asked to', () => {
    const body = { ...v1Body, sink: 'http://127.0.0.1:9000/n' };
    assert.equal(validateRequest('v1', 'createSession', body).ok, false);
    assert.deepEqual(validateRequest('v1', 'createSession', body, { allowLoopbackHttpSink: true }), { ok: true, value: body });
    assert.equal(
      validateRequest('v1', 'createSession', { ...v1Body, sink: 'http://example.com/n' }, { allowLoopbackHttpSink: true }).ok,
      false,
    );
    // The scheme is case-insensitive (RFC 3986): an upper-case HTTP:// loopback sink is the same local receiver.
    const upper = { ...v1Body, sink: 'HTTP://127.0.0.1:9000/n' };
    assert.deepEqual(validateRequest('v1', 'createSession', upper, { allowLoopbackHttpSink: true }), { ok: true, value: upper });
  });

  it('never echoes a credential in a message: it says the length instead', () => {
    const v010 = validateRequest('v0.10', 'createSession', {
      device: { phoneNumber: '+34666666661' },
      applicationServer: { ipv4Address: '198.51.100.1' },
      qosProfile: 'QOS_E',
      duration: 60,
      webhook: { notificationUrl: 'https://app.example/n', notificationAuthToken: 'shortsecret' },
    });
    const v1 = validateRequest('v1', 'createSession', {
      ...v1Body,
      sink: 'https://app.example/n',
      sinkCredential: {
        credentialType: 'ACCESSTOKEN',
        accessToken: 42,
        accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
        accessTokenType: 'bearer',
      },
    });
    const messages = [v010, v1].flatMap((r) => (r.ok ? [] : r.issues));
    assert.ok(
      messages.some((i) => /webhook\.notificationAuthToken: .* \(got a string of 11 characters\)$/.test(i.message)),
      JSON.stringify(messages),
    );
    assert.ok(
      messages.some((i) => /sinkCredential\.accessToken: .* \(got number\)$/.test(i.message)),
      JSON.stringify(messages),
    );
    assert.doesNotMatch(JSON.stringify(messages), /shortsecret|42\)/);
  });

  it('refuses a body nested deeper than 32 levels without walking it (no stack overflow)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = validateRequest('v1', 'createSession', { ...v1Body, device: deep });
    assert.ok(!result.ok);
    assert.equal(result.issues[0]?.message, '(body): nests objects or arrays more than 32 levels deep');
  });

  it('says which operations a flavour lacks', () => {
    const result = validateRequest('v0.8', 'extendSession', { requestedAdditionalDuration: 5 });
    assert.ok(!result.ok);
    assert.equal(result.issues[0]?.message, '(body): extendSession is not part of QoD v0.8');
  });
});

describe('QoD domain model: one view of a session across flavours', () => {
  it('maps v0.8 `id` and Unix seconds', () => {
    const view = normaliseSession('v0.8', {
      id: 'a',
      ueId: { msisdn: '34666' },
      asId: { ipv4addr: '1.2.3.4' },
      qos: 'QOS_S',
      duration: 60,
      startedAt: 1700000000,
      expiresAt: 1700000060,
    });
    assert.deepEqual(view, {
      flavour: 'v0.8',
      id: 'a',
      status: 'AVAILABLE',
      qosProfile: 'QOS_S',
      durationSeconds: 60,
      startedAt: '2023-11-14T22:13:20.000Z',
      expiresAt: '2023-11-14T22:14:20.000Z',
      device: 'msisdn 34666',
      applicationServer: 'ipv4addr 1.2.3.4',
    });
  });

  it('maps v0.10 `sessionId` with Unix seconds and v1 RFC 3339, to the same instants', () => {
    const common = {
      sessionId: 's',
      applicationServer: { ipv4Address: '1.2.3.4' },
      qosProfile: 'QOS_E',
      duration: 60,
      qosStatus: 'AVAILABLE',
    };
    const v010 = normaliseSession('v0.10', {
      ...common,
      device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 80 } },
      startedAt: 1700000000,
      expiresAt: 1700000060,
    });
    const v1 = normaliseSession('v1', { ...common, startedAt: '2023-11-14T23:13:20+01:00', expiresAt: '2023-11-14T22:14:20Z' });
    assert.equal(v010.startedAt, v1.startedAt);
    assert.equal(v010.expiresAt, v1.expiresAt);
    assert.equal(v010.device, 'ipv4Address 203.0.113.1:80');
    assert.equal(v1.device, undefined);
  });
});

describe('QoD domain model: error catalogue', () => {
  it('has an explanation and a fix for every code', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      assert.ok(entry.explanation.length > 10 && entry.fix.length > 10, code);
    }
    assert.equal(explainError('QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE')?.status, 400);
  });

  it('covers every error code the official specifications define', function () {
    if (!camaraAvailable) {
      console.log(`      skipped: ${CAMARA_DIR} is absent`);
      this.skip();
    }
    const codes = new Set<string>();
    const walk = (node: unknown, parentKey = ''): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, parentKey));
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (parentKey === 'code' && key === 'enum' && Array.isArray(value)) value.forEach((v) => codes.add(String(v)));
        if (key === 'code' && typeof value === 'string' && /^[A-Z_.]+$/.test(value)) codes.add(value);
        walk(value, key);
      }
    };
    for (const file of ['quality-on-demand-1.1.0.yaml', 'qos-profiles-1.1.0.yaml', 'qod-api-0.10.1.yaml', 'qod-api-0.8.1.yaml']) {
      walk(parse(readFileSync(join(CAMARA_DIR, file), 'utf8')));
    }
    assert.ok(codes.size > 20, `found ${codes.size} codes`);
    const missing = [...codes].filter((c) => !ERROR_CATALOGUE[c]);
    assert.deepEqual(missing, []);
  });
});
