// The QoD operations, one typed entry each: the only place that says what an operation is called, which request
// it makes in each flavour (so which flavours have it), the scope that allows it, what its input and answer are,
// whether it changes the network and what a user is asked before it does. QodClient executes entries; the
// command line, the palette, the playground and the agent tools list them. A new operation is one entry here plus
// its words, and the compiler points at every place that handles an answer kind. The webview imports this file
// too: it holds no HTTP client (types only).
import type { QosProfile } from './camara/fields';
import type { Flavour } from './camara/flavour';
import type { AssignmentView, SessionView } from './camara/normalise';
import type { QodOperation } from './camara/scopes';
import type { RequestKind } from './camara/validate';

/** The QoD operations by name; the table below has one entry for each. */
export const OPERATIONS = [
  'createSession',
  'getSession',
  'extendSession',
  'deleteSession',
  'retrieveSessions',
  'listProfiles',
  'createAssignment',
  'getAssignment',
  'revokeAssignment',
  'retrieveAssignment',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What an operation takes; which parts it reads depends on the operation. */
export interface OperationInput {
  /** For the operations whose route holds an id: `{sessionId}`, or QoS Provisioning's `{assignmentId}`. */
  id?: string;
  /**
   * createSession: the whole body. extendSession: `{requestedAdditionalDuration}`. retrieveSessions: `{device?}`.
   * listProfiles: a filter. createAssignment: the whole body. retrieveAssignment: `{device?}`.
   */
  body?: unknown;
}

/** What each kind of successful answer is. */
export interface AnswerTypes {
  session: SessionView;
  sessions: SessionView[];
  none: undefined;
  profiles: QosProfile[];
  /** A QoS Provisioning assignment, as the provider answered it (checked against the version's schema). */
  assignment: AssignmentView;
  /** A revoke: nothing (204, revoked at once) or the assignment being revoked (202, DELETE_REQUESTED). */
  revoke: AssignmentView | undefined;
}
export type AnswerKind = keyof AnswerTypes;

/** The request in one flavour: method, and path under the sessions or the profiles base. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  base: 'sessions' | 'profiles' | 'provisioning';
  /** `{sessionId}` (or `{assignmentId}`) stands for the (checked) id. */
  path: string;
  /** Body fields this flavour sends as query parameters instead of a body (v0.10's GET /qos-profiles). */
  query?: readonly string[];
}

/** What a face asks before the operation changes a provider's network (the sandbox never asks). */
export interface Consent {
  /** `Delete QoD session 3fa85f64 on Acme?` */
  question(input: OperationInput, environmentLabel: string): string;
  /** The button that agrees: `Delete`. */
  action: string;
}

export interface OperationSpec<A extends AnswerKind = AnswerKind> {
  name: string;
  /** The words a face shows for it (the playground's list, the palette). */
  title: string;
  /** What it does, in one line: the command line's help, the palette's detail, an agent tool's description. */
  summary: string;
  /** The command line's words: `qod session get <id>` is `session get`. */
  command: string;
  /** The scope operation (`core/camara/scopes.ts`) that allows it. */
  scope: QodOperation;
  /** The body schema it is validated with, when it has a body. */
  requestKind?: RequestKind;
  needsId: boolean;
  answer: A;
  /** It changes a real subscriber's connection (and may cost money): a face asks first on a provider. */
  changesNetwork: boolean;
  /**
   * What a face asks before the operation changes a provider's network; required when it does. `'own-act'`: the
   * request is the user's own act with every value in view (a create sent from a form, or a command with its
   * flags), so the editor asks nothing more; an agent is still asked, in its tool.
   */
  consent?: Consent | 'own-act';
  /** A successful answer means the session (or assignment) is ending (the sessions view marks it so at once). */
  endsSession?: boolean;
  /** What the operation is about, for words (`session id`, `assignment id`) and the sessions view's group. */
  resource: 'session' | 'profile' | 'assignment';
  /** It creates the resource the other operations name by id (answered 201): a request file names its answer. */
  creates?: boolean;
  /**
   * CAMARA's operationId(s) for it, the current spelling first. A spelling that changed between releases is kept as
   * an alias (qos-profiles' `retrieveQoSProfiles`, renamed `retrieveQosProfiles` after r4.1), so code and files
   * written against either release still find the operation.
   */
  operationIds: readonly string[];
  /** The request in each flavour that has the operation: the only source of routes and flavour support. */
  routes: Partial<Record<Flavour, Route>>;
  /** For a request that is not safe to repeat: what to do when the connection went after it left. */
  whenConnectionLost?: string;
}

