// Quality-on-Demand's scenarios: QoD 1.1.0 (r3.2) and 1.2.0-rc.3 (r4.1), one line of facts per official id.
import { randomUUID } from 'node:crypto';
import type { Device } from '../../camara/fields';
import {
  badCorrelator,
  bodyErrors,
  deviceRules,
  error,
  missingScope,
  otherClient,
  scenario,
  tooMany,
  unauthenticated,
  type OperationFacts,
} from '../families';
import type { CheckContext, Release, Scenario } from '../model';
import { absent, echoes, equals, expiresAtRule, holdsCreated, length, onlyWhen, startedAtRule, withinMaxDuration } from '../rules';

const BOTH: readonly Release[] = ['r3.2', 'r4.1'];
const R4: readonly Release[] = ['r4.1'];
const R3: readonly Release[] = ['r3.2'];

/** A duration the profile allows: a minute, within its bounds. */
export const validDuration = (c: CheckContext): number => Math.max(c.profile.minSeconds ?? 1, Math.min(60, c.profile.maxSeconds ?? 60));

/** A createSession body compliant with both versions' schemas; `device` undefined leaves it out. */
export function createBody(c: CheckContext, device: Device | undefined, extra: Record<string, unknown> = {}) {
  return {
    ...(device === undefined ? {} : { device }),
    applicationServer: { ipv4Address: '198.51.100.0/24' },
    devicePorts: { ports: [5060] },
    applicationServerPorts: { ranges: [{ from: 10000, to: 10100 }] },
    qosProfile: c.profile.name,
    duration: validDuration(c),
    ...extra,
  };
}

/** A sink that need not be reached: the request is refused before the provider would use it. */
const UNUSED_SINK = 'https://notifications.example.org/qod';
const accessTokenCredential = (extra: Record<string, unknown> = {}) => ({
  credentialType: 'ACCESSTOKEN',
  accessToken: 'check-sink-token-0123456789',
  accessTokenExpiresUtc: '2099-12-31T23:59:59Z',
  accessTokenType: 'bearer',
  ...extra,
});

const create: OperationFacts = {
  api: 'qod',
  operation: 'createSession',
  prefix: 'quality_on_demand_createSession',
  needs: ['device'],
  valid: (c) => ({ body: createBody(c, c.device) }),
  withDevice: (c, device) => ({ body: createBody(c, device) }),
};
const sessionPath = (operation: 'getSession' | 'deleteSession'): OperationFacts => ({
  api: 'qod',
  operation,
  prefix: `quality_on_demand_${operation}`,
  needs: ['device', 'session'],
  valid: (c) => ({ param: c.resourceId }),
});
const get = sessionPath('getSession');
const del = sessionPath('deleteSession');
const extend: OperationFacts = {
  api: 'qod',
  operation: 'extendQosSessionDuration',
  prefix: 'quality_on_demand_extendQosSessionDuration',
  needs: ['device', 'session'],
  valid: (c) => ({ param: c.resourceId, body: { requestedAdditionalDuration: 60 } }),
};
const retrieve: OperationFacts = {
  api: 'qod',
  operation: 'retrieveSessionsByDevice',
  prefix: 'quality_on_demand_retrieveSessionsByDevice',
  needs: ['device'],
  valid: (c) => ({ body: { device: c.device } }),
  withDevice: (_c, device) => ({ body: device === undefined ? {} : { device } }),
};

/** createSession_01's rows: the rule each row checks on the 201. */
const CREATE_RULES = [
  ['$.device', echoes('device')],
  ['$.applicationServer', echoes('applicationServer')],
  ['$.qosProfile', echoes('qosProfile')],
  ['$.devicePorts', echoes('devicePorts')],
  ['$.applicationServerPorts', echoes('applicationServerPorts')],
  ['$.sink', echoes('sink')],
  ['$.startedAt', startedAtRule('qosStatus')],
  ['$.expiresAt', expiresAtRule],
  ['$.statusInfo', onlyWhen('statusInfo', 'qosStatus', ['UNAVAILABLE'])],
] as const;

/** What getSession_01 and extend_01 check of the session they read. */
const SESSION_ECHO = [
  echoes('device'),
  echoes('applicationServer'),
  echoes('qosProfile'),
  echoes('devicePorts'),
  echoes('applicationServerPorts'),
  echoes('sink'),
];

