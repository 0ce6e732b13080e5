// A scenario's preconditions: first which needs this environment cannot give (the scenario is then skipped,
// saying so), then the resources it needs made for it (a session, an assignment, ended or with a sink) and
// removed afterwards. Every wait is bounded.
import type { Environment } from '../environments';
import type { HttpTransport } from '../http/transport';
import type { CheckInputs } from './inputs';
import type { CheckContext, Scenario } from './model';
import type { NeedKind } from './needs';
import { createBody } from './scenarios/qod';
import { assignmentBody } from './scenarios/provisioning';
import { sendPolitely as send, urlOf } from './send';
import type { CheckTokens } from './tokens';

/** The needs this environment cannot give, with a word on why when it is not obvious. */
export function missingNeeds(s: Scenario, inputs: CheckInputs, ctx: Partial<CheckContext>): NeedKind[] {
  const has: Record<NeedKind, boolean> = {
    device: inputs.devices.valid !== undefined,
    session: inputs.devices.valid !== undefined,
    availableSession: inputs.devices.valid !== undefined,
    endedSession: inputs.devices.valid !== undefined,
    sessionWithSink: inputs.sink === 'local',
    assignment: true,
    endedAssignment: inputs.revoke?.sync === true,
    assignmentWithSink: inputs.sink === 'local',
    threeLegged: inputs.loginHint !== undefined,
    expiredToken: inputs.expiredToken !== undefined || inputs.briefClient !== undefined,
    narrowToken: true,
    secondClient: inputs.secondClient !== undefined,
    rateLimit: inputs.sandbox === true && inputs.limitedClient !== undefined,
    unknownDevice: inputs.devices.unknown !== undefined,
    notApplicableDevice: inputs.devices.notApplicable !== undefined,
    asyncDevice: inputs.devices.async !== undefined && inputs.revoke?.async === true,
    sink: inputs.sink !== undefined,
    sinkEvents: inputs.sink === 'local',
    privateKeyJwtNotPreShared: inputs.privateKeyJwtNotPreShared === true,
    inactiveProfile: ctx.inactiveProfile !== undefined,
    restrictedProfiles: inputs.restricted !== undefined,
    syncRevoke: inputs.revoke?.sync === true,
  };
  return s.needs.filter((n) => !has[n]);
}

export class SetupError extends Error {
  override readonly name = 'SetupError';
}

export interface SetupDeps {
  environment: Environment;
  transport: HttpTransport;
  tokens: CheckTokens;
  waitMs: number;
  signal?: AbortSignal;
}

/** Makes the session or assignment a scenario needs; answers how to remove it afterwards. */
export async function prepare(s: Scenario, ctx: CheckContext, deps: SetupDeps): Promise<() => Promise<void>> {
  const needs = new Set(s.needs);
  if (needs.has('session') || needs.has('availableSession') || needs.has('endedSession') || needs.has('sessionWithSink')) {
    const body = createBody(
      ctx,
      ctx.device,
      needs.has('sessionWithSink') ? { sink: ctx.sink?.url, sinkCredential: ctx.sink?.credential } : {},
    );
    const id = await create(deps, 'createSession', body, 'sessionId');
    ctx.resourceId = id;
    ctx.created = body;
    if (needs.has('availableSession') || needs.has('sessionWithSink')) await settle(deps, 'getSession', id, 'qosStatus', 'AVAILABLE');
    if (needs.has('endedSession')) await remove(deps, 'deleteSession', id);
    return () => remove(deps, 'deleteSession', id).catch(() => undefined);
  }
  if (needs.has('assignment') || needs.has('endedAssignment') || needs.has('assignmentWithSink')) {
    const extra = needs.has('assignmentWithSink') ? { sink: ctx.sink?.url, sinkCredential: ctx.sink?.credential } : {};
    const body = assignmentBody(ctx, ctx.device, extra);
    const id = await create(deps, 'createQosAssignment', body, 'assignmentId');
    ctx.resourceId = id;
    ctx.created = body;
    await settle(deps, 'getQosAssignmentById', id, 'status', 'AVAILABLE');
    if (needs.has('endedAssignment')) {
      await remove(deps, 'revokeQosAssignment', id);
      await settle(deps, 'getQosAssignmentById', id, 'status', 'UNAVAILABLE');
    }
    return () => remove(deps, 'revokeQosAssignment', id).catch(() => undefined);
  }
  return async () => undefined;
}

/** Removes what a successful create scenario made (its id from the answer). */
export async function removeCreated(deps: SetupDeps, s: Scenario, body: unknown): Promise<void> {
  const record = body as Record<string, unknown> | undefined;
  if (s.operation === 'createSession' && typeof record?.sessionId === 'string')
    await remove(deps, 'deleteSession', record.sessionId).catch(() => undefined);
  if (s.operation === 'createQosAssignment' && typeof record?.assignmentId === 'string')
    await remove(deps, 'revokeQosAssignment', record.assignmentId).catch(() => undefined);
}

async function create(
  deps: SetupDeps,
  operation: 'createSession' | 'createQosAssignment',
  body: unknown,
  idField: string,
): Promise<string> {
  const url = urlOf(deps.environment, operation);
  if (!url) throw new SetupError(`the environment has no ${operation === 'createSession' ? 'QoD' : 'QoS Provisioning'} API`);
  const token = await deps.tokens.get('primary', operation === 'createSession' ? 'qod' : 'provisioning');
  const { result } = await send(deps.transport, url, 'POST', { body }, token, deps.signal);
  const id = result.status === 201 ? (safeRecord(result.text)?.[idField] as unknown) : undefined;
  if (typeof id !== 'string') throw new SetupError(`setup: ${operation} answered ${result.status}, not 201 with ${idField}`);
  return id;
}

async function remove(deps: SetupDeps, operation: 'deleteSession' | 'revokeQosAssignment', id: string): Promise<void> {
  const token = await deps.tokens.get('primary', operation === 'deleteSession' ? 'qod' : 'provisioning');
  const { result } = await send(deps.transport, urlOf(deps.environment, operation, id) ?? '', 'DELETE', { param: id }, token, deps.signal);
  if (result.status !== 204 && result.status !== 202) throw new SetupError(`setup: ${operation} answered ${result.status}`);
}

/** Polls until the resource's status is `want` (bounded by waitMs). */
async function settle(deps: SetupDeps, operation: 'getSession' | 'getQosAssignmentById', id: string, field: string, want: string) {
  const token = await deps.tokens.get('primary', operation === 'getSession' ? 'qod' : 'provisioning');
  const url = urlOf(deps.environment, operation, id) ?? '';
  const until = Date.now() + deps.waitMs;
  let last = 'nothing';
  while (Date.now() < until) {
    const { result } = await send(deps.transport, url, 'GET', { param: id }, token, deps.signal);
    last = `${result.status} ${String(safeRecord(result.text)?.[field] ?? '')}`.trim();
    if (result.status === 200 && safeRecord(result.text)?.[field] === want) return;
    if (result.status !== 200 && result.status !== 429) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new SetupError(`setup: ${id} did not become ${want} within ${deps.waitMs} ms (last answer: ${last})`);
}

function safeRecord(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
