// QoS Provisioning 0.3.0 (/qos-provisioning/v0.3) and 0.4.0-rc.1 (/qos-provisioning/v0.4rc1) on the sandbox, over
// real HTTP: every operation, every error the brief names, one assignment per device, 204/202 revokes, the 360-s
// retention, digits 5 (asynchronous) and 7 (0.4: UNAVAILABLE at once). Every reply through `api(sb, spec, …)` is
// checked against the official YAML (skipped, with one printed line, without ../shared).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ALL_V1_SCOPES, api, cibaToken, clientCredentials, form } from '../support/client';
import type { Spec } from '../support/conformance';
import { withSandbox } from '../support/sandbox';

const VERSIONS: ReadonlyArray<{ spec: Spec; version: string }> = [
  { spec: 'provisioning-v0.3', version: '0.3.0' },
  { spec: 'provisioning-v0.4', version: '0.4.0-rc.1' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A token of another demo client (client_secret_post). */
async function otherClientToken(url: string): Promise<string> {
  const reply = await form(
    `${url}/token`,
    { grant_type: 'client_credentials', scope: ALL_V1_SCOPES, client_id: 'qod-demo-post', client_secret: 'qod-demo-post-secret' },
    {},
  );
  return reply.body.access_token;
}

for (const { spec, version } of VERSIONS) {
  describe(`QoS Provisioning ${version} on the sandbox (real HTTP, responses checked against its YAML)`, () => {
    const { sb, clock } = withSandbox({ activationDelayMs: 1000 }, { manualClock: true });
    let token: string;
    let phone = 0;
    /** A phone number no other test here uses, ending in `lastDigit`. */
    const fresh = (lastDigit = 1) => `+3463${spec.endsWith('3') ? 3 : 4}${String(phone++).padStart(5, '0')}${lastDigit}`;
    const call = (method: string, path: string, body?: unknown, as = token) => api(sb, spec, { method, path, token: as, body });
    const create = (device: string, extra: Record<string, unknown> = {}, as = token) =>
      call('POST', '/qos-assignments', { device: { phoneNumber: device }, qosProfile: 'QOS_E', ...extra }, as);

    before(async () => {
      token = await clientCredentials(sb, ALL_V1_SCOPES);
    });

    it('assigns at once (201 AVAILABLE), reads, finds by device, refuses a second (409), revokes (204) and keeps it 360 s', async () => {
      const device = fresh(1);
      const created = await create(device);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.match(created.body.assignmentId, UUID);
      assert.equal(created.body.status, 'AVAILABLE');
      assert.ok(created.body.startedAt, 'startedAt once AVAILABLE');
      assert.deepEqual(created.body.device, { phoneNumber: device }, 'the device as the request named it');
      assert.equal(created.body.statusInfo, undefined);
      const id = created.body.assignmentId;

      const got = await call('GET', `/qos-assignments/${id}`);
      assert.deepEqual(got.body, created.body);
      const found = await call('POST', '/retrieve-qos-assignment', { device: { phoneNumber: device } });
      assert.equal(found.status, 200);
      assert.equal(found.body.assignmentId, id, 'a single AssignmentInfo, not a list');

      const second = await create(device, { qosProfile: 'QOS_L' });
      assert.deepEqual([second.status, second.body.code], [409, 'CONFLICT']);

      const revoked = await call('DELETE', `/qos-assignments/${id}`);
      assert.equal(revoked.status, 204);
      assert.equal(revoked.body, undefined);
      const after = await call('GET', `/qos-assignments/${id}`);
      assert.deepEqual([after.body.status, after.body.statusInfo], ['UNAVAILABLE', 'DELETE_REQUESTED']);
      assert.equal(after.body.startedAt, created.body.startedAt, 'it was AVAILABLE from then');
      const notHeld = await call('POST', '/retrieve-qos-assignment', { device: { phoneNumber: device } });
      assert.deepEqual([notHeld.status, notHeld.body.code], [404, 'NOT_FOUND']);
      const again = await call('DELETE', `/qos-assignments/${id}`);
      assert.deepEqual([again.status, again.body.code], [404, 'NOT_FOUND'], 'already revoked');
      const anew = await create(device);
      assert.equal(anew.status, 201, 'the revoke released the device');

      clock.advance(359_000);
      assert.equal((await call('GET', `/qos-assignments/${id}`)).status, 200, 'readable for 360 s');
      clock.advance(1_000);
      const gone = await call('GET', `/qos-assignments/${id}`);
      assert.deepEqual([gone.status, gone.body.code], [404, 'NOT_FOUND']);
    });

    it('a device ending in 5 is provisioned asynchronously: 201 REQUESTED, AVAILABLE later; revoke 202, UNAVAILABLE later', async () => {
      const device = fresh(5);
      const created = await create(device);
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'REQUESTED');
      assert.equal(created.body.startedAt, undefined, 'not returned when REQUESTED');
      const id = created.body.assignmentId;
      clock.advance(1000);
      const available = await call('GET', `/qos-assignments/${id}`);
      assert.equal(available.body.status, 'AVAILABLE');

      const accepted = await call('DELETE', `/qos-assignments/${id}`);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      assert.deepEqual([accepted.body.status, accepted.body.statusInfo], ['AVAILABLE', 'DELETE_REQUESTED']);
      assert.ok(accepted.body.startedAt);
      assert.equal((await call('DELETE', `/qos-assignments/${id}`)).status, 202, 'asked again while under way: the same answer');
      const held = await create(device);
      assert.equal(held.status, 409, 'still held until the revoke completes');
      clock.advance(1000);
      const ended = await call('GET', `/qos-assignments/${id}`);
      assert.deepEqual([ended.body.status, ended.body.statusInfo], ['UNAVAILABLE', 'DELETE_REQUESTED']);

      // Revoked while still REQUESTED: ended at once (204), never AVAILABLE.
      const pending = await create(device);
      const revokedEarly = await call('DELETE', `/qos-assignments/${pending.body.assignmentId}`);
      assert.equal(revokedEarly.status, 204);
      const never = await call('GET', `/qos-assignments/${pending.body.assignmentId}`);
      assert.deepEqual([never.body.status, never.body.startedAt], ['UNAVAILABLE', undefined]);
    });

    it(
      spec === 'provisioning-v0.4'
        ? 'a device ending in 7: 201 UNAVAILABLE/NETWORK_TERMINATED, which holds the device until revoked'
        : 'a device ending in 7 is served normally (0.3.0 says nothing of an immediate UNAVAILABLE; as QoD 1.1)',
      async () => {
        const device = fresh(7);
        const created = await create(device);
        assert.equal(created.status, 201);
        if (spec === 'provisioning-v0.3') return assert.equal(created.body.status, 'AVAILABLE');
        assert.deepEqual(
          [created.body.status, created.body.statusInfo, created.body.startedAt],
          ['UNAVAILABLE', 'NETWORK_TERMINATED', undefined],
        );
        const id = created.body.assignmentId;
        assert.equal((await create(device)).status, 409, '"they must release the previous assignment resources with an explicit delete"');
        const found = await call('POST', '/retrieve-qos-assignment', { device: { phoneNumber: device } });
        assert.equal(found.body.statusInfo, 'NETWORK_TERMINATED');
        assert.equal((await call('DELETE', `/qos-assignments/${id}`)).status, 204);
        assert.equal((await call('GET', `/qos-assignments/${id}`)).body.statusInfo, 'NETWORK_TERMINATED', 'still readable');
        assert.equal((await create(device)).status, 201, 'released');
      },
    );

    it('keeps one assignment per device and API client: another client gets 403 on get, revoke and by device', async () => {
      const device = fresh(2);
      const { body } = await create(device);
      const other = await otherClientToken(sb.url);
      for (const [method, path, payload] of [
        ['GET', `/qos-assignments/${body.assignmentId}`, undefined],
        ['DELETE', `/qos-assignments/${body.assignmentId}`, undefined],
        ['POST', '/retrieve-qos-assignment', { device: { phoneNumber: device } }],
      ] as const) {
        const reply = await call(method, path, payload, other);
        assert.deepEqual([reply.status, reply.body.code], [403, 'PERMISSION_DENIED'], `${method} ${path}`);
      }
      assert.equal((await call('GET', `/qos-assignments/${body.assignmentId}`)).body.status, 'AVAILABLE', 'untouched');
      // Each version sees its own assignments: the other version's path does not find this one.
      const otherSpec: Spec = spec === 'provisioning-v0.3' ? 'provisioning-v0.4' : 'provisioning-v0.3';
      const across = await api(sb, otherSpec, { method: 'GET', path: `/qos-assignments/${body.assignmentId}`, token });
      assert.equal(across.status, 404);
    });

    it('with a 3-legged token the token names the device: no device in the answer, a device in the body is 422 UNNECESSARY_IDENTIFIER', async () => {
      const device = fresh(3);
      const threeLegged = await cibaToken(sb, `tel:${device}`, `openid ${ALL_V1_SCOPES}`);
      const created = await call('POST', '/qos-assignments', { qosProfile: 'QOS_S' }, threeLegged);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.device, undefined, 'not included in the request: not returned');
      const found = await call('POST', '/retrieve-qos-assignment', {}, threeLegged);
      assert.equal(found.body.assignmentId, created.body.assignmentId);
      const unnecessary = await create(device, {}, threeLegged);
      assert.deepEqual([unnecessary.status, unnecessary.body.code], [422, 'UNNECESSARY_IDENTIFIER']);
      const missing = await call('POST', '/qos-assignments', { qosProfile: 'QOS_S' });
      assert.deepEqual([missing.status, missing.body.code], [422, 'MISSING_IDENTIFIER'], 'a 2-legged token needs the device');
      const missingByDevice = await call('POST', '/retrieve-qos-assignment', {});
      assert.deepEqual([missingByDevice.status, missingByDevice.body.code], [422, 'MISSING_IDENTIFIER']);
    });

    it('answers the device, profile and sink errors with the codes the spec and the test definitions give', async () => {
      const expired = {
        credentialType: 'ACCESSTOKEN',
        accessToken: 'x',
        accessTokenExpiresUtc: '2020-01-01T00:00:00Z',
        accessTokenType: 'bearer',
      };
      const plain = { credentialType: 'PLAIN', identifier: 'a', secret: 'b' };
      const cases: Array<[string, () => ReturnType<typeof call>, number, string]> = [
        ['digit 8', () => create(fresh(8)), 404, 'IDENTIFIER_NOT_FOUND'],
        ['digit 9', () => create(fresh(9)), 422, 'SERVICE_NOT_APPLICABLE'],
        [
          'NAI',
          () => call('POST', '/qos-assignments', { device: { networkAccessIdentifier: 'a@b.example' }, qosProfile: 'QOS_E' }),
          422,
          'UNSUPPORTED_IDENTIFIER',
        ],
        [
          'by device, digit 8',
          () => call('POST', '/retrieve-qos-assignment', { device: { phoneNumber: fresh(8) } }),
          404,
          'IDENTIFIER_NOT_FOUND',
        ],
        [
          'by device, digit 9',
          () => call('POST', '/retrieve-qos-assignment', { device: { phoneNumber: fresh(9) } }),
          422,
          'SERVICE_NOT_APPLICABLE',
        ],
        ['by device, none', () => call('POST', '/retrieve-qos-assignment', { device: { phoneNumber: fresh(1) } }), 404, 'NOT_FOUND'],
        ['non-existent profile (400.9)', () => create(fresh(), { qosProfile: 'QOS_NOPE' }), 400, 'INVALID_ARGUMENT'],
        [
          'INACTIVE profile (422.1)',
          () => create(fresh(), { qosProfile: 'QOS_XL_TRIAL' }),
          422,
          'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE',
        ],
        [
          'PLAIN credential (400.7)',
          () => create(fresh(), { sink: 'https://app.example/n', sinkCredential: plain }),
          400,
          spec === 'provisioning-v0.3' ? 'INVALID_CREDENTIAL' : 'INVALID_ARGUMENT',
        ],
        [
          'expired sink token (400.8)',
          () => create(fresh(), { sink: 'https://app.example/n', sinkCredential: expired }),
          400,
          'INVALID_TOKEN',
        ],
        ['http sink off loopback', () => create(fresh(), { sink: 'http://app.example/n' }), 400, 'INVALID_SINK'],
        ['unknown assignment', () => call('GET', `/qos-assignments/${randomUUID()}`), 404, 'NOT_FOUND'],
        ['revoke unknown', () => call('DELETE', `/qos-assignments/${randomUUID()}`), 404, 'NOT_FOUND'],
      ];
      if (spec === 'provisioning-v0.4') {
        const jwt = { credentialType: 'PRIVATE_KEY_JWT', clientId: 'app', tokenUri: 'http://127.0.0.1:9/token' };
        cases.push([
          'PRIVATE_KEY_JWT without a pre-shared configuration (422.2)',
          () => create(fresh(), { sink: 'http://127.0.0.1:9/n', sinkCredential: jwt }),
          422,
          'PRIVATE_KEY_JWT_NOT_CONFIGURED',
        ]);
      }
      for (const [name, send, status, code] of cases) {
        const reply = await send();
        assert.deepEqual([reply.status, reply.body?.code], [status, code], `${name}: ${JSON.stringify(reply.body)}`);
      }
    });

    it('the prelude: 401 without or with a bad token, 400 x-correlator, 400 path id, 403 scope, 400 body', async () => {
      const id = randomUUID();
      const noToken = await api(sb, spec, { method: 'GET', path: `/qos-assignments/${id}` });
      assert.deepEqual([noToken.status, noToken.body.code], [401, 'UNAUTHENTICATED']);
      const garbage = await api(sb, spec, { method: 'GET', path: `/qos-assignments/${id}`, token: 'not.a.token' });
      assert.deepEqual([garbage.status, garbage.body.code], [401, 'UNAUTHENTICATED']);
      const correlator = await api(sb, spec, {
        method: 'GET',
        path: `/qos-assignments/${id}`,
        token,
        headers: { 'x-correlator': 'bad correlator!' },
      });
      assert.deepEqual([correlator.status, correlator.body.code], [400, 'INVALID_ARGUMENT']);
      for (const method of ['GET', 'DELETE']) {
        for (const bad of ['not-a-uuid', `${id}0`, '%E0%A4%A', 'x'.repeat(5000)]) {
          const reply = await call(method, `/qos-assignments/${bad}`);
          assert.deepEqual([reply.status, reply.body.code], [400, 'INVALID_ARGUMENT'], `${method} ${bad.slice(0, 20)}`);
        }
      }
      // Tokens without the provisioning scopes: QoD's scopes and the legacy purpose scope do not allow them.
      for (const scope of ['quality-on-demand:sessions:create qos-profiles:read', 'dpv:RequestedServiceProvision#qod']) {
        const narrow = await clientCredentials(sb, scope);
        for (const [method, path, body] of [
          ['POST', '/qos-assignments', { device: { phoneNumber: fresh() }, qosProfile: 'QOS_E' }],
          ['GET', `/qos-assignments/${id}`, undefined],
          ['DELETE', `/qos-assignments/${id}`, undefined],
          ['POST', '/retrieve-qos-assignment', { device: { phoneNumber: fresh() } }],
        ] as const) {
          const reply = await call(method, path, body, narrow);
          assert.deepEqual([reply.status, reply.body.code], [403, 'PERMISSION_DENIED'], `${scope}: ${method} ${path}`);
        }
      }
      const readOnly = await clientCredentials(sb, 'qos-provisioning:qos-assignments:read');
      assert.equal((await create(fresh(), {}, readOnly)).status, 403, 'read does not allow create');
      const noSuch = await call('PUT', '/qos-assignments');
      assert.deepEqual([noSuch.status, noSuch.body.code], [404, 'NOT_FOUND']);
    });

    it('refuses hostile and malformed bodies with one 400 naming the field, and stays up', async () => {
      const raw = (body: string, contentType = 'application/json') =>
        api(sb, spec, { method: 'POST', path: '/qos-assignments', token, raw: body, headers: { 'content-type': contentType } });
      const deep = `${'{"device":'.repeat(5000)}{}${'}'.repeat(5000)}`;
      const cases: Array<[string, Promise<{ status: number; body: { code: string; message: string } }>, RegExp]> = [
        ['no body (400.2)', raw(''), /body is required/],
        ['empty object (400.3)', raw('{}'), /qosProfile/],
        ['not JSON', raw('{"device":'), /not valid JSON/],
        ['an array', raw('[]'), /JSON object/],
        ['wrong content type', raw('{}', 'text/plain'), /Content-Type/],
        ['too large', raw(JSON.stringify({ qosProfile: 'QOS_E', pad: 'x'.repeat(100_000) })), /larger than/],
        ['deeply nested', raw(deep), /device|nested|deep/],
        ['wrong types', raw(JSON.stringify({ device: 'x', qosProfile: 5 })), /device.*qosProfile|qosProfile.*device/s],
        [
          'unknown field (strict body)',
          raw(JSON.stringify({ device: { phoneNumber: fresh() }, qosProfile: 'QOS_E', duration: 60 })),
          /duration/,
        ],
        ['bad phone number', raw(JSON.stringify({ device: { phoneNumber: '12' }, qosProfile: 'QOS_E' })), /phoneNumber/],
        ['profile name pattern', raw(JSON.stringify({ device: { phoneNumber: fresh() }, qosProfile: 'a b' })), /qosProfile/],
      ];
      for (const [name, sent, message] of cases) {
        const reply = await sent;
        assert.deepEqual(
          [reply.status, reply.body.code],
          [400, 'INVALID_ARGUMENT'],
          `${name}: ${JSON.stringify(reply.body).slice(0, 300)}`,
        );
        assert.match(reply.body.message, message, `${name}: ${reply.body.message.slice(0, 200)}`);
      }
      const byDevice = await api(sb, spec, { method: 'POST', path: '/retrieve-qos-assignment', token, raw: '', headers: {} });
      assert.deepEqual([byDevice.status, byDevice.body.code], [400, 'INVALID_ARGUMENT'], 'retrieve: no body (400.2)');
      assert.equal((await create(fresh())).status, 201, 'still serving');
    });
  });
}
