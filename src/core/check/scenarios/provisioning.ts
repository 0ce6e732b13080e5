// QoS Provisioning's scenarios: 0.3.0 (r3.2) and 0.4.0-rc.1 (r4.1).
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
import { absent, echoes, equals, onlyWhen, startedAtRule } from '../rules';

const BOTH: readonly Release[] = ['r3.2', 'r4.1'];
const R3: readonly Release[] = ['r3.2'];
const R4: readonly Release[] = ['r4.1'];

export function assignmentBody(c: CheckContext, device: Device | undefined, extra: Record<string, unknown> = {}) {
  return { ...(device === undefined ? {} : { device }), qosProfile: c.profile.name, ...extra };
}

const UNUSED_SINK = 'https://notifications.example.org/provisioning';
const withSink = (c: CheckContext) => ({ body: assignmentBody(c, c.device, { sink: c.sink?.url, sinkCredential: c.sink?.credential }) });

const create: OperationFacts = {
  api: 'provisioning',
  operation: 'createQosAssignment',
  prefix: 'qos_provisioning_createQosAssignment',
  needs: ['device'],
  valid: (c) => ({ body: assignmentBody(c, c.device) }),
  withDevice: (c, device) => ({ body: assignmentBody(c, device) }),
};
const byId = (operation: 'getQosAssignmentById' | 'revokeQosAssignment'): OperationFacts => ({
  api: 'provisioning',
  operation,
  prefix: `qos_provisioning_${operation}`,
  needs: ['device', 'assignment'],
  valid: (c) => ({ param: c.resourceId }),
});
const get = byId('getQosAssignmentById');
const revoke = byId('revokeQosAssignment');
const byDevice: OperationFacts = {
  api: 'provisioning',
  operation: 'getQosAssignmentByDevice',
  prefix: 'qos_provisioning_getQosAssignmentByDevice',
  needs: ['device'],
  valid: (c) => ({ body: { device: c.device } }),
  withDevice: (_c, device) => ({ body: device === undefined ? {} : { device } }),
};

/** What every success answer about an assignment is checked for. */
const ASSIGNMENT_RULES = [
  echoes('device'),
  echoes('qosProfile'),
  echoes('sink'),
  startedAtRule('status'),
  onlyWhen('statusInfo', 'status', ['UNAVAILABLE']),
];

