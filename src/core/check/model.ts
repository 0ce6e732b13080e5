// "Check this provider": the project's own encoding of CAMARA's test-definition scenarios (r3.2 and r4.1). A
// scenario is facts — its official id, the releases that carry it, the operation, what it needs from the
// environment, the request to send and the answer the API definition expects — never the Gherkin text.
import type { Device } from '../camara/fields';
import type { NeedKind } from './needs';

export const RELEASES = ['r3.2', 'r4.1'] as const;
export type Release = (typeof RELEASES)[number];

export const CHECK_APIS = ['qod', 'profiles', 'provisioning'] as const;
export type CheckApi = (typeof CHECK_APIS)[number];

/** Each API's version per release: QoD 1.1.0 = flavour v1 (r3.2), 1.2.0-rc.3 = flavour v1.2 (r4.1). */
export const API_VERSION: Record<Release, Record<CheckApi, string>> = {
  'r3.2': { qod: '1.1.0', profiles: '1.1.0', provisioning: '0.3.0' },
  'r4.1': { qod: '1.2.0-rc.3', profiles: '1.2.0-rc.3', provisioning: '0.4.0-rc.1' },
};

export const API_TITLE: Record<CheckApi, string> = { qod: 'quality-on-demand', profiles: 'qos-profiles', provisioning: 'qos-provisioning' };

/** The operations of the three APIs, by their operationId (the test definitions' file names). */
export type CheckOperation =
  | 'createSession'
  | 'getSession'
  | 'deleteSession'
  | 'extendQosSessionDuration'
  | 'retrieveSessionsByDevice'
  | 'getQosProfile'
  | 'retrieveQoSProfiles'
  | 'createQosAssignment'
  | 'getQosAssignmentById'
  | 'revokeQosAssignment'
  | 'getQosAssignmentByDevice';

/** Which token the request carries. */
export type TokenUse = 'primary' | 'none' | 'invalid' | 'expired' | 'narrow' | 'second' | 'threeLegged' | 'limited';

/** The schema a 2xx body must meet (the core's zod schemas), or none for an empty 204. */
export type BodyKind = 'session' | 'sessions' | 'profile' | 'profiles' | 'assignment' | 'none';

/** What the runner has resolved for one scenario before its request is built. */
export interface CheckContext {
  release: Release;
  /** A testing device the service applies to, fresh for this scenario where the environment can give one. */
  device: Device;
  /** The device of the 3-legged token, when the scenario uses one. */
  tokenDevice?: Device;
  /** Other devices the scenario asked for (unknown, not applicable, an unsupported identifier…). */
  other?: Device;
  /** An ACTIVE profile; its duration bounds in seconds when known. */
  profile: { name: string; minSeconds?: number; maxSeconds?: number };
  /** A profile that exists but is not ACTIVE. */
  inactiveProfile?: string;
  /** The session or assignment the scenario's setup created. */
  resourceId?: string;
  /** The body that created it. */
  created?: Record<string, unknown>;
  /** A profile restricted to certain devices, and a device suitable for it. */
  restricted?: { profile: string; device: Device };
  /** A sink this run can read, and the credential to give the provider for it. */
  sink?: { url: string; credential: Record<string, unknown> };
}

export interface CheckRequest {
  /** The path parameter (session id, assignment id, profile name). */
  param?: string;
  /** A JSON value to send, `{ raw }` for bytes sent as they are (invalid on purpose), or nothing. */
  body?: unknown;
  raw?: string;
  token?: TokenUse;
  /** An x-correlator to send instead of the valid one the runner makes. */
  correlator?: string;
}

/** A rule beyond the schema, on the parsed body: undefined when it holds, else what is wrong. */
export type BodyRule = (body: Record<string, unknown>, ctx: CheckContext) => string | undefined;

export interface Expectation {
  status: number;
  /** Accepted error codes (any of). */
  codes?: readonly string[];
  /** The 2xx body's schema. */
  body?: BodyKind;
  rules?: readonly BodyRule[];
  /** The event that must reach the sink afterwards. */
  event?: { api: 'qod' | 'provisioning'; status?: 'AVAILABLE' | 'UNAVAILABLE'; statusInfo?: string };
  /** Leave out the Content-Type check (deleteSession_01: a 204 has no content; contradiction #2). */
  noContentTypeCheck?: boolean;
}

export interface Scenario {
  /** The official id, as the `@tag` spells it (without `@`). */
  id: string;
  /** For Scenario Outline rows: the row's first cell. */
  row?: string;
  releases: readonly Release[];
  api: CheckApi;
  operation: CheckOperation;
  needs: readonly NeedKind[];
  request: (ctx: CheckContext) => CheckRequest;
  expect: Expectation;
  /** Where the test file contradicts its API definition: the spec's expectation is the one encoded above. */
  contradiction?: string;
  /** A scenario no automated run can perform: why (it is reported skipped with this reason). */
  notAutomatable?: string;
}

/** One scenario row's outcome. */
export type Verdict = 'pass' | 'fail' | 'skipped';

/** One request and its answer, as recorded by the transport (so already redacted) and cut to a readable size. */
export interface CheckExchange {
  method: string;
  url: string;
  status?: number;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  error?: string;
}

export interface CheckResult {
  id: string;
  row?: string;
  release: Release;
  api: CheckApi;
  /** e.g. "quality-on-demand 1.2.0-rc.3". */
  apiVersion: string;
  operation: CheckOperation;
  verdict: Verdict;
  /** Why it failed, or what it needs that this environment cannot be asked for. */
  reason?: string;
  contradiction?: string;
  exchanges: CheckExchange[];
  ms: number;
}

/** The scenario's key in reports: the id, and the row for outline rows. */
export const scenarioKey = (s: { id: string; row?: string }): string => (s.row ? `${s.id} [${s.row}]` : s.id);
