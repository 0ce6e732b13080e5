// The starter request file of a flavour ("New Request File", the import of a flavour's OpenAPI): one request per
// operation of the table, in the table's order, with a valid example body, the sign-in as a `# @qod` line, the
// token and the bases as `{{$qod.…}}` variables (never a secret in the file), and `?? status == …` assertions.
// The session operations read the id from the create request's answer (`# @name create`).
import type { Flavour } from '../camara/flavour';
import type { RequestKind } from '../camara/validate';
import { createSessionBody } from '../camara/create-body';
import { operationsIn, type OperationTable, type Route, type TableEntry } from '../operations';
import type { SignInLine } from './model';

export interface StarterOptions {
  /** How the file signs in: client credentials (2-legged, the device named in the bodies) by default. */
  signIn?: { flow: SignInLine['flow']; loginHint?: string };
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

/** What a successful answer's status is: 201 for a create, 204 for an answer without a body, else 200. */
function expectedStatus(spec: TableEntry): number {
  if (spec.answer === 'none') return 204;
  return spec.name === 'createSession' ? 201 : 200;
}

export function starterFile(table: OperationTable, flavour: Flavour, options: StarterOptions = {}): string {
  const signIn = options.signIn ?? { flow: 'client_credentials' };
  const withDevice = signIn.flow === 'client_credentials';
  const idField = flavour === 'v0.8' ? 'id' : 'sessionId';
  const specs = operationsIn(table, flavour);
  const lines = [
    `# QoD ${flavour}: one request per operation. Send one with the "Send" lens above it, or run the file from the Testing view`,
    '# or with `qod run`. The token comes from the sign-in below; never write a secret into this file.',
    `# @qod sign-in ${signIn.flow}${signIn.loginHint ? ` ${signIn.loginHint}` : ''}`,
    '',
  ];
  // The create request comes first, so that the requests naming its session can read its id.
  const ordered = [...specs.filter((s) => s.name === 'createSession'), ...specs.filter((s) => s.name !== 'createSession')];
  // The session is deleted last: the requests before it still need it.
  const last = ordered.filter((s) => s.endsSession);
  for (const spec of [...ordered.filter((s) => !s.endsSession), ...last])
    lines.push(...request(spec, spec.http(flavour), flavour, withDevice, idField));
  return lines.join('\n');
}

function request(spec: TableEntry, route: Route, flavour: Flavour, withDevice: boolean, idField: string): string[] {
  const path = route.path.replace('{sessionId}', `{{create.response.body.${idField}}}`);
  const body = spec.requestKind && !route.query ? EXAMPLES[spec.requestKind](flavour, withDevice) : undefined;
  const lines = [`### ${spec.title}`, `# ${spec.summary}`];
  if (spec.name === 'createSession') lines.push('# @name create');
  lines.push(`${route.method} {{$qod.${route.base}}}${path}`, 'Authorization: Bearer {{$qod.accessToken}}');
  if (body !== undefined) lines.push('Content-Type: application/json', '', JSON.stringify(body, null, 2));
  lines.push('', `?? status == ${expectedStatus(spec)}`);
  // The QoD lifecycle is asynchronous: a new session is REQUESTED, then AVAILABLE (v0.8 has no status).
  if (spec.name === 'getSession' && flavour !== 'v0.8') lines.push('# @qod eventually body qosStatus == AVAILABLE within 30s');
  lines.push('');
  return lines;
}
