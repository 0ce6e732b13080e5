// QoS Profiles' scenarios: 1.1.0 (r3.2) and 1.2.0-rc.3 (r4.1). r4.1 numbers its error ids with two digits
// (`400.01`), so the families are generated once per release with that release's numbering.
import type { Device } from '../../camara/fields';
import {
  badCorrelator,
  bodyErrors,
  deviceRules,
  error,
  missingScope,
  oneDigit,
  scenario,
  tooMany,
  twoDigits,
  unauthenticated,
  type Numbering,
  type OperationFacts,
} from '../families';
import type { BodyRule, Release, Scenario } from '../model';
import { equals, everyItem, length } from '../rules';

const BOTH: readonly Release[] = ['r3.2', 'r4.1'];

const getProfile: OperationFacts = {
  api: 'profiles',
  operation: 'getQosProfile',
  prefix: 'qos_profiles_getQosProfile',
  needs: [],
  valid: (c) => ({ param: c.profile.name }),
};
const retrieve: OperationFacts = {
  api: 'profiles',
  operation: 'retrieveQoSProfiles',
  prefix: 'qos_profiles_retrieveQoSProfiles',
  needs: [],
  valid: () => ({ body: {} }),
  withDevice: (_c, device?: Device) => ({ body: device === undefined ? {} : { device } }),
};

const names = (body: Record<string, unknown>) => (body as unknown as { name?: string }[]).map((p) => p.name);
const lists =
  (present: boolean): BodyRule =>
  (body, c) =>
    names(body).includes(c.restricted?.profile) === present
      ? undefined
      : `the restricted profile ${c.restricted?.profile} is ${present ? 'missing from' : 'in'} the list`;

/** The scenarios whose ids are the same in both releases. */
const common: Scenario[] = [
  scenario(getProfile, BOTH, '01_generic_success_scenario', {
    request: getProfile.valid,
    expect: { status: 200, body: 'profile', rules: [(b, c) => equals('name', c.profile.name)(b, c)] },
  }),
  scenario(retrieve, BOTH, '01_generic_success_scenario', { request: retrieve.valid, expect: { status: 200, body: 'profiles' } }),
  scenario(retrieve, BOTH, '02_filter_by_name_only', {
    request: (c) => ({ body: { name: c.profile.name } }),
    expect: {
      status: 200,
      body: 'profiles',
      rules: [length(1), (b, c) => (names(b)[0] === c.profile.name ? undefined : `$[0].name is ${names(b)[0]}, asked ${c.profile.name}`)],
    },
  }),
  ...(['ACTIVE', 'INACTIVE', 'DEPRECATED'] as const).map((status) =>
    scenario(retrieve, BOTH, '03_filter_by_status_only', {
      row: status,
      request: () => ({ body: { status } }),
      expect: { status: 200, body: 'profiles', rules: [everyItem('status', status)] },
    }),
  ),
  scenario(retrieve, BOTH, '04_return_restricted_profiles', {
    needs: ['restrictedProfiles'],
    request: (c) => ({ body: { device: c.restricted?.device } }),
    expect: { status: 200, body: 'profiles', rules: [lists(true)] },
  }),
  scenario(retrieve, BOTH, '05_not_return_restricted_profiles', {
    needs: ['restrictedProfiles'],
    request: () => ({ body: {} }),
    expect: { status: 200, body: 'profiles', rules: [lists(false)] },
  }),
  // The file expects 200 [] here and 422 in C01.07 for the same precondition: the spec's 422 wins.
  scenario(retrieve, BOTH, '06_device_qos_profiles_not_found', {
    needs: ['notApplicableDevice'],
    request: (c) => ({ body: { device: c.other } }),
    expect: error(422, 'SERVICE_NOT_APPLICABLE'),
    contradiction: 'profiles-06',
  }),
  ...deviceRules(retrieve, BOTH, ['C01.05']),
];

/** The error families, with each release's numbering. */
function errors(release: Release, n: Numbering): Scenario[] {
  const r = [release];
  return [
    scenario(getProfile, r, `${n(400, 1)}_name_does_not_match_regex`, {
      request: () => ({ param: 'QOS*E!' }),
      expect: error(400, 'INVALID_ARGUMENT'),
    }),
    scenario(getProfile, r, `${n(400, 2)}_invalid_name_length`, {
      request: () => ({ param: 'QO' }),
      expect: error(400, 'INVALID_ARGUMENT'),
    }),
    ...(release === 'r4.1' ? [badCorrelator(getProfile, `${n(400, 3)}_invalid_x-correlator`)] : []),
    ...unauthenticated(getProfile, r, n),
    missingScope(getProfile, r, n),
    scenario(getProfile, r, `${n(404, 1)}_not_found`, {
      request: () => ({ param: 'NO_SUCH_PROFILE_CHECK' }),
      expect: error(404, 'NOT_FOUND'),
    }),
    ...(release === 'r4.1' ? [tooMany(getProfile, `${n(429, 1)}_too_many_requests`)] : []),
    ...bodyErrors(retrieve, r, { schema: `${n(400, 1)}_schema_not_compliant`, noBody: `${n(400, 2)}_no_request_body` }, () => ({
      status: 'SOMETIMES',
    })),
    ...(release === 'r4.1' ? [badCorrelator(retrieve, `${n(400, 3)}_invalid_x-correlator`)] : []),
    ...unauthenticated(retrieve, r, n),
    missingScope(retrieve, r, n),
    ...(release === 'r4.1' ? [tooMany(retrieve, `${n(429, 1)}_too_many_requests`)] : []),
  ];
}

export const PROFILE_SCENARIOS: readonly Scenario[] = [...common, ...errors('r3.2', oneDigit), ...errors('r4.1', twoDigits)];
