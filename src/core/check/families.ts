// The scenario families every operation repeats (401 ×3, 403.1, an invalid x-correlator, 429, the C01 device
// rules, the 400s of a broken body), generated from one line per operation so each id stays one line of facts.
import type { Device } from '../camara/fields';
import type { CheckApi, CheckContext, CheckOperation, CheckRequest, Release, Scenario } from './model';
import type { NeedKind } from './needs';

/** An operation as the families see it: its id prefix, its ordinary valid request and what that request needs. */
export interface OperationFacts {
  api: CheckApi;
  operation: CheckOperation;
  /** `quality_on_demand_createSession`, … : the official ids' prefix. */
  prefix: string;
  needs: readonly NeedKind[];
  valid: (ctx: CheckContext) => CheckRequest;
  /** With a device in the body (operations whose body names one): the valid body with this device, or none. */
  withDevice?: (ctx: CheckContext, device: Device | undefined) => CheckRequest;
}

/** Builds one scenario of an operation: `suffix` is the id after the prefix. */
export function scenario(
  op: OperationFacts,
  releases: readonly Release[],
  suffix: string,
  rest: Omit<Scenario, 'id' | 'releases' | 'api' | 'operation' | 'needs'> & { needs?: readonly NeedKind[] },
): Scenario {
  return { id: `${op.prefix}_${suffix}`, releases, api: op.api, operation: op.operation, needs: rest.needs ?? op.needs, ...rest };
}

const error = (status: number, ...codes: string[]) => ({ status, codes });
export const BAD_CORRELATOR = 'not a valid correlator!';

/** `401.1` in most files, `401.01` in r4.1's qos-profiles files. */
export type Numbering = (major: number, minor: number) => string;
export const oneDigit: Numbering = (major, minor) => `${major}.${minor}`;
export const twoDigits: Numbering = (major, minor) => `${major}.${String(minor).padStart(2, '0')}`;

/** 401.1 no Authorization header, 401.2 expired token, 401.3 invalid token. */
export function unauthenticated(op: OperationFacts, releases: readonly Release[], n: Numbering = oneDigit): Scenario[] {
  const with_ = (token: CheckRequest['token']) => (c: CheckContext) => ({ ...op.valid(c), token });
  return [
    scenario(op, releases, `${n(401, 1)}_no_authorization_header`, { request: with_('none'), expect: error(401, 'UNAUTHENTICATED') }),
    scenario(op, releases, `${n(401, 2)}_expired_access_token`, {
      needs: [...op.needs, 'expiredToken'],
      request: with_('expired'),
      expect: error(401, 'UNAUTHENTICATED'),
    }),
    scenario(op, releases, `${n(401, 3)}_invalid_access_token`, { request: with_('invalid'), expect: error(401, 'UNAUTHENTICATED') }),
  ];
}

/** 403.1: a token without the operation's scope. */
export function missingScope(op: OperationFacts, releases: readonly Release[], n: Numbering = oneDigit): Scenario {
  return scenario(op, releases, `${n(403, 1)}_missing_access_token_scope`, {
    needs: [...op.needs, 'narrowToken'],
    request: (c) => ({ ...op.valid(c), token: 'narrow' }),
    expect: error(403, 'PERMISSION_DENIED'),
  });
}

/** 403.2: the resource was created by another API client. */
export function otherClient(op: OperationFacts, releases: readonly Release[], suffix: string): Scenario {
  return scenario(op, releases, suffix, {
    needs: [...op.needs, 'secondClient'],
    request: (c) => ({ ...op.valid(c), token: 'second' }),
    expect: error(403, 'PERMISSION_DENIED'),
  });
}

/** r4.1 only: an x-correlator that breaks its pattern. */
export function badCorrelator(op: OperationFacts, suffix: string): Scenario {
  return scenario(op, ['r4.1'], suffix, {
    request: (c) => ({ ...op.valid(c), correlator: BAD_CORRELATOR }),
    expect: error(400, 'INVALID_ARGUMENT'),
  });
}

