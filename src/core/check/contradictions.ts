// Where a CAMARA test file contradicts its own API definition (or itself). The API definition wins: the check
// encodes the definition's expectation, and the report names the contradiction on each scenario it touches.
// Line numbers: the test files in test-definitions/<release>/ and the definitions' YAML, as published.

export interface Contradiction {
  key: string;
  title: string;
  /** The scenarios it touches (ids). */
  scenarios: readonly string[];
  /** Where the test file says it: file (release/…feature) and line. */
  test: string;
  /** Where the API definition says otherwise. */
  spec: string;
  /** What this check does instead. */
  check: string;
}

export const CONTRADICTIONS: readonly Contradiction[] = [
  {
    key: 'event-type',
    title: 'Notification event type string',
    scenarios: ['quality_on_demand_createSession_02_2_event_received', 'quality_on_demand_deleteSession_02_event_notification'],
    test:
      'r3.2 and r4.1 quality-on-demand-createSession.feature:78, quality-on-demand-deleteSession.feature:45: ' +
      '"$.type" is "org.camaraproject.qod.v1.qos-status-changed"',
    spec:
      'quality-on-demand-1.1.0.yaml:781 and quality-on-demand-1.2.0-rc.3.yaml:660: ' +
      'org.camaraproject.quality-on-demand.v1.qos-status-changed (the only value the event schema the same scenarios cite allows)',
    check: 'expects the definition’s type string',
  },
  {
    key: 'content-type-204',
    title: 'Content-Type expected on a 204',
    scenarios: ['quality_on_demand_deleteSession_01_delete_existing_qod_session'],
    test: 'r3.2 and r4.1 quality-on-demand-deleteSession.feature:29-30: status 204 and Content-Type "application/json"',
    spec: 'quality-on-demand-1.1.0.yaml:313-317, quality-on-demand-1.2.0-rc.3.yaml:331-335: a 204 has no content, only x-correlator',
    check: 'expects 204 with no body and does not ask for a Content-Type',
  },
  {
    key: 'profiles-06',
    title: 'Same precondition, opposite expectations',
    scenarios: [
      'qos_profiles_retrieveQoSProfiles_06_device_qos_profiles_not_found',
      'qos_profiles_retrieveQoSProfiles_C01.07_device_not_supported',
    ],
    test:
      'qos-profiles-retrieveQoSProfiles.feature r3.2:90 / r4.1:92 (a device the service is not applicable to → 200 []) versus ' +
      'r3.2:161 / r4.1:175 (the same device → 422 SERVICE_NOT_APPLICABLE)',
    spec: 'qos-profiles-1.1.0.yaml:768-776, qos-profiles-1.2.0-rc.3.yaml:764: 422 SERVICE_NOT_APPLICABLE; no "empty list" rule',
    check: 'expects 422 SERVICE_NOT_APPLICABLE in both',
  },
  {
    key: 'duration-code',
    title: 'Duration outside the profile’s range: which code',
    scenarios: ['quality_on_demand_createSession_400.9_invalid_duration'],
    test: 'quality-on-demand-createSession.feature r3.2:294-302 / r4.1:321-329: "$.code" is "INVALID_ARGUMENT"',
    spec:
      'quality-on-demand-1.1.0.yaml:1038,1059 and quality-on-demand-1.2.0-rc.3.yaml:1097,1118: ' +
      'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE, "out of the allowed range for the specific QoS profile"',
    check: 'expects 400 QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE; INVALID_ARGUMENT, which the same 400 also declares, is accepted too',
  },
  {
    key: 'startedAt',
    title: 'startedAt "only if AVAILABLE"',
    scenarios: [
      'quality_on_demand_createSession_01_generic_success_scenario',
      'quality_on_demand_getSession_01_get_existing_session',
      'qos_provisioning_createQosAssignment_01_generic_success_scenario',
    ],
    test:
      'quality-on-demand-createSession.feature:52 (row $.startedAt), quality-on-demand-getSession.feature:39, ' +
      'quality-on-demand-retrieveSessionsByDevice.feature:44, qos-provisioning-createQosAssignment.feature:42, ' +
      'qos-provisioning-getQosAssignmentByDevice.feature:40 (r3.2 and r4.1): startedAt exists only if the status is AVAILABLE',
    spec:
      'quality-on-demand-1.1.0.yaml:545, quality-on-demand-1.2.0-rc.3.yaml:547, qos-provisioning-0.4.0-rc.1.yaml:429: ' +
      'the time the status became AVAILABLE, not returned while REQUESTED (an UNAVAILABLE one keeps it)',
    check: 'expects startedAt absent while REQUESTED, present while AVAILABLE, in the past; kept on UNAVAILABLE',
  },
  {
    key: 'provisioning-event-data',
    title: 'QoS Provisioning 0.3.0 event data: status or qosStatus',
    scenarios: [
      'qos_provisioning_createQosAssignment_02_2_event_notification_sent',
      'qos_provisioning_revokeQosAssignment_04_event_notification_async',
    ],
    test:
      'r3.2 qos-provisioning-createQosAssignment.feature:65,69 and qos-provisioning-revokeQosAssignment.feature:62,67,81,86: ' +
      'the event complies with EventStatusChanged and has "$.data.status"',
    spec:
      'qos-provisioning-0.3.0.yaml:646-652: data requires assignmentId and qosStatus while the property is named status ' +
      '(0.4.0-rc.1 fixed it to status)',
    check: 'expects data.status (the property both versions define); data.qosStatus is neither required nor refused',
  },
  {
    key: 'bearer-colon',
    title: '"Bearer: " in the notification’s Authorization header',
    scenarios: ['qos_provisioning_revokeQosAssignment_03_event_notification_sync'],
    test:
      'qos-provisioning-revokeQosAssignment.feature:60 (r3.2 and r4.1): "Bearer: " + token; ' +
      'line 79 and createQosAssignment:63 say "Bearer "',
    spec: 'notificationsBearerAuth (http bearer, RFC 6750): "Bearer <token>"',
    check: 'expects "Bearer <token>" (the local sink accepts nothing else)',
  },
  {
    key: 'provisioning-409-steps',
    title: 'A 409 scenario that never asks for the status code',
    scenarios: ['qos_provisioning_createQosAssignment_409.1_provisioning_conflict'],
    test: 'qos-provisioning-createQosAssignment.feature r3.2:293-302 / r4.1:302-311: no "response status code is 409" step',
    spec: 'qos-provisioning-0.3.0.yaml / 0.4.0-rc.1.yaml createQosAssignment: 409 CONFLICT',
    check: 'expects HTTP 409 and "$.status" 409 with code CONFLICT',
  },
];

const BY_KEY = new Map(CONTRADICTIONS.map((c) => [c.key, c]));

export function contradiction(key: string): Contradiction | undefined {
  return BY_KEY.get(key);
}

/** One line for a report. */
export function contradictionText(key: string): string {
  const c = BY_KEY.get(key);
  return c ? `${c.title}: the test file says ${c.test}; the API definition says ${c.spec}. This check ${c.check}.` : key;
}
