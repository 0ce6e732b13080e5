// The QoD operations, one entry each: what it is called, the HTTP request it makes in each flavour, the scope
// that allows it, what its input and answer are, and how to run it with the core client. Every face (the
// playground, the palette commands, the CLI, and agent tools later) runs operations through this table, so a new
// operation is one entry here and the compiler points at every face that must offer it.
import type { Flavour } from './camara/flavour';
import type { QodClient, QodResult } from './camara/qod-client';
import type { QodOperation } from './camara/scopes';
import type { RequestKind } from './camara/validate';

/** The QoD operations by name; the table below has one entry for each. */
export const OPERATIONS = ['createSession', 'getSession', 'extendSession', 'deleteSession', 'retrieveSessions', 'listProfiles'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What an operation takes; which parts it reads depends on the operation. */
export interface OperationInput {
  sessionId?: string;
  /** createSession: the whole body. extendSession: `{requestedAdditionalDuration}`. retrieveSessions: `{device?}`. listProfiles: a filter. */
  body?: unknown;
}

/** What a successful answer is: one session, several, none (delete), or QoS profiles. */
export type Answer = 'session' | 'sessions' | 'none' | 'profiles';

export interface OperationSpec {
  name: Operation;
  /** The words a face shows for it. */
  title: string;
  /** The scope operation (`core/camara/scopes.ts`) that allows it. */
  scope: QodOperation;
  /** The body schema it is validated with, when it has a body. */
  requestKind?: RequestKind;
  needsSessionId: boolean;
  answer: Answer;
  /** The flavours that have it. */
  flavours: readonly Flavour[];
  /** The request in a flavour: method, and path under the sessions or the profiles base (`{sessionId}` stands for the id). */
  http(flavour: Flavour): { method: 'GET' | 'POST' | 'DELETE'; base: 'sessions' | 'profiles'; path: string };
  run(client: QodClient, input: OperationInput, signal?: AbortSignal): Promise<QodResult<unknown>>;
}

const ALL: readonly Flavour[] = ['v1', 'v0.10', 'v0.8'];
const id = (input: OperationInput): string => input.sessionId ?? '';

export const OPERATION_TABLE: { readonly [K in Operation]: OperationSpec & { name: K } } = {
  createSession: {
    name: 'createSession',
    title: 'Create session',
    scope: 'createSession',
    requestKind: 'createSession',
    needsSessionId: false,
    answer: 'session',
    flavours: ALL,
    http: () => ({ method: 'POST', base: 'sessions', path: '/sessions' }),
    run: (client, input, signal) => client.createSession(input.body, signal),
  },
  getSession: {
    name: 'getSession',
    title: 'Get session',
    scope: 'getSession',
    needsSessionId: true,
    answer: 'session',
    flavours: ALL,
    http: () => ({ method: 'GET', base: 'sessions', path: '/sessions/{sessionId}' }),
    run: (client, input, signal) => client.getSession(id(input), signal),
  },
  extendSession: {
    name: 'extendSession',
    title: 'Extend session',
    scope: 'extendSession',
    requestKind: 'extendSession',
    needsSessionId: true,
    answer: 'session',
    flavours: ['v1', 'v0.10'],
    http: () => ({ method: 'POST', base: 'sessions', path: '/sessions/{sessionId}/extend' }),
    // The body is validated by the client; an absent or wrong field is reported there, by name.
    run: (client, input, signal) =>
      client.extendSession(
        id(input),
        (input.body as { requestedAdditionalDuration?: number } | undefined)?.requestedAdditionalDuration as number,
        signal,
      ),
  },
  deleteSession: {
    name: 'deleteSession',
    title: 'Delete session',
    scope: 'deleteSession',
    needsSessionId: true,
    answer: 'none',
    flavours: ALL,
    http: () => ({ method: 'DELETE', base: 'sessions', path: '/sessions/{sessionId}' }),
    run: (client, input, signal) => client.deleteSession(id(input), signal),
  },
  retrieveSessions: {
    name: 'retrieveSessions',
    title: 'Sessions of a device',
    scope: 'retrieveSessions',
    requestKind: 'retrieveSessions',
    needsSessionId: false,
    answer: 'sessions',
    flavours: ['v1'],
    http: () => ({ method: 'POST', base: 'sessions', path: '/retrieve-sessions' }),
    run: (client, input, signal) => client.retrieveSessions((input.body as { device?: unknown } | undefined)?.device, signal),
  },
  listProfiles: {
    name: 'listProfiles',
    title: 'QoS profiles',
    scope: 'readProfiles',
    needsSessionId: false,
    answer: 'profiles',
    flavours: ['v1', 'v0.10'],
    http: (flavour) =>
      flavour === 'v1'
        ? { method: 'POST', base: 'profiles', path: '/retrieve-qos-profiles' }
        : { method: 'GET', base: 'profiles', path: '/qos-profiles' },
    run: (client, input, signal) => client.listProfiles((input.body ?? {}) as { name?: string; status?: string; device?: unknown }, signal),
  },
};

export function operation(name: Operation): OperationSpec {
  return OPERATION_TABLE[name];
}