/** An entry with what is derived from its routes. */
export type TableEntry<A extends AnswerKind = AnswerKind> = OperationSpec<A> & {
  /** The flavours that have it, newest first. */
  readonly flavours: readonly Flavour[];
  /** The request in a flavour (throws for a flavour without it: check `flavours` first). */
  http(flavour: Flavour): Route;
};

/** A table of operations: the core's, or a copy with more (the test that proves a new entry reaches every face). */
export type OperationTable = Readonly<Record<string, TableEntry>>;

const FLAVOUR_ORDER: readonly Flavour[] = ['v1.2', 'v1', 'v0.10', 'v0.8'];

function entry<A extends AnswerKind>(spec: OperationSpec<A>): TableEntry<A> {
  // Checked when the table loads, so a new entry cannot change the network without saying what to ask first.
  if (spec.changesNetwork && !spec.consent) throw new Error(`${spec.name} changes the network: it needs its consent words`);
  const flavours = FLAVOUR_ORDER.filter((f) => spec.routes[f] !== undefined);
  return {
    ...spec,
    flavours,
    http(flavour) {
      const route = spec.routes[flavour];
      if (!route) throw new Error(`${spec.name} is not part of QoD ${flavour}`);
      return route;
    },
  };
}

/** Builds an entry of the table: for a copy of the table, or a new operation. */
export const defineOperation = entry;

const everywhere = (route: Route): Partial<Record<Flavour, Route>> => ({ 'v1.2': route, v1: route, 'v0.10': route, 'v0.8': route });
/** CAMARA's v1 family: 1.1 and 1.2 make the same requests (1.2's bodies differ, by its schemas). */
const v1Family = (route: Route): Partial<Record<Flavour, Route>> => ({ 'v1.2': route, v1: route });
const shortId = (input: OperationInput): string => (input.id ?? '').slice(0, 8);
const seconds = (input: OperationInput): string =>
  String((input.body as { requestedAdditionalDuration?: unknown } | undefined)?.requestedAdditionalDuration);

