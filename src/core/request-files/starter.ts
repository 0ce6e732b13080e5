// The starter request file of a flavour ("New Request File", the import of a flavour's OpenAPI): one request per
// operation of the table, in the table's order, with a valid example body, the sign-in as a `# @qod` line, the
// token and the bases as `{{$qod.…}}` variables (never a secret in the file), and `?? status == …` assertions.
// The session operations read the id from the create request's answer (`# @name create`).
import type { Flavour } from '../camara/flavour';
import type { RequestKind } from '../camara/validate';
import { createSessionBody } from '../camara/create-body';
import { ID_PLACEHOLDER, idFieldOf, operationsIn, successStatus, type OperationTable, type Route, type TableEntry } from '../operations';
import type { SignInLine } from './model';

export interface StarterOptions {
  /** How the file signs in: client credentials (2-legged, the device named in the bodies) by default. */
  signIn?: { flow: SignInLine['flow']; loginHint?: string };
  /** Through an aggregator: every request is routed to the operator serving this device (`# @qod route`). */
  route?: string;
}

const PHONE = '+34666666661';

/** An example body per kind of request body; a new kind makes the compiler ask for its example. */
const EXAMPLES: Record<RequestKind, (flavour: Flavour, withDevice: boolean) => unknown> = {
  createSession: (flavour, withDevice) =>
    createSessionBody(flavour, {
      device: withDevice ? { kind: 'phoneNumber', value: PHONE } : undefined,
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      duration: 600,
    }),
  extendSession: () => ({ requestedAdditionalDuration: 60 }),
  retrieveSessions: (_flavour, withDevice) => (withDevice ? { device: { phoneNumber: PHONE } } : {}),
  retrieveQosProfiles: () => ({ status: 'ACTIVE' }),
  createAssignment: (_flavour, withDevice) => ({ ...(withDevice ? { device: { phoneNumber: PHONE } } : {}), qosProfile: 'QOS_E' }),
  retrieveAssignment: (_flavour, withDevice) => (withDevice ? { device: { phoneNumber: PHONE } } : {}),
};

export function starterFile(table: OperationTable, flavour: Flavour, options: StarterOptions = {}): string {
  const signIn = options.signIn ?? { flow: 'client_credentials' };
  const withDevice = signIn.flow === 'client_credentials';
  const specs = operationsIn(table, flavour);
  const lines = [
    `# QoD ${flavour}: one request per operation. Send one with the "Send" lens above it, or run the file from the Testing view`,
    '# or with `qod run`. The token comes from the sign-in below; never write a secret into this file.',
    `# @qod sign-in ${signIn.flow}${signIn.loginHint ? ` ${signIn.loginHint}` : ''}`,
    '',
  ];
  // The creates come first, so that the requests naming their session or assignment can read its id.
  const ordered = [...specs.filter((s) => s.creates), ...specs.filter((s) => !s.creates)];
  // Deleted and revoked last: the requests before still need them.
  const last = ordered.filter((s) => s.endsSession);
  for (const spec of [...ordered.filter((s) => !s.endsSession), ...last])
    lines.push(...request(spec, spec.http(flavour), flavour, withDevice, options.route));
  return lines.join('\n');
}

/** The name a create's answer goes by in a file: `create` for the session, `assign` for the assignment. */
export const CREATE_NAMES = { session: 'create', assignment: 'assign', profile: 'profiles' } as const;

function request(spec: TableEntry, route: Route, flavour: Flavour, withDevice: boolean, routeBy: string | undefined): string[] {
  const path = route.path.replace(ID_PLACEHOLDER, `{{${CREATE_NAMES[spec.resource]}.response.body.${idFieldOf(spec, flavour)}}}`);
  const body = spec.requestKind && !route.query ? EXAMPLES[spec.requestKind](flavour, withDevice) : undefined;
  const lines = [`### ${spec.title}`, `# ${spec.summary}`];
  if (routeBy) lines.push(`# @qod route ${routeBy}`);
  if (spec.creates) lines.push(`# @name ${CREATE_NAMES[spec.resource]}`);
  lines.push(`${route.method} {{$qod.${route.base}}}${path}`, 'Authorization: Bearer {{$qod.accessToken}}');
  if (body !== undefined) lines.push('Content-Type: application/json', '', JSON.stringify(body, null, 2));
  lines.push('', `?? status == ${successStatus(spec)}`);
  // The QoD lifecycle is asynchronous: a new session is REQUESTED, then AVAILABLE (v0.8 has no status).
  if (spec.name === 'getSession' && flavour !== 'v0.8') lines.push('# @qod eventually body qosStatus == AVAILABLE within 30s');
  lines.push('');
  return lines;
}