const PORT_ROWS: ReadonlyArray<[string, (c: CheckContext) => Record<string, unknown>]> = [
  [
    '$.device.ipv4Address.publicPort',
    (c) => createBody(c, { ipv4Address: { publicAddress: '203.0.113.21', publicPort: 65536 } } as Device),
  ],
  ['$.devicePorts.ranges.from', (c) => createBody(c, c.device, { devicePorts: { ranges: [{ from: 65536, to: 65537 }] } })],
  ['$.devicePorts.ranges.to', (c) => createBody(c, c.device, { devicePorts: { ranges: [{ from: 5000, to: 65536 }] } })],
  ['$.devicePorts.ports[*]', (c) => createBody(c, c.device, { devicePorts: { ports: [65536] } })],
  [
    '$.applicationServerPorts.ranges.from',
    (c) => createBody(c, c.device, { applicationServerPorts: { ranges: [{ from: 65536, to: 65537 }] } }),
  ],
  [
    '$.applicationServerPorts.ranges.to',
    (c) => createBody(c, c.device, { applicationServerPorts: { ranges: [{ from: 5000, to: 65536 }] } }),
  ],
  ['$.applicationServerPorts.ports[*]', (c) => createBody(c, c.device, { applicationServerPorts: { ports: [65536] } })],
];

const withAppServer = (applicationServer: unknown) => (c: CheckContext) => ({ body: createBody(c, c.device, { applicationServer }) });
const seventeen = Array.from({ length: 17 }, (_, i) => `198.51.100.${i + 1}`);