export const OPERATION_TABLE = {
  createSession: entry({
    name: 'createSession',
    operationIds: ['createSession'],
    creates: true,
    resource: 'session',
    title: 'Create session',
    summary: 'Asks for better connectivity (a QoS profile) between a device and an application server, for a while',
    command: 'session create',
    scope: 'createSession',
    requestKind: 'createSession',
    needsId: false,
    answer: 'session',
    changesNetwork: true,
    consent: 'own-act',
    routes: everywhere({ method: 'POST', base: 'sessions', path: '/sessions' }),
    whenConnectionLost:
      "The session may have been created all the same: list the device's sessions (retrieve-sessions, `qod session list`, " +
      'or the sessions view) before creating it again, or a second create may answer 409 CONFLICT.',
  }),
  getSession: entry({
    name: 'getSession',
    operationIds: ['getSession'],
    resource: 'session',
    title: 'Get session',
    summary: 'Reads a session: its status, profile, device and time left',
    command: 'session get',
    scope: 'getSession',
    needsId: true,
    answer: 'session',
    changesNetwork: false,
    routes: everywhere({ method: 'GET', base: 'sessions', path: '/sessions/{sessionId}' }),
  }),
  extendSession: entry({
    name: 'extendSession',
    operationIds: ['extendQosSessionDuration'],
    resource: 'session',
    title: 'Extend session',
    summary: "Adds seconds to an AVAILABLE session (the provider caps the total at the profile's maximum)",
    command: 'session extend',
    scope: 'extendSession',
    requestKind: 'extendSession',
    needsId: true,
    answer: 'session',
    changesNetwork: true,
    consent: {
      question: (input, on) => `Extend QoD session ${shortId(input)} on ${on} by ${seconds(input)} s?`,
      action: 'Extend',
    },
    routes: {
      ...v1Family({ method: 'POST', base: 'sessions', path: '/sessions/{sessionId}/extend' }),
      'v0.10': { method: 'POST', base: 'sessions', path: '/sessions/{sessionId}/extend' },
    },
  }),
  deleteSession: entry({
    name: 'deleteSession',
    operationIds: ['deleteSession'],
    resource: 'session',
    title: 'Delete session',
    summary: 'Ends a session now: the device goes back to normal connectivity',
    command: 'session delete',
    scope: 'deleteSession',
    needsId: true,
    answer: 'none',
    changesNetwork: true,
    consent: { question: (input, on) => `Delete QoD session ${shortId(input)} on ${on}?`, action: 'Delete' },
    endsSession: true,
    routes: everywhere({ method: 'DELETE', base: 'sessions', path: '/sessions/{sessionId}' }),
  }),
  retrieveSessions: entry({
    name: 'retrieveSessions',
    operationIds: ['retrieveSessionsByDevice'],
    resource: 'session',
    title: 'Sessions of a device',
    summary: "Lists a device's sessions (the signed-in device's with a 3-legged sign-in)",
    command: 'session list',
    scope: 'retrieveSessions',
    requestKind: 'retrieveSessions',
    needsId: false,
    answer: 'sessions',
    changesNetwork: false,
    routes: v1Family({ method: 'POST', base: 'sessions', path: '/retrieve-sessions' }),
  }),
  listProfiles: entry({
    name: 'listProfiles',
    operationIds: ['retrieveQoSProfiles', 'retrieveQosProfiles'],
    resource: 'profile',
    title: 'QoS profiles',
    summary: "Lists the provider's QoS profiles with their status and duration bounds",
    command: 'profiles',
    scope: 'readProfiles',
    requestKind: 'retrieveQosProfiles',
    needsId: false,
    answer: 'profiles',
    changesNetwork: false,
    routes: {
      ...v1Family({ method: 'POST', base: 'profiles', path: '/retrieve-qos-profiles' }),
      'v0.10': { method: 'GET', base: 'profiles', path: '/qos-profiles', query: ['name', 'status'] },
    },
  }),
  // QoS Provisioning: a profile assigned to a device until revoked. Its version follows the release (provisioning.ts).
  createAssignment: entry({
    name: 'createAssignment',
    operationIds: ['createQosAssignment'],
    creates: true,
    resource: 'assignment',
    title: 'Assign a QoS profile',
    summary: 'Assigns a QoS profile to a device until it is revoked (QoS Provisioning: no duration)',
    command: 'assignment create',
    scope: 'createAssignment',
    requestKind: 'createAssignment',
    needsId: false,
    answer: 'assignment',
    changesNetwork: true,
    consent: 'own-act',
    routes: v1Family({ method: 'POST', base: 'provisioning', path: '/qos-assignments' }),
    whenConnectionLost:
      "The assignment may have been made all the same: ask for the device's assignment (retrieve-qos-assignment, " +
      '`qod assignment of-device`) before assigning again, or a second one may answer 409 CONFLICT.',
  }),
  getAssignment: entry({
    name: 'getAssignment',
    operationIds: ['getQosAssignmentById'],
    resource: 'assignment',
    title: 'Get assignment',
    summary: 'Reads a QoS assignment: its status, profile and device',
    command: 'assignment get',
    scope: 'getAssignment',
    needsId: true,
    answer: 'assignment',
    changesNetwork: false,
    routes: v1Family({ method: 'GET', base: 'provisioning', path: '/qos-assignments/{assignmentId}' }),
  }),
  revokeAssignment: entry({
    name: 'revokeAssignment',
    operationIds: ['revokeQosAssignment'],
    resource: 'assignment',
    title: 'Revoke assignment',
    summary: 'Revokes a QoS assignment: the device goes back to its default connectivity',
    command: 'assignment revoke',
    scope: 'revokeAssignment',
    needsId: true,
    answer: 'revoke',
    changesNetwork: true,
    consent: { question: (input, on) => `Revoke QoS assignment ${shortId(input)} on ${on}?`, action: 'Revoke' },
    endsSession: true,
    routes: v1Family({ method: 'DELETE', base: 'provisioning', path: '/qos-assignments/{assignmentId}' }),
  }),
  retrieveAssignment: entry({
    name: 'retrieveAssignment',
    operationIds: ['getQosAssignmentByDevice'],
    resource: 'assignment',
    title: 'Assignment of a device',
    summary: "Reads a device's QoS assignment (the signed-in device's with a 3-legged sign-in)",
    command: 'assignment of-device',
    scope: 'retrieveAssignment',
    requestKind: 'retrieveAssignment',
    needsId: false,
    answer: 'assignment',
    changesNetwork: false,
    routes: v1Family({ method: 'POST', base: 'provisioning', path: '/retrieve-qos-assignment' }),
  }),
} as const satisfies { readonly [K in Operation]: TableEntry };