const DELETE_EVENT = { api: 'provisioning', status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' } as const;

const createScenarios: Scenario[] = [
  scenario(create, BOTH, '01_generic_success_scenario', {
    request: create.valid,
    expect: { status: 201, body: 'assignment', rules: ASSIGNMENT_RULES },
    contradiction: 'startedAt',
  }),
  scenario(create, BOTH, '02_1_sinkcredential_provided', {
    needs: ['device', 'sink'],
    request: withSink,
    expect: { status: 201, body: 'assignment' },
  }),
  // An asynchronous device: its outcome (AVAILABLE) is known after the 201 REQUESTED, and notified.
  scenario(create, BOTH, '02_2_event_notification_sent', {
    needs: ['asyncDevice', 'sinkEvents'],
    request: withSink,
    expect: { status: 201, body: 'assignment', event: { api: 'provisioning' } },
    contradiction: 'provisioning-event-data',
  }),
  scenario(create, BOTH, '03_3_legged_missing_device', {
    needs: ['threeLegged'],
    request: (c) => ({ body: assignmentBody(c, undefined), token: 'threeLegged' }),
    expect: { status: 201, body: 'assignment', rules: [absent('device')] },
  }),
  ...deviceRules(create, BOTH),
  ...bodyErrors(
    create,
    BOTH,
    { schema: '400.1_schema_not_compliant', noBody: '400.2_no_request_body', emptyBody: '400.3_empty_request_body' },
    (c) => assignmentBody(c, c.device, { qosProfile: 12345 }),
  ),
  ...(['PLAIN', 'REFRESHTOKEN'] as const).flatMap((type) => [
    // 0.3.0 declares these types and refuses them; 0.4.0-rc.1 removed them (a schema error): same id, two answers.
    scenario(create, R3, '400.7_invalid_sink_credential', {
      row: type,
      request: (c) => ({ body: assignmentBody(c, c.device, { sink: UNUSED_SINK, sinkCredential: { credentialType: type } }) }),
      expect: error(400, 'INVALID_CREDENTIAL'),
    }),
    scenario(create, R4, '400.7_invalid_sink_credential', {
      row: type,
      request: (c) => ({ body: assignmentBody(c, c.device, { sink: UNUSED_SINK, sinkCredential: { credentialType: type } }) }),
      expect: error(400, 'INVALID_ARGUMENT'),
    }),
  ]),
  scenario(create, BOTH, '400.8_sink_credential_invalid_token', {
    request: (c) => ({
      body: assignmentBody(c, c.device, {
        sink: UNUSED_SINK,
        sinkCredential: {
          credentialType: 'ACCESSTOKEN',
          accessToken: 'check-sink-token-0123456789',
          accessTokenExpiresUtc: '2099-12-31T23:59:59Z',
          accessTokenType: 'mac',
        },
      }),
    }),
    expect: error(400, 'INVALID_TOKEN', 'INVALID_ARGUMENT'),
  }),
  scenario(create, BOTH, '400.9_non_existent_qos_profile', {
    request: (c) => ({ body: assignmentBody(c, c.device, { qosProfile: `NO_SUCH_PROFILE_${randomUUID().slice(0, 8)}` }) }),
    expect: error(400, 'INVALID_ARGUMENT'),
  }),
  badCorrelator(create, '400.10_invalid_x-correlator'),
  ...unauthenticated(create, BOTH),
  missingScope(create, BOTH),
  scenario(create, BOTH, '409.1_provisioning_conflict', {
    needs: ['device', 'assignment'],
    request: create.valid,
    expect: error(409, 'CONFLICT'),
    contradiction: 'provisioning-409-steps',
  }),
  scenario(create, BOTH, '422.1_qos_profile_not_applicable', {
    needs: ['device', 'inactiveProfile'],
    request: (c) => ({ body: assignmentBody(c, c.device, { qosProfile: c.inactiveProfile }) }),
    expect: error(422, 'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE'),
  }),
  scenario(create, R4, '422.2_private_key_jwt_not_configured', {
    needs: ['device', 'privateKeyJwtNotPreShared'],
    request: (c) => ({
      body: assignmentBody(c, c.device, {
        sink: UNUSED_SINK,
        sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', clientId: 'check-app', tokenUri: 'https://notifications.example.org/token' },
      }),
    }),
    expect: error(422, 'PRIVATE_KEY_JWT_NOT_CONFIGURED'),
  }),
  tooMany(create, '429.1_too_many_requests'),
];

const notUuid = () => ({ param: 'not-a-uuid' });
const randomId = () => ({ param: randomUUID() });

/** get and revoke by id share their error families. */
function byIdErrors(op: OperationFacts): Scenario[] {
  return [
    scenario(op, BOTH, '400.1_invalid_id', { needs: [], request: notUuid, expect: error(400, 'INVALID_ARGUMENT') }),
    badCorrelator(op, '400.10_invalid_x-correlator'),
    ...unauthenticated(op, BOTH),
    missingScope(op, BOTH),
    otherClient(op, BOTH, '403.2_different_client_id'),
    scenario(op, BOTH, '404.1_not_found', { needs: [], request: randomId, expect: error(404, 'NOT_FOUND') }),
    tooMany(op, '429.1_too_many_requests'),
  ];
}

const getScenarios: Scenario[] = [
  scenario(get, BOTH, '01_get_existing_qos_assignment', {
    request: get.valid,
    expect: { status: 200, body: 'assignment', rules: ASSIGNMENT_RULES },
  }),
  scenario(get, BOTH, '02_get_recent_unavailable', {
    needs: ['device', 'endedAssignment'],
    request: get.valid,
    expect: { status: 200, body: 'assignment', rules: [equals('status', 'UNAVAILABLE')] },
  }),
  ...byIdErrors(get),
];

const revokeScenarios: Scenario[] = [
  scenario(revoke, BOTH, '01_delete_existing_qos_assignment_sync', {
    needs: ['device', 'assignment', 'syncRevoke'],
    request: revoke.valid,
    expect: { status: 204, body: 'none', noContentTypeCheck: true },
  }),
  scenario(revoke, BOTH, '02_delete_existing_qos_assignment_async', {
    needs: ['asyncDevice', 'assignment'],
    request: revoke.valid,
    expect: {
      status: 202,
      body: 'assignment',
      rules: [
        echoes('device'),
        echoes('qosProfile'),
        equals('status', 'AVAILABLE'),
        equals('statusInfo', 'DELETE_REQUESTED'),
        startedAtRule('status'),
      ],
    },
  }),
  scenario(revoke, BOTH, '03_event_notification_sync', {
    needs: ['device', 'assignmentWithSink', 'syncRevoke'],
    request: revoke.valid,
    expect: { status: 204, body: 'none', noContentTypeCheck: true, event: DELETE_EVENT },
    contradiction: 'bearer-colon',
  }),
  scenario(revoke, BOTH, '04_event_notification_async', {
    needs: ['asyncDevice', 'assignmentWithSink'],
    request: revoke.valid,
    expect: { status: 202, body: 'assignment', event: DELETE_EVENT },
    contradiction: 'provisioning-event-data',
  }),
  ...byIdErrors(revoke),
];

const byDeviceScenarios: Scenario[] = [
  scenario(byDevice, BOTH, '01_get_existing_qos_provisioning_by_device', {
    needs: ['device', 'assignment'],
    request: byDevice.valid,
    expect: { status: 200, body: 'assignment', rules: ASSIGNMENT_RULES },
  }),
  ...deviceRules(byDevice, BOTH),
  ...bodyErrors(byDevice, BOTH, { schema: '400.1_schema_not_compliant', noBody: '400.2_no_request_body' }, () => ({
    device: 'tel:+34666666661',
  })),
  badCorrelator(byDevice, '400.10_invalid_x-correlator'),
  ...unauthenticated(byDevice, BOTH),
  missingScope(byDevice, BOTH),
  otherClient({ ...byDevice, needs: ['device', 'assignment'] }, BOTH, '403.2_different_client_id'),
  scenario(byDevice, BOTH, '404.1_not_found', { request: byDevice.valid, expect: error(404, 'NOT_FOUND') }),
  tooMany(byDevice, '429.1_too_many_requests'),
];

export const PROVISIONING_SCENARIOS: readonly Scenario[] = [...createScenarios, ...getScenarios, ...revokeScenarios, ...byDeviceScenarios];