const createScenarios: Scenario[] = [
  ...CREATE_RULES.map(([row, rule]) =>
    scenario(create, BOTH, '01_generic_success_scenario', {
      row,
      request: create.valid,
      expect: { status: 201, body: 'session', rules: [rule] },
      ...(row === '$.startedAt' ? { contradiction: 'startedAt' } : {}),
    }),
  ),
  scenario(create, BOTH, '02_1_sinkcredential_provided', {
    needs: ['device', 'sink'],
    request: (c) => ({ body: createBody(c, c.device, { sink: c.sink?.url, sinkCredential: c.sink?.credential }) }),
    expect: { status: 201, body: 'session' },
  }),
  scenario(create, BOTH, '02_2_event_received', {
    needs: ['device', 'sinkEvents'],
    request: (c) => ({ body: createBody(c, c.device, { sink: c.sink?.url, sinkCredential: c.sink?.credential }) }),
    expect: { status: 201, body: 'session', event: { api: 'qod' } },
    contradiction: 'event-type',
  }),
  scenario(create, BOTH, '03_3_legged_missing_device', {
    needs: ['threeLegged'],
    request: (c) => ({ body: createBody(c, undefined), token: 'threeLegged' }),
    expect: { status: 201, body: 'session', rules: [absent('device')] },
  }),
  scenario(create, R4, '04_1_application_server_subnets_provided', {
    request: withAppServer({ ipv4Address: '198.51.100.0/24', ipv6Address: '2001:db8:85a3::/48' }),
    expect: { status: 201, body: 'session' },
  }),
  scenario(create, R4, '04_2_application_server_list_provided', {
    request: withAppServer({ ipAddresses: ['198.51.100.10', '2001:db8::10'] }),
    expect: { status: 201, body: 'session', rules: [echoes('applicationServer')] },
  }),
  ...deviceRules(create, BOTH),
  ...bodyErrors(
    create,
    BOTH,
    { schema: '400.1_schema_not_compliant', noBody: '400.2_no_request_body', emptyBody: '400.3_empty_request_body' },
    (c) => createBody(c, c.device, { duration: 'one minute' }),
  ),
  ...['$.applicationServer', '$.devicePorts', '$.applicationServerPorts', '$.sinkCredential'].map((row) =>
    scenario(create, BOTH, '400.4_empty_property', {
      row,
      request: (c) => ({ body: createBody(c, c.device, { [row.slice(2)]: {} }) }),
      expect: error(400, 'INVALID_ARGUMENT'),
    }),
  ),
  ...PORT_ROWS.map(([row, body]) =>
    scenario(create, BOTH, '400.5_out_of_range_port', {
      row,
      request: (c) => ({ body: body(c) }),
      expect: error(400, 'OUT_OF_RANGE', 'INVALID_ARGUMENT'),
    }),
  ),
  ...(['PLAIN', 'REFRESHTOKEN'] as const).flatMap((type) => [
    // 1.1.0 declares these types and refuses them (INVALID_CREDENTIAL); 1.2.0-rc.3 removed them (a schema error).
    scenario(create, R3, '400.6_invalid_sink_credential', {
      row: type,
      request: (c) => ({ body: createBody(c, c.device, { sink: UNUSED_SINK, sinkCredential: { credentialType: type } }) }),
      expect: error(400, 'INVALID_CREDENTIAL'),
    }),
    scenario(create, R4, '400.6_unsupported_sink_credential_type', {
      row: type,
      request: (c) => ({ body: createBody(c, c.device, { sink: UNUSED_SINK, sinkCredential: { credentialType: type } }) }),
      expect: error(400, 'INVALID_ARGUMENT'),
    }),
  ]),
  scenario(create, BOTH, '400.7_sink_credential_invalid_token', {
    request: (c) => ({
      body: createBody(c, c.device, { sink: UNUSED_SINK, sinkCredential: accessTokenCredential({ accessTokenType: 'mac' }) }),
    }),
    expect: error(400, 'INVALID_TOKEN', 'INVALID_ARGUMENT'),
  }),
  scenario(create, BOTH, '400.8_non_existent_qos_profile', {
    request: (c) => ({ body: createBody(c, c.device, { qosProfile: `NO_SUCH_PROFILE_${randomUUID().slice(0, 8)}` }) }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  scenario(create, BOTH, '400.9_invalid_duration', {
    request: (c) => ({ body: createBody(c, c.device, { duration: (c.profile.maxSeconds ?? 2_147_483_646) + 1 }) }),
    expect: error(400, 'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE', 'INVALID_ARGUMENT'),
    contradiction: 'duration-code',
  }),
  badCorrelator(create, '400.10_invalid_x-correlator'),
  scenario(create, R4, '400.11_invalid_application_server', {
    request: withAppServer({ ipv4Address: '198.51.100.0/24', ipAddresses: ['198.51.100.10'] }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  scenario(create, R4, '400.12_empty_application_server_list', {
    request: withAppServer({ ipAddresses: [] }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  scenario(create, R4, '400.13_application_server_list_is_too_large', {
    request: withAppServer({ ipAddresses: seventeen }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  scenario(create, R4, '400.14_duplicate_values_in_application_server_list', {
    request: withAppServer({ ipAddresses: ['198.51.100.10', '198.51.100.10'] }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  scenario(create, R4, '400.15_invalid_values_in_application_server_list', {
    request: withAppServer({ ipAddresses: ['198.51.100.10', 'not-an-address'] }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  scenario(create, R4, '400.16_subnet_in_application_server_list', {
    request: withAppServer({ ipAddresses: ['198.51.100.0/24'] }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  ...unauthenticated(create, BOTH),
  missingScope(create, BOTH),
  scenario(create, BOTH, '409.1_session_conflict', {
    needs: ['device', 'session'],
    request: create.valid,
    expect: error(409, 'CONFLICT'),
  }),
  scenario(create, BOTH, '422.1_session_qos_profile_not_applicable', {
    needs: ['device', 'inactiveProfile'],
    request: (c) => ({ body: createBody(c, c.device, { qosProfile: c.inactiveProfile }) }),
    expect: error(422, 'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE'),
  }),
  scenario(create, R4, '422.2_private_key_jwt_not_configured', {
    needs: ['device', 'privateKeyJwtNotPreShared'],
    request: (c) => ({
      body: createBody(c, c.device, {
        sink: UNUSED_SINK,
        sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', clientId: 'check-app', tokenUri: 'https://notifications.example.org/token' },
      }),
    }),
    expect: error(422, 'PRIVATE_KEY_JWT_NOT_CONFIGURED'),
  }),
  tooMany(create, '429.1_too_many_requests'),
];

const randomId = () => ({ param: randomUUID() });
const notUuid = () => ({ param: 'not-a-uuid' });

const getScenarios: Scenario[] = [
  scenario(get, BOTH, '01_get_existing_session', {
    request: get.valid,
    expect: {
      status: 200,
      body: 'session',
      rules: [...SESSION_ECHO, startedAtRule('qosStatus'), expiresAtRule, onlyWhen('statusInfo', 'qosStatus', ['UNAVAILABLE'])],
    },
    contradiction: 'startedAt',
  }),
  scenario(get, BOTH, '02_get_recent_unavailable', {
    needs: ['device', 'endedSession'],
    request: get.valid,
    expect: { status: 200, body: 'session', rules: [equals('qosStatus', 'UNAVAILABLE')] },
  }),
  scenario(get, BOTH, '400.1_invalid_session_id', { needs: [], request: notUuid, expect: error(400, 'INVALID_ARGUMENT') }),
  badCorrelator(get, '400.2_invalid_x-correlator'),
  ...unauthenticated(get, BOTH),
  missingScope(get, BOTH),
  otherClient(get, BOTH, '403.2_session_token_mismatch'),
  scenario(get, BOTH, '404.1_not_found', { needs: [], request: randomId, expect: error(404, 'NOT_FOUND') }),
  tooMany(get, '429.1_too_many_requests'),
];

const deleteScenarios: Scenario[] = [
  scenario(del, BOTH, '01_delete_existing_qod_session', {
    request: del.valid,
    expect: { status: 204, body: 'none', noContentTypeCheck: true },
    contradiction: 'content-type-204',
  }),
  scenario(del, BOTH, '02_event_notification', {
    needs: ['device', 'sessionWithSink'],
    request: del.valid,
    expect: { status: 204, body: 'none', event: { api: 'qod', status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' } },
    contradiction: 'event-type',
  }),
  scenario(del, BOTH, '400.1_invalid_session_id', { needs: [], request: notUuid, expect: error(400, 'INVALID_ARGUMENT') }),
  badCorrelator(del, '400.2_invalid_x-correlator'),
  ...unauthenticated(del, BOTH),
  missingScope(del, BOTH),
  otherClient(del, BOTH, '403.2_session_token_mismatch'),
  scenario(del, BOTH, '404.1_not_found', { needs: [], request: randomId, expect: error(404, 'NOT_FOUND') }),
  tooMany(del, '429.1_too_many_requests'),
];

const extendScenarios: Scenario[] = [
  scenario(extend, BOTH, '01_generic_success_scenario', {
    needs: ['device', 'availableSession'],
    request: extend.valid,
    expect: {
      status: 200,
      body: 'session',
      rules: [
        ...SESSION_ECHO,
        (b) => (Number(b.duration) >= 60 ? undefined : `$.duration ${String(b.duration)} is lower than the 60 s requested`),
      ],
    },
  }),
  scenario(extend, BOTH, '02_exceed_max_duration', {
    needs: ['device', 'availableSession'],
    request: (c) => ({ param: c.resourceId, body: { requestedAdditionalDuration: c.profile.maxSeconds ?? 86_400 } }),
    expect: { status: 200, body: 'session', rules: [withinMaxDuration] },
  }),
  ...bodyErrors(extend, BOTH, { schema: '400.1_schema_not_compliant' }, () => ({ requestedAdditionalDuration: 'one minute' })),
  scenario(extend, BOTH, '400.2_invalid_session_id', {
    needs: [],
    request: () => ({ param: 'not-a-uuid', body: { requestedAdditionalDuration: 60 } }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  ...bodyErrors(extend, BOTH, { noBody: '400.3_no_request_body', emptyBody: '400.4_empty_request_body' }, () => undefined),
  badCorrelator(extend, '400.5_invalid_x-correlator'),
  ...unauthenticated(extend, BOTH),
  missingScope(extend, BOTH),
  otherClient(extend, BOTH, '403.2_session_token_mismatch'),
  scenario(extend, BOTH, '404.1_not_found', {
    needs: [],
    request: () => ({ param: randomUUID(), body: { requestedAdditionalDuration: 60 } }),
    expect: error(404, 'NOT_FOUND'),
  }),
  scenario(extend, BOTH, '409.1_session_not_available', {
    needs: ['device', 'endedSession'],
    request: extend.valid,
    expect: error(409, 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED'),
  }),
  tooMany(extend, '429.1_too_many_requests'),
];

const retrieveScenarios: Scenario[] = [
  scenario(retrieve, BOTH, '01_get_existing_session_by_device', {
    needs: ['device', 'session'],
    request: retrieve.valid,
    expect: { status: 200, body: 'sessions', rules: [holdsCreated] },
  }),
  scenario(retrieve, BOTH, '02_sessions_not_found', {
    request: retrieve.valid,
    expect: { status: 200, body: 'sessions', rules: [length(0)] },
  }),
  ...deviceRules(retrieve, BOTH),
  ...bodyErrors(retrieve, BOTH, { schema: '400.1_schema_not_compliant', noBody: '400.2_no_request_body' }, () => ({
    device: 'tel:+34666666661',
  })),
  badCorrelator(retrieve, '400.3_invalid_x-correlator'),
  ...unauthenticated(retrieve, BOTH),
  missingScope(retrieve, BOTH),
  tooMany(retrieve, '429.1_too_many_requests'),
];

export const QOD_SCENARIOS: readonly Scenario[] = [
  ...createScenarios,
  ...getScenarios,
  ...deleteScenarios,
  ...extendScenarios,
  ...retrieveScenarios,
];