/** What a successful answer's status is: 201 for a create, 204 for an answer without a body (a revoke's usual), else 200. */
export function successStatus(spec: TableEntry): number {
  if (spec.creates) return 201;
  return spec.answer === 'none' || spec.answer === 'revoke' ? 204 : 200;
}

/** Where a create's answer holds the id the other operations take: `sessionId` (v0.8: `id`), or `assignmentId`. */
export function idFieldOf(spec: TableEntry, flavour: Flavour): string {
  if (spec.resource === 'assignment') return 'assignmentId';
  return flavour === 'v0.8' ? 'id' : 'sessionId';
}

/** Where a route's path holds its id: `{sessionId}` or `{assignmentId}`, as the specifications name them. */
export const ID_PLACEHOLDER = /\{(?:sessionId|assignmentId)\}/;

/** An operation of the core's table by name, or an entry of any table (a copy may have more). */
export type OperationRef = Operation | TableEntry;

/** What an operation answers with: typed by its entry's answer kind. */
export type AnswerOf<R extends OperationRef> =
  (R extends Operation ? (typeof OPERATION_TABLE)[R] : R) extends TableEntry<infer A> ? AnswerTypes[A] : never;

/** The entry an operation reference stands for. */
export function entryOf(ref: OperationRef): TableEntry {
  return typeof ref === 'string' ? OPERATION_TABLE[ref] : ref;
}

/** An answer with its kind, so a face can switch on the kind and read a typed value. */
export type Answer = { [A in AnswerKind]: { kind: A; value: AnswerTypes[A] } }[AnswerKind];

/** The answer of an entry, typed by the entry's kind (the client shaped the value by that same kind). */
export function answerOf(spec: TableEntry, value: unknown): Answer {
  return { kind: spec.answer, value } as Answer;
}

/** The operations of a table a flavour has, in the table's order. */
export function operationsIn(table: OperationTable, flavour: Flavour): TableEntry[] {
  return Object.values(table).filter((spec) => spec.flavours.includes(flavour));
}

/** The operation of a table a CAMARA operationId names, in any release's spelling (`retrieveQosProfiles` too). */
export function operationForId(table: OperationTable, operationId: string): TableEntry | undefined {
  return Object.values(table).find((spec) => spec.operationIds.includes(operationId));
}

/** Whether a name is an operation of the core's table (for input from outside: a message, an argument). */
export function isOperation(name: unknown): name is Operation {
  return typeof name === 'string' && Object.hasOwn(OPERATION_TABLE, name);
}

/**
 * Which operation of a table a method and URL name: the route (in any flavour, the given one first) whose path the
 * URL's path ends with, with the session id it holds. How a pasted curl command and a request file find theirs.
 */
export function operationForRequest(
  table: OperationTable,
  method: string,
  url: string,
  flavour?: Flavour,
): { spec: TableEntry; flavour: Flavour; id?: string } | undefined {
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const upper = method.toUpperCase();
  for (const spec of Object.values(table)) {
    const flavours = flavour && spec.flavours.includes(flavour) ? [flavour, ...spec.flavours.filter((f) => f !== flavour)] : spec.flavours;
    for (const f of flavours) {
      const route = spec.http(f);
      const match = route.method === upper ? routePattern(route.path).exec(path) : null;
      if (match) return { spec, flavour: f, ...(match[1] === undefined ? {} : { id: safeDecode(match[1]) }) };
    }
  }
  return undefined;
}

/** A route's path (`/sessions/{sessionId}/extend`) as the end of a URL's path, the id captured. */
function routePattern(path: string): RegExp {
  const [before, after] = path.split(ID_PLACEHOLDER).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`${before}${after === undefined ? '' : `([^/]+)${after}`}$`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
