// Every response the official specifications declare, provoked against the sandbox over real HTTP. The test walks
// each YAML for its (operation, status, code) pairs, runs one request per pair it can provoke, and fails when a
// declared pair is neither covered nor listed below as one the sandbox cannot produce, with the reason.
import assert from 'node:assert/strict';
import type { ManualClock } from '../../src/sandbox/clock';
import type { Sandbox } from '../../src/sandbox/server';
import { ALL_V1_SCOPES, api, cibaToken, clientCredentials, form, jwtClientToken, type ApiCall } from '../support/client';
import { CAMARA_DIR, camaraAvailable, declaredResponses, type Spec } from '../support/conformance';
import { withSandbox, type SuiteSandbox } from '../support/sandbox';

const V1 = ALL_V1_SCOPES;
const V0 = 'qod-sessions-write qod-sessions-read qod-sessions-delete qod-profiles-read';

/** What a case has at hand: tokens, and fresh devices whose last digit decides their behaviour. */
interface Ctx {
  sb: Sandbox;
  clock: ManualClock;
  /** 2-legged, every scope. */
  cc: string;
  /** 2-legged, of another client (qod-demo-post). */
  otherClient: string;
  /** 2-legged, allowed nothing but reading QoS profiles. */
  narrow: string;
  /** 2-legged, allowed nothing but reading sessions. */
  noProfiles: string;
  /** 3-legged for +34666666661. */
  threeLegged: string;
  /** 2-legged, of qod-demo-jwt (the one client with a pre-shared PRIVATE_KEY_JWT configuration). */
  jwtClient: string;
  /** A phone number no other case uses, ending in `lastDigit`. */
  phone(lastDigit?: number): string;
  /** A session of this flavour; AVAILABLE unless `requested`. */
  session(spec: Spec, options?: { requested?: boolean }): Promise<string>;
}

interface Case {
  spec: Spec;
  /** The operation as the specification writes it. */
  operation: string;
  status: number;
  code: string;
  /** Which sandbox: the shared one, one holding at most one live session, or one allowing one request. */
  sandbox?: 'quota' | 'rate';
  call(c: Ctx): ApiCall | Promise<ApiCall>;
}

const v1Create = (c: Ctx, extra: Record<string, unknown> = {}, phone = c.phone()) => ({
  device: { phoneNumber: phone },
  applicationServer: { ipv4Address: '198.51.100.10' },
  qosProfile: 'QOS_E',
  duration: 600,
  ...extra,
});
const v010Create = v1Create;
const v08Create = (c: Ctx, extra: Record<string, unknown> = {}, phone = c.phone()) => ({
  ueId: { msisdn: phone.slice(1) },
  asId: { ipv4addr: '198.51.100.10' },
  qos: 'QOS_E',
  duration: 600,
  ...extra,
});
const NO_SUCH_SESSION = '00000000-0000-4000-8000-000000000000';
/** A create with this body, by the client that holds every scope unless `token` says otherwise. */
const post = (c: Ctx, body: unknown, token = c.cc): ApiCall => ({ method: 'POST', path: '/sessions', token, body });
const sinkCredential = (over: Record<string, unknown>) => ({
  sink: 'https://app.example/notify',
  sinkCredential: {
    credentialType: 'ACCESSTOKEN',
    accessToken: 'sink-token-123456',
    accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
    accessTokenType: 'bearer',
    ...over,
  },
});

