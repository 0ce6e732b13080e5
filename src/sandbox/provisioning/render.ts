// An assignment as AssignmentInfo (0.3.0 and 0.4.0-rc.1 share the shape), and its status-changed event's data.
import { randomUUID } from 'node:crypto';
import { EVENT_TYPE } from '../../core/camara/provisioning';
import { oneIdentifier } from '../qod/render';
import type { Assignment } from './assignments';

const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The device only when the request named it (a 3-legged token names it itself), as the one identifier used; the sink
 * as sent, never its credential (0.4 marks it writeOnly); startedAt once AVAILABLE ("not to be returned when
 * REQUESTED"); statusInfo when UNAVAILABLE, or DELETE_REQUESTED on an AVAILABLE one whose revoke is under way (202).
 */
export function renderAssignment(assignment: Assignment): Record<string, unknown> {
  return {
    ...(assignment.device ? { device: oneIdentifier(assignment.device) } : {}),
    qosProfile: assignment.qosProfile,
    ...(assignment.sink ? { sink: assignment.sink.url } : {}),
    assignmentId: assignment.id,
    ...(assignment.startedAt !== undefined ? { startedAt: rfc3339(assignment.startedAt) } : {}),
    status: assignment.status,
    ...(assignment.statusInfo ? { statusInfo: assignment.statusInfo } : {}),
  };
}

/**
 * The event's `data`. 0.3.0's EventStatusChanged requires `qosStatus` while its only declared property is `status`
 * (a spec bug, fixed in 0.4.0-rc.1, whose data requires `status`): a 0.3.0 event carries both, so it satisfies the
 * schema's `required` and the test definitions' `$.data.status`; a 0.4 event carries `status` only.
 */
function assignmentEventData(assignment: Assignment): Record<string, unknown> {
  return {
    assignmentId: assignment.id,
    status: assignment.status,
    ...(assignment.flavour === 'v1' ? { qosStatus: assignment.status } : {}),
    ...(assignment.status === 'UNAVAILABLE' && assignment.statusInfo ? { statusInfo: assignment.statusInfo } : {}),
  };
}

/** The status-changed CloudEvent (one type string in both versions), as the Notifier sends it. */
export function assignmentEvent(assignment: Assignment, source: string): { contentType: string; body: unknown } {
  return {
    contentType: 'application/cloudevents+json',
    body: {
      id: randomUUID(),
      source,
      type: EVENT_TYPE,
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: new Date().toISOString(),
      data: assignmentEventData(assignment),
    },
  };
}