/** r4.1 only: past the provider's rate limit (the runner sends a burst with the low-limit client). */
export function tooMany(op: OperationFacts, suffix: string): Scenario {
  return scenario(op, ['r4.1'], suffix, {
    needs: [...op.needs, 'rateLimit'],
    request: (c) => ({ ...op.valid(c), token: 'limited' }),
    expect: error(429, 'TOO_MANY_REQUESTS'),
  });
}

/** Device identifiers that break each identifier's schema (C01.02's rows, by the row's first cell). */
export const BROKEN_IDENTIFIERS: ReadonlyArray<[row: string, device: Record<string, unknown>]> = [
  ['$.device.phoneNumber', { phoneNumber: '0034-not-a-number' }],
  ['$.device.ipv4Address', { ipv4Address: { publicAddress: '300.1.2.3', publicPort: 59765 } }],
  ['$.device.ipv6Address', { ipv6Address: 'not-an-ipv6-address' }],
  ['$.device.networkAccessIdentifier', { networkAccessIdentifier: 12345 }],
];

/**
 * C01: the device rules of every operation whose body may name a device. `skip` lists the suffixes a file does
 * not have (qos-profiles has no C01.05: its device is optional).
 */
export function deviceRules(op: OperationFacts, releases: readonly Release[], skip: readonly string[] = []): Scenario[] {
  const body = op.withDevice;
  if (!body) return [];
  const all: Scenario[] = [
    scenario(op, releases, 'C01.01_device_empty', {
      request: (c) => body(c, {} as Device),
      expect: error(400, 'INVALID_ARGUMENT'),
    }),
    ...BROKEN_IDENTIFIERS.map(([row, device]) =>
      scenario(op, releases, 'C01.02_device_identifiers_not_schema_compliant', {
        row,
        request: (c) => body(c, device as Device),
        expect: error(400, 'INVALID_ARGUMENT'),
      }),
    ),
    scenario(op, releases, 'C01.03_device_not_found', {
      needs: [...op.needs, 'unknownDevice'],
      request: (c) => body(c, c.other),
      expect: error(404, 'IDENTIFIER_NOT_FOUND'),
    }),
    scenario(op, releases, 'C01.04_unnecessary_device', {
      needs: [...op.needs, 'threeLegged'],
      request: (c) => ({ ...body(c, c.tokenDevice ?? c.device), token: 'threeLegged' }),
      expect: error(422, 'UNNECESSARY_IDENTIFIER'),
    }),
    scenario(op, releases, 'C01.05_missing_device', { request: (c) => body(c, undefined), expect: error(422, 'MISSING_IDENTIFIER') }),
    scenario(op, releases, 'C01.06_unsupported_device', {
      // CAMARA: networkAccessIdentifier is not supported in these versions.
      request: (c) => body(c, { networkAccessIdentifier: 'device@example.org' } as Device),
      expect: error(422, 'UNSUPPORTED_IDENTIFIER'),
    }),
    scenario(op, releases, 'C01.07_device_not_supported', {
      needs: [...op.needs, 'notApplicableDevice'],
      request: (c) => body(c, c.other),
      expect: error(422, 'SERVICE_NOT_APPLICABLE'),
    }),
  ];
  return all.filter((s) => !skip.some((suffix) => s.id.endsWith(`_${suffix}`) || s.id.includes(`_${suffix}_`)));
}

/** 400s of a broken body: `schema` (a body the schema refuses), `noBody`, `emptyBody` ({}), each with its suffix. */
export function bodyErrors(
  op: OperationFacts,
  releases: readonly Release[],
  suffixes: { schema?: string; noBody?: string; emptyBody?: string },
  notCompliant: (c: CheckContext) => unknown,
): Scenario[] {
  const out: Scenario[] = [];
  const bad = error(400, 'INVALID_ARGUMENT');
  if (suffixes.schema)
    out.push(scenario(op, releases, suffixes.schema, { request: (c) => ({ ...op.valid(c), body: notCompliant(c) }), expect: bad }));
  if (suffixes.noBody)
    out.push(scenario(op, releases, suffixes.noBody, { request: (c) => ({ ...op.valid(c), body: undefined }), expect: bad }));
  if (suffixes.emptyBody)
    out.push(scenario(op, releases, suffixes.emptyBody, { request: (c) => ({ ...op.valid(c), body: {} }), expect: bad }));
  return out;
}

export { error };