/** Per operation, the cases that provoke its declared responses. */
function sessionOperations(spec: 'v1' | 'v1.2' | 'v0.10' | 'v0.8'): Case[] {
  const create = spec === 'v0.8' ? v08Create : spec === 'v0.10' ? v010Create : v1Create;
  const E400 = spec === 'v0.8' ? 'INVALID_INPUT' : 'INVALID_ARGUMENT';
  const E401 = spec === 'v0.8' ? 'UNAUTHORIZED' : 'UNAUTHENTICATED';
  const E403 = spec === 'v0.8' ? 'FORBIDDEN' : 'PERMISSION_DENIED';
  const cases: Case[] = [
    { spec, operation: 'POST /sessions', status: 201, code: '', call: (c) => post(c, create(c)) },
    {
      spec,
      operation: 'POST /sessions',
      status: 400,
      code: E400,
      call: (c) => post(c, { ...create(c), applicationServer: undefined, asId: undefined }),
    },
    { spec, operation: 'POST /sessions', status: 401, code: E401, call: (c) => ({ method: 'POST', path: '/sessions', body: create(c) }) },
    { spec, operation: 'POST /sessions', status: 403, code: E403, call: (c) => post(c, create(c), c.narrow) },
    {
      spec,
      operation: 'POST /sessions',
      status: 409,
      code: 'CONFLICT',
      call: async (c) => {
        const phone = c.phone();
        await api(c.sb, spec, post(c, create(c, {}, phone)));
        return post(c, create(c, {}, phone));
      },
    },
    // Reading and deleting a session: the same four answers each, in the same way.
    ...(['GET', 'DELETE'] as const).flatMap((method): Case[] => {
      const operation = `${method} /sessions/{sessionId}`;
      const onASession = async (c: Ctx, token?: string): Promise<ApiCall> => ({
        method,
        path: `/sessions/${await c.session(spec)}`,
        token,
      });
      return [
        { spec, operation, status: method === 'GET' ? 200 : 204, code: '', call: (c) => onASession(c, c.cc) },
        { spec, operation, status: 401, code: E401, call: (c) => onASession(c) },
        { spec, operation, status: 403, code: E403, call: (c) => onASession(c, c.otherClient) },
        { spec, operation, status: 404, code: 'NOT_FOUND', call: (c) => ({ method, path: `/sessions/${NO_SUCH_SESSION}`, token: c.cc }) },
      ];
    }),
  ];
  if (spec === 'v0.8') return cases;
  const extend =
    (seconds: unknown) =>
    async (c: Ctx): Promise<ApiCall> => ({
      method: 'POST',
      path: `/sessions/${await c.session(spec)}/extend`,
      token: c.cc,
      body: { requestedAdditionalDuration: seconds },
    });
  cases.push(
    {
      spec,
      operation: 'GET /sessions/{sessionId}',
      status: 400,
      code: 'INVALID_ARGUMENT',
      call: (c) => ({ method: 'GET', path: '/sessions/not-a-uuid', token: c.cc }),
    },
    {
      spec,
      operation: 'DELETE /sessions/{sessionId}',
      status: 400,
      code: 'INVALID_ARGUMENT',
      call: (c) => ({ method: 'DELETE', path: '/sessions/%E0%A4%A', token: c.cc }),
    },
    { spec, operation: 'POST /sessions/{sessionId}/extend', status: 200, code: '', call: extend(60) },
    { spec, operation: 'POST /sessions/{sessionId}/extend', status: 400, code: 'INVALID_ARGUMENT', call: extend('60') },
    {
      spec,
      operation: 'POST /sessions/{sessionId}/extend',
      status: 401,
      code: E401,
      call: async (c) => ({ ...(await extend(60)(c)), token: undefined }),
    },
    {
      spec,
      operation: 'POST /sessions/{sessionId}/extend',
      status: 403,
      code: E403,
      call: async (c) => ({ ...(await extend(60)(c)), token: c.otherClient }),
    },
    {
      spec,
      operation: 'POST /sessions/{sessionId}/extend',
      status: 404,
      code: 'NOT_FOUND',
      call: (c) => ({
        method: 'POST',
        path: `/sessions/${NO_SUCH_SESSION}/extend`,
        token: c.cc,
        body: { requestedAdditionalDuration: 60 },
      }),
    },
    {
      spec,
      operation: 'POST /sessions',
      status: 400,
      code: 'OUT_OF_RANGE',
      call: (c) => post(c, create(c, spec === 'v0.10' ? { duration: 90_000 } : { devicePorts: { ports: [70_000] } })),
    },
  );
  if (spec === 'v0.10') {
    cases.push(
      { spec, operation: 'POST /sessions', status: 501, code: 'NOT_IMPLEMENTED', call: (c) => post(c, create(c, {}, c.phone(9))) },
      {
        spec,
        operation: 'GET /qos-profiles',
        status: 200,
        code: '',
        call: (c) => ({ method: 'GET', path: '/qos-profiles?status=ACTIVE', token: c.cc }),
      },
      {
        spec,
        operation: 'GET /qos-profiles',
        status: 401,
        code: 'UNAUTHENTICATED',
        call: () => ({ method: 'GET', path: '/qos-profiles' }),
      },
      {
        spec,
        operation: 'GET /qos-profiles',
        status: 403,
        code: 'PERMISSION_DENIED',
        call: (c) => ({ method: 'GET', path: '/qos-profiles', token: c.noProfiles }),
      },
      {
        spec,
        operation: 'GET /qos-profiles',
        status: 404,
        code: 'NOT_FOUND',
        call: (c) => ({ method: 'GET', path: '/qos-profiles?name=QOS_NOPE', token: c.cc }),
      },
      ...profileByName('v0.10'),
    );
    return cases;
  }
  const retrieve =
    (token: (c: Ctx) => string, body: (c: Ctx) => unknown) =>
    (c: Ctx): ApiCall => ({ method: 'POST', path: '/retrieve-sessions', token: token(c), body: body(c) });
  cases.push(
    {
      spec,
      operation: 'POST /sessions',
      status: 400,
      code: 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      call: (c) => post(c, create(c, { qosProfile: 'QOS_L', duration: 7200 })),
    },
    // 1.2 declares INVALID_CREDENTIAL still, but no credential type it refuses (see CANNOT_PRODUCE).
    ...(spec === 'v1'
      ? [
          {
            spec,
            operation: 'POST /sessions',
            status: 400,
            code: 'INVALID_CREDENTIAL',
            call: (c: Ctx) => post(c, create(c, sinkCredential({ credentialType: 'PLAIN' }))),
          },
        ]
      : [
          {
            spec,
            operation: 'POST /sessions',
            status: 422,
            code: 'PRIVATE_KEY_JWT_NOT_CONFIGURED',
            call: (c: Ctx) =>
              post(
                c,
                create(c, {
                  sink: 'https://app.example/notify',
                  sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', clientId: 'app', tokenUri: 'https://app.example/token' },
                }),
              ),
          },
        ]),
    {
      spec,
      operation: 'POST /sessions',
      status: 400,
      code: 'INVALID_TOKEN',
      call: (c) => post(c, create(c, sinkCredential({ accessTokenType: 'mac' }))),
    },
    {
      spec,
      operation: 'POST /sessions',
      status: 400,
      code: 'INVALID_SINK',
      call: (c) => post(c, create(c, { sink: 'ftp://app.example/notify' })),
    },
    { spec, operation: 'POST /sessions', status: 404, code: 'IDENTIFIER_NOT_FOUND', call: (c) => post(c, create(c, {}, c.phone(8))) },
    { spec, operation: 'POST /sessions', status: 422, code: 'SERVICE_NOT_APPLICABLE', call: (c) => post(c, create(c, {}, c.phone(9))) },
    { spec, operation: 'POST /sessions', status: 422, code: 'MISSING_IDENTIFIER', call: (c) => post(c, create(c, { device: undefined })) },
    {
      spec,
      operation: 'POST /sessions',
      status: 422,
      code: 'UNSUPPORTED_IDENTIFIER',
      call: (c) => post(c, create(c, { device: { networkAccessIdentifier: 'user@example.org' } })),
    },
    { spec, operation: 'POST /sessions', status: 422, code: 'UNNECESSARY_IDENTIFIER', call: (c) => post(c, create(c), c.threeLegged) },
    {
      spec,
      operation: 'POST /sessions',
      status: 422,
      code: 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
      call: (c) => post(c, create(c, { qosProfile: 'QOS_XL_TRIAL' })),
    },
    {
      spec,
      operation: 'POST /sessions',
      status: 429,
      code: 'QUOTA_EXCEEDED',
      sandbox: 'quota',
      call: async (c) => {
        await api(c.sb, spec, post(c, create(c)));
        return post(c, create(c));
      },
    },
    {
      spec,
      operation: 'POST /sessions/{sessionId}/extend',
      status: 409,
      code: 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED',
      call: async (c) => ({
        method: 'POST',
        path: `/sessions/${await c.session(spec, { requested: true })}/extend`,
        token: c.cc,
        body: { requestedAdditionalDuration: 60 },
      }),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 200,
      code: '',
      call: retrieve(
        (c) => c.cc,
        (c) => ({ device: { phoneNumber: c.phone() } }),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 400,
      code: 'INVALID_ARGUMENT',
      call: (c) => ({ method: 'POST', path: '/retrieve-sessions', token: c.cc }),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 400,
      code: 'OUT_OF_RANGE',
      call: retrieve(
        (c) => c.cc,
        () => ({ device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 70000 } } }),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 401,
      code: 'UNAUTHENTICATED',
      call: retrieve(
        () => '',
        () => ({}),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 403,
      code: 'PERMISSION_DENIED',
      call: retrieve(
        (c) => c.narrow,
        (c) => ({ device: { phoneNumber: c.phone() } }),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
      call: retrieve(
        (c) => c.cc,
        (c) => ({ device: { phoneNumber: c.phone(8) } }),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 422,
      code: 'SERVICE_NOT_APPLICABLE',
      call: retrieve(
        (c) => c.cc,
        (c) => ({ device: { phoneNumber: c.phone(9) } }),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 422,
      code: 'MISSING_IDENTIFIER',
      call: retrieve(
        (c) => c.cc,
        () => ({}),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 422,
      code: 'UNSUPPORTED_IDENTIFIER',
      call: retrieve(
        (c) => c.cc,
        () => ({ device: { networkAccessIdentifier: 'user@example.org' } }),
      ),
    },
    {
      spec,
      operation: 'POST /retrieve-sessions',
      status: 422,
      code: 'UNNECESSARY_IDENTIFIER',
      call: retrieve(
        (c) => c.threeLegged,
        (c) => ({ device: { phoneNumber: c.phone() } }),
      ),
    },
    ...rateLimited(spec, [
      'POST /sessions',
      'GET /sessions/{sessionId}',
      'DELETE /sessions/{sessionId}',
      'POST /sessions/{sessionId}/extend',
      'POST /retrieve-sessions',
    ]),
  );
  return cases;
}

function profileByName(spec: 'v0.10' | 'profiles-v1' | 'profiles-v1.2'): Case[] {
  const operation = 'GET /qos-profiles/{name}';
  return [
    { spec, operation, status: 200, code: '', call: (c) => ({ method: 'GET', path: '/qos-profiles/QOS_E', token: c.cc }) },
    { spec, operation, status: 400, code: 'INVALID_ARGUMENT', call: (c) => ({ method: 'GET', path: '/qos-profiles/x!', token: c.cc }) },
    { spec, operation, status: 401, code: 'UNAUTHENTICATED', call: () => ({ method: 'GET', path: '/qos-profiles/QOS_E' }) },
    {
      spec,
      operation,
      status: 403,
      code: 'PERMISSION_DENIED',
      call: (c) => ({ method: 'GET', path: '/qos-profiles/QOS_E', token: c.noProfiles }),
    },
    { spec, operation, status: 404, code: 'NOT_FOUND', call: (c) => ({ method: 'GET', path: '/qos-profiles/QOS_NOPE', token: c.cc }) },
  ];
}

/** One request is allowed in the rate-limited sandbox: the case spends it, then makes the call that is refused. */
function rateLimited(spec: Spec, operations: string[]): Case[] {
  return operations.map((operation) => ({
    spec,
    operation,
    status: 429,
    code: 'TOO_MANY_REQUESTS',
    sandbox: 'rate' as const,
    call: async (c: Ctx) => {
      await api(c.sb, spec, {
        method: 'GET',
        path: spec.startsWith('profiles-')
          ? '/qos-profiles/QOS_E'
          : spec.startsWith('provisioning-')
            ? `/qos-assignments/${NO_SUCH_SESSION}`
            : `/sessions/${NO_SUCH_SESSION}`,
        token: c.cc,
      });
      const [method, template] = operation.split(' ') as [string, string];
      const path = template.replace('{sessionId}', NO_SUCH_SESSION).replace('{assignmentId}', NO_SUCH_SESSION).replace('{name}', 'QOS_E');
      return { method, path, token: c.cc, body: method === 'POST' ? {} : undefined };
    },
  }));
}

function profileOperations(spec: 'profiles-v1' | 'profiles-v1.2'): Case[] {
  const retrieve =
    (token: (c: Ctx) => string, body: (c: Ctx) => unknown) =>
    (c: Ctx): ApiCall => ({ method: 'POST', path: '/retrieve-qos-profiles', token: token(c), body: body(c) });
  const operation = 'POST /retrieve-qos-profiles';
  return [
    {
      spec,
      operation,
      status: 200,
      code: '',
      call: retrieve(
        (c) => c.cc,
        () => ({ status: 'ACTIVE' }),
      ),
    },
    {
      spec,
      operation,
      status: 400,
      code: 'INVALID_ARGUMENT',
      call: retrieve(
        (c) => c.cc,
        () => ({ status: 'SOMETIMES' }),
      ),
    },
    {
      spec,
      operation,
      status: 400,
      code: 'OUT_OF_RANGE',
      call: retrieve(
        (c) => c.cc,
        () => ({ device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: -1 } } }),
      ),
    },
    {
      spec,
      operation,
      status: 401,
      code: 'UNAUTHENTICATED',
      call: retrieve(
        () => '',
        () => ({}),
      ),
    },
    {
      spec,
      operation,
      status: 403,
      code: 'PERMISSION_DENIED',
      call: retrieve(
        (c) => c.noProfiles,
        () => ({}),
      ),
    },
    {
      spec,
      operation,
      status: 404,
      code: 'IDENTIFIER_NOT_FOUND',
      call: retrieve(
        (c) => c.cc,
        (c) => ({ device: { phoneNumber: c.phone(8) } }),
      ),
    },
    {
      spec,
      operation,
      status: 422,
      code: 'SERVICE_NOT_APPLICABLE',
      call: retrieve(
        (c) => c.cc,
        (c) => ({ device: { phoneNumber: c.phone(9) } }),
      ),
    },
    {
      spec,
      operation,
      status: 422,
      code: 'UNSUPPORTED_IDENTIFIER',
      call: retrieve(
        (c) => c.cc,
        () => ({ device: { networkAccessIdentifier: 'user@example.org' } }),
      ),
    },
    {
      spec,
      operation,
      status: 422,
      code: 'UNNECESSARY_IDENTIFIER',
      call: retrieve(
        (c) => c.threeLegged,
        (c) => ({ device: { phoneNumber: c.phone() } }),
      ),
    },
    ...profileByName(spec),
    ...rateLimited(spec, [operation, 'GET /qos-profiles/{name}']),
  ];
}

/** QoS Provisioning 0.3.0 / 0.4.0-rc.1: every declared response of its four operations. */
function provisioningOperations(spec: 'provisioning-v0.3' | 'provisioning-v0.4'): Case[] {
  const body = (c: Ctx, extra: Record<string, unknown> = {}, phone = c.phone()) => ({
    device: { phoneNumber: phone },
    qosProfile: 'QOS_E',
    ...extra,
  });
  const assign = (c: Ctx, extra: Record<string, unknown> = {}, token = c.cc): ApiCall => ({
    method: 'POST',
    path: '/qos-assignments',
    token,
    body: body(c, extra),
  });
  const byDevice = (device: (c: Ctx) => unknown, token?: (c: Ctx) => string) => (c: Ctx) => ({
    method: 'POST',
    path: '/retrieve-qos-assignment',
    token: token ? token(c) : c.cc,
    body: device(c) === undefined ? {} : { device: device(c) },
  });
  /** An assignment of `c.cc` (asynchronous with a phone ending in 5), AVAILABLE. */
  const assigned = async (c: Ctx, lastDigit = 1): Promise<{ id: string; phone: string }> => {
    const phone = c.phone(lastDigit);
    const created = await api(c.sb, spec, { method: 'POST', path: '/qos-assignments', token: c.cc, body: body(c, {}, phone) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    c.clock.advance(10);
    return { id: created.body.assignmentId, phone };
  };
  const create = 'POST /qos-assignments';
  const sink = { sink: 'https://app.example/notify' };
  const cases: Case[] = [
    { spec, operation: create, status: 201, code: '', call: (c) => assign(c) },
    { spec, operation: create, status: 400, code: 'INVALID_ARGUMENT', call: (c) => assign(c, { qosProfile: 'QOS_NOPE' }) },
    {
      spec,
      operation: create,
      status: 400,
      code: 'OUT_OF_RANGE',
      call: (c) => ({
        method: 'POST',
        path: '/qos-assignments',
        token: c.cc,
        body: { device: { ipv4Address: { publicAddress: '203.0.113.1', publicPort: 70000 } }, qosProfile: 'QOS_E' },
      }),
    },
    {
      spec,
      operation: create,
      status: 400,
      code: 'INVALID_CREDENTIAL',
      call: (c) =>
        spec === 'provisioning-v0.3'
          ? assign(c, { ...sink, sinkCredential: { credentialType: 'PLAIN', identifier: 'a', secret: 'b' } })
          : assign(c, { ...sink, sinkCredential: { credentialType: 'PRIVATE_KEY_JWT' } }, c.jwtClient),
    },
    {
      spec,
      operation: create,
      status: 400,
      code: 'INVALID_TOKEN',
      call: (c) =>
        assign(c, {
          ...sink,
          sinkCredential: {
            credentialType: 'ACCESSTOKEN',
            accessToken: 'x',
            accessTokenExpiresUtc: '2020-01-01T00:00:00Z',
            accessTokenType: 'bearer',
          },
        }),
    },
    { spec, operation: create, status: 400, code: 'INVALID_SINK', call: (c) => assign(c, { sink: 'http://app.example/notify' }) },
    { spec, operation: create, status: 401, code: 'UNAUTHENTICATED', call: (c) => assign(c, {}, '') },
    { spec, operation: create, status: 403, code: 'PERMISSION_DENIED', call: (c) => assign(c, {}, c.narrow) },
    { spec, operation: create, status: 404, code: 'IDENTIFIER_NOT_FOUND', call: (c) => ({ ...assign(c), body: body(c, {}, c.phone(8)) }) },
    {
      spec,
      operation: create,
      status: 409,
      code: 'CONFLICT',
      call: async (c) => ({ ...assign(c), body: body(c, {}, (await assigned(c)).phone) }),
    },
    {
      spec,
      operation: create,
      status: 422,
      code: 'SERVICE_NOT_APPLICABLE',
      call: (c) => ({ ...assign(c), body: body(c, {}, c.phone(9)) }),
    },
    {
      spec,
      operation: create,
      status: 422,
      code: 'MISSING_IDENTIFIER',
      call: (c) => ({ method: 'POST', path: '/qos-assignments', token: c.cc, body: { qosProfile: 'QOS_E' } }),
    },
    {
      spec,
      operation: create,
      status: 422,
      code: 'UNSUPPORTED_IDENTIFIER',
      call: (c) => ({ ...assign(c), body: { device: { networkAccessIdentifier: 'user@example.org' }, qosProfile: 'QOS_E' } }),
    },
    { spec, operation: create, status: 422, code: 'UNNECESSARY_IDENTIFIER', call: (c) => assign(c, {}, c.threeLegged) },
    {
      spec,
      operation: create,
      status: 422,
      code: 'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE',
      call: (c) => assign(c, { qosProfile: 'QOS_XL_TRIAL' }),
    },
    {
      spec,
      operation: create,
      status: 429,
      code: 'QUOTA_EXCEEDED',
      sandbox: 'quota',
      call: async (c) => {
        await api(c.sb, spec, assign(c));
        return assign(c);
      },
    },
    ...(['GET', 'DELETE'] as const).flatMap((method): Case[] => {
      const operation = `${method} /qos-assignments/{assignmentId}`;
      const onOne = async (c: Ctx, token?: string, lastDigit = 1): Promise<ApiCall> => ({
        method,
        path: `/qos-assignments/${(await assigned(c, lastDigit)).id}`,
        token,
      });
      return [
        { spec, operation, status: method === 'GET' ? 200 : 204, code: '', call: (c) => onOne(c, c.cc) },
        ...(method === 'DELETE' ? [{ spec, operation, status: 202, code: '', call: (c: Ctx) => onOne(c, c.cc, 5) }] : []),
        {
          spec,
          operation,
          status: 400,
          code: 'INVALID_ARGUMENT',
          call: (c) => ({ method, path: '/qos-assignments/not-a-uuid', token: c.cc }),
        },
        { spec, operation, status: 401, code: 'UNAUTHENTICATED', call: (c) => onOne(c) },
        { spec, operation, status: 403, code: 'PERMISSION_DENIED', call: (c) => onOne(c, c.otherClient) },
        {
          spec,
          operation,
          status: 404,
          code: 'NOT_FOUND',
          call: (c) => ({ method, path: `/qos-assignments/${NO_SUCH_SESSION}`, token: c.cc }),
        },
      ];
    }),
  ];
  const retrieve = 'POST /retrieve-qos-assignment';
  cases.push(
    {
      spec,
      operation: retrieve,
      status: 200,
      code: '',
      call: async (c) => {
        const { phone } = await assigned(c);
        return byDevice(() => ({ phoneNumber: phone }))(c);
      },
    },
    { spec, operation: retrieve, status: 400, code: 'INVALID_ARGUMENT', call: byDevice(() => ({ phoneNumber: '12' })) },
    {
      spec,
      operation: retrieve,
      status: 400,
      code: 'OUT_OF_RANGE',
      call: byDevice(() => ({ ipv4Address: { publicAddress: '203.0.113.1', publicPort: 70000 } })),
    },
    {
      spec,
      operation: retrieve,
      status: 401,
      code: 'UNAUTHENTICATED',
      call: byDevice(
        (c) => ({ phoneNumber: c.phone() }),
        () => '',
      ),
    },
    {
      spec,
      operation: retrieve,
      status: 403,
      code: 'PERMISSION_DENIED',
      call: byDevice(
        (c) => ({ phoneNumber: c.phone() }),
        (c) => c.narrow,
      ),
    },
    {
      spec,
      operation: retrieve,
      status: 403,
      code: 'PERMISSION_DENIED',
      call: async (c) => {
        const { phone } = await assigned(c);
        return byDevice(
          () => ({ phoneNumber: phone }),
          () => c.otherClient,
        )(c);
      },
    },
    { spec, operation: retrieve, status: 404, code: 'NOT_FOUND', call: byDevice((c) => ({ phoneNumber: c.phone() })) },
    { spec, operation: retrieve, status: 404, code: 'IDENTIFIER_NOT_FOUND', call: byDevice((c) => ({ phoneNumber: c.phone(8) })) },
    { spec, operation: retrieve, status: 422, code: 'SERVICE_NOT_APPLICABLE', call: byDevice((c) => ({ phoneNumber: c.phone(9) })) },
    { spec, operation: retrieve, status: 422, code: 'MISSING_IDENTIFIER', call: byDevice(() => undefined) },
    {
      spec,
      operation: retrieve,
      status: 422,
      code: 'UNSUPPORTED_IDENTIFIER',
      call: byDevice(() => ({ networkAccessIdentifier: 'user@example.org' })),
    },
    {
      spec,
      operation: retrieve,
      status: 422,
      code: 'UNNECESSARY_IDENTIFIER',
      call: byDevice(
        (c) => ({ phoneNumber: c.phone() }),
        (c) => c.threeLegged,
      ),
    },
    ...rateLimited(spec, [create, 'GET /qos-assignments/{assignmentId}', 'DELETE /qos-assignments/{assignmentId}', retrieve]),
  );
  if (spec === 'provisioning-v0.4') {
    cases.push({
      spec,
      operation: create,
      status: 422,
      code: 'PRIVATE_KEY_JWT_NOT_CONFIGURED',
      call: (c) =>
        assign(c, {
          sink: 'http://127.0.0.1:9/notify',
          sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', clientId: 'app', tokenUri: 'http://127.0.0.1:9/token' },
        }),
    });
  }
  return cases;
}

/** Declared responses the sandbox cannot produce, and why. Matched by status, operation and code (`*` = any). */
const CANNOT_PRODUCE: ReadonlyArray<{ spec?: Spec; operation?: string; status: number; code?: string; why: string }> = [
  { status: 500, why: 'the sandbox has no internal failure to report' },
  { status: 503, why: 'the sandbox has no outage to report' },
  { status: 429, code: 'QUOTA_EXCEEDED', why: 'only creating a session consumes quota (covered on create)' },
  ...(['v1', 'v1.2'] as const).flatMap((spec) => [
    {
      spec,
      operation: 'POST /sessions/{sessionId}/extend',
      status: 400,
      code: 'OUT_OF_RANGE',
      why: "CAMARA's test definitions expect INVALID_ARGUMENT for any value that breaks ExtendSessionDuration (extend 400.1); it has no port",
    },
    {
      spec,
      operation: 'POST /sessions',
      status: 404,
      code: 'NOT_FOUND',
      why: 'create names no resource but the device (IDENTIFIER_NOT_FOUND) and the profile (an unknown one is invalid input)',
    },
    {
      spec,
      operation: 'POST /sessions/{sessionId}/extend',
      status: 400,
      code: 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
      why: 'the specification caps an extension at the profile maxDuration instead of refusing it',
    },
  ]),
  { status: 400, code: 'OUT_OF_RANGE', why: 'the operation has no numeric field with a range' },
  {
    spec: 'v1.2',
    operation: 'POST /sessions',
    status: 400,
    code: 'INVALID_CREDENTIAL',
    why:
      "1.2's credential types are ACCESSTOKEN and PRIVATE_KEY_JWT, both accepted: any other is a schema error, " +
      'INVALID_ARGUMENT (r4.1 createSession 400.6)',
  },
  { operation: 'POST /retrieve-sessions', status: 404, code: 'NOT_FOUND', why: 'an empty result is 200 with []' },
  {
    operation: 'POST /qos-assignments',
    status: 404,
    code: 'NOT_FOUND',
    why: 'create names no resource but the device (IDENTIFIER_NOT_FOUND) and the profile (unknown: INVALID_ARGUMENT, test 400.9)',
  },
  { operation: 'POST /retrieve-qos-profiles', status: 404, code: 'NOT_FOUND', why: 'an empty result is 200 with []' },
  { spec: 'v0.8', operation: 'POST /notifications', status: 0, why: 'a callback the API client serves, not an operation of the API' },
];

function whyNot(spec: Spec, operation: string, status: number, code: string): string | undefined {
  return CANNOT_PRODUCE.find(
    (r) =>
      (r.spec === undefined || r.spec === spec) &&
      (r.operation === undefined || r.operation === operation) &&
      (r.status === 0 || r.status === status) &&
      (r.code === undefined || r.code === code),
  )?.why;
}

const CASES: Case[] = [
  ...sessionOperations('v1'),
  ...profileOperations('profiles-v1'),
  ...sessionOperations('v1.2'),
  ...profileOperations('profiles-v1.2'),
  ...sessionOperations('v0.10'),
  ...sessionOperations('v0.8'),
  ...provisioningOperations('provisioning-v0.3'),
  ...provisioningOperations('provisioning-v0.4'),
];

describe('Every declared response of the official specifications, provoked over real HTTP', function () {
  const running = {
    main: withSandbox({ activationDelayMs: 10 }, { manualClock: true }),
    quota: withSandbox({ activationDelayMs: 10, maxSessions: 1 }, { manualClock: true }),
    rate: withSandbox({ activationDelayMs: 10, rateLimit: { perSecond: 0.001, burst: 1 } }, { manualClock: true }),
  };
  const sandboxes = new Map<string, Ctx>();
  const covered = new Map<Spec, Set<string>>();
  const key = (operation: string, status: number, code: string) => `${operation} ${status} ${code}`.trim();

  before(async () => {
    for (const [name, sandbox] of Object.entries(running)) sandboxes.set(name, await context(sandbox));
  });

  for (const c of CASES) {
    it(`${c.spec} ${c.operation} → ${c.status}${c.code ? ` ${c.code}` : ''}`, async () => {
      const ctx = sandboxes.get(c.sandbox ?? 'main') as Ctx;
      const call = await c.call(ctx);
      const reply = await api(ctx.sb, c.spec, call);
      assert.equal(reply.status, c.status, JSON.stringify(reply.body));
      assert.equal(reply.body?.code ?? '', c.code, JSON.stringify(reply.body));
      if (camaraAvailable) {
        const declared = declaredResponses(c.spec).some((d) => d.operation === c.operation && d.status === c.status && d.code === c.code);
        assert.ok(declared, `${c.spec} does not declare ${c.operation} ${c.status} ${c.code}: the case is wrong`);
      }
      const set = covered.get(c.spec) ?? new Set<string>();
      set.add(key(c.operation, c.status, c.code));
      covered.set(c.spec, set);
    });
  }

  it('covers every declared response the sandbox can produce (and says which it cannot, and why)', function () {
    if (!camaraAvailable) {
      console.log(`      skipped: the coverage count needs the official specifications (${CAMARA_DIR} is absent)`);
      this.skip();
    }
    const missing: string[] = [];
    const specs = ['v1', 'profiles-v1', 'v1.2', 'profiles-v1.2', 'provisioning-v0.3', 'provisioning-v0.4', 'v0.10', 'v0.8'] as const;
    for (const spec of specs) {
      const declared = declaredResponses(spec);
      const done = covered.get(spec) ?? new Set<string>();
      const notCovered = declared.filter((d) => !done.has(key(d.operation, d.status, d.code)));
      console.log(`      ${spec}: covered ${declared.length - notCovered.length} of ${declared.length} declared responses`);
      for (const d of notCovered) {
        const why = whyNot(spec, d.operation, d.status, d.code);
        console.log(`        not covered: ${key(d.operation, d.status, d.code)}${why ? ` (${why})` : ' (NO REASON)'}`);
        if (!why) missing.push(`${spec} ${key(d.operation, d.status, d.code)}`);
      }
    }
    assert.deepEqual(missing, [], 'declared responses the sandbox can produce but no case provokes');
  });
});

async function context({ sb, clock }: SuiteSandbox): Promise<Ctx> {
  let next = 0;
  const phone = (lastDigit = 1) => `+3461${String(next++).padStart(6, '0')}${lastDigit}`;
  const post = { authorization: '' };
  const otherReply = await form(
    `${sb.url}/token`,
    { grant_type: 'client_credentials', scope: `${V1} ${V0}`, client_id: 'qod-demo-post', client_secret: 'qod-demo-post-secret' },
    post,
  );
  const cc = await clientCredentials(sb, `${V1} ${V0}`);
  const ctx: Ctx = {
    sb,
    clock,
    cc,
    phone,
    otherClient: otherReply.body.access_token,
    narrow: await clientCredentials(sb, 'qos-profiles:read'),
    noProfiles: await clientCredentials(sb, 'quality-on-demand:sessions:read'),
    threeLegged: await cibaToken(sb, 'tel:+34666666661', `${V1} ${V0}`),
    jwtClient: await jwtClientToken(sb.url),
    async session(spec, { requested = false } = {}) {
      const body = spec === 'v0.8' ? v08Create(ctx) : v1Create(ctx);
      const created = await api(sb, spec, { method: 'POST', path: '/sessions', token: cc, body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      if (!requested) clock.advance(10);
      return created.body.sessionId ?? created.body.id;
    },
  };
  return ctx;
}
