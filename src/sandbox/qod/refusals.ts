// Which 400 a request that breaks its schema gets, decided by each flavour's specification and, for v1, by
// CAMARA's test definitions (quality-on-demand r3.2 for 1.1.0, unchanged in r4.1), which the README's
// conformance notes quote.
import { isV1Family, type Flavour } from '../../core/camara/flavour';
import type { FieldIssue } from '../../core/camara/validate';
import { ApiError } from './api-error';

/** The credential types 1.1.0's SinkCredential declares that QoD does not accept ("Only Access token is supported"). */
const DECLARED_UNSUPPORTED_CREDENTIALS: ReadonlySet<unknown> = new Set(['PLAIN', 'REFRESHTOKEN']);

/**
 * One 400 listing every field problem, with the code the flavour declares for the case:
 * - INVALID_SINK for the sink alone; INVALID_TOKEN for `accessTokenType` alone (the spec's "only bearer token is
 *   supported"; the test definitions accept it or INVALID_ARGUMENT);
 * - INVALID_CREDENTIAL only for a credentialType 1.1.0 declares but QoD refuses (PLAIN, REFRESHTOKEN: test
 *   400.6); an empty or malformed sinkCredential is a schema violation, INVALID_ARGUMENT (test 400.4 names `{}`).
 *   1.2 removed PLAIN and REFRESHTOKEN from its enum, so there they break the schema: INVALID_ARGUMENT (r4.1 400.6);
 * - OUT_OF_RANGE, in v1 and v1.2, only for a port outside its range (1.2: 1..65535), the one range the test
 *   definitions accept it for (400.5); every other schema violation, `duration: 0` and `requestedAdditionalDuration: 0` included, is
 *   INVALID_ARGUMENT ("any value which is not compliant with the schema", 400.1 of createSession and extend).
 *   v0.10 has no test definitions and keeps OUT_OF_RANGE for any number outside its declared range.
 */
export function validationError(flavour: Flavour, issues: FieldIssue[]): ApiError {
  const message = issues.map((i) => i.message).join('; ');
  const all = (test: (issue: FieldIssue) => boolean) => issues.length > 0 && issues.every(test);
  const inCredential = (i: FieldIssue) => i.path === 'sinkCredential' || i.path.startsWith('sinkCredential.');
  if (all((i) => i.path === 'sink')) return new ApiError(400, 'INVALID_SINK', message);
  if (all((i) => i.path === 'sinkCredential.accessTokenType')) return new ApiError(400, 'INVALID_TOKEN', message);
  const unsupportedType =
    flavour === 'v1' && issues.some((i) => i.path === 'sinkCredential.credentialType' && DECLARED_UNSUPPORTED_CREDENTIALS.has(i.value));
  if (unsupportedType && all(inCredential)) return new ApiError(400, 'INVALID_CREDENTIAL', message);
  const rangeCounts = (i: FieldIssue) => i.outOfRange === true && (!isV1Family(flavour) || /port/i.test(i.path));
  if (all(rangeCounts)) return new ApiError(400, 'OUT_OF_RANGE', message);
  return new ApiError(400, 'INVALID_ARGUMENT', message);
}

/**
 * v0.8.1 declares `ueId`/`asId` addresses as `format: ipv4` / `format: ipv6`, which no `address/mask` meets,
 * although their description mentions masks. Its SessionInfo echoes the same schema, so an accepted mask would
 * come back breaking it: the sandbox takes the schema's word and refuses masks in v0.8 (v0.10 and v1 declare
 * application-server subnets properly).
 */
export function refuseV0_8Masks(body: Record<string, unknown>): void {
  for (const holder of ['ueId', 'asId']) {
    const ids = body[holder] as Record<string, unknown> | undefined;
    for (const field of ['ipv4addr', 'ipv6addr']) {
      const value = ids?.[field];
      if (typeof value === 'string' && value.includes('/')) {
        const format = field === 'ipv4addr' ? 'ipv4' : 'ipv6';
        throw new ApiError(
          400,
          'INVALID_ARGUMENT',
          `${holder}.${field}: v0.8.1 declares a single address (format ${format}), ` +
            `not a subnet (got "${value.slice(0, 60)}"); use QoD v1 or v0.10 for an application-server subnet`,
        );
      }
    }
  }
}
