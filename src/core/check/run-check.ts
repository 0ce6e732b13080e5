// "Check this provider": runs the encoded scenarios of one CAMARA release against an environment, one at a
// time, and tells `onResult` about each as soon as it is known (the Testing view shows them live). A hang, an
// HTML page or garbage is that scenario's clear failure; nothing here throws for what a provider answers.
import { isDeepStrictEqual } from 'node:util';
import { durationSeconds, type QosProfile } from '../camara/fields';
import { EVENT_TYPE as QOD_EVENT_TYPE } from '../camara/v1';
import { EVENT_TYPE as PROVISIONING_EVENT_TYPE } from '../camara/provisioning';
import type { Flavour } from '../camara/flavour';
import type { Environment } from '../environments';
import type { Exchange } from '../http/exchange';
import { HttpTransport } from '../http/transport';
import { startNotificationSink, type AssignmentNotification, type NotificationSink, type StatusNotification } from '../notifications/sink';
import { scenariosFor } from './catalogue';
import { contradictionText } from './contradictions';
import { evaluate } from './evaluate';
import type { CheckInputs, CheckOptions } from './inputs';
import { API_TITLE, API_VERSION, scenarioKey, type CheckContext, type CheckResult, type Release, type Scenario } from './model';
import { needsReason } from './needs';
import { BAD_CORRELATOR } from './families';
import { missingNeeds, prepare, removeCreated, SetupError, type SetupDeps } from './setup';
import { routeOf, send, sendPolitely, toCheckExchange, urlOf, type Sent } from './send';
import { CheckTokens } from './tokens';

export type { CheckInputs, CheckOptions } from './inputs';

/** The QoD flavour each release's scenarios speak. */
export const RELEASE_FLAVOUR: Record<Release, Flavour> = { 'r3.2': 'v1', 'r4.1': 'v1.2' };
export const FLAVOUR_RELEASE: Partial<Record<Flavour, Release>> = { v1: 'r3.2', 'v1.2': 'r4.1' };

/** The most requests sent to reach a rate limit (sandbox only). */
const BURST = 40;

/**
 * Runs the release's scenarios (of one API, or all three) against the environment. Results come in catalogue
 * order through `onResult` and all together at the end.
 */
export async function runCheck(inputs: CheckInputs, options: CheckOptions, onResult?: (r: CheckResult) => void): Promise<CheckResult[]> {
  const flavour = RELEASE_FLAVOUR[options.release];
  // Another flavour's environment is read as the release's (its own base paths then, not the other's).
  const environment: Environment =
    inputs.environment.flavour === flavour ? inputs.environment : { ...inputs.environment, flavour, paths: undefined };
  const transport = new HttpTransport({ timeouts: { totalMs: 10_000 }, ...inputs.transport });
  const tokens = new CheckTokens({ ...inputs, environment }, transport, options.signal);
  const deps: SetupDeps = { environment, transport, tokens, waitMs: options.waitMs ?? 10_000, signal: options.signal };
  let current: Exchange[] | undefined;
  transport.recorder.onExchange((e) => current?.push(e));
  const sink = inputs.sink === 'local' ? await startNotificationSink() : undefined;
  if (sink) transport.redactor.addSecret(sink.token);
  // The user's own sink's token too: a provider echoing it anywhere must not put it in a report.
  const sinkToken = typeof inputs.sink === 'object' ? inputs.sink.credential.accessToken : undefined;
  if (typeof sinkToken === 'string' && sinkToken) transport.redactor.addSecret(sinkToken);
  const results: CheckResult[] = [];
  try {
    const base = await baseContext(options.release, inputs, deps, sink);
    const only = options.only && new Set(options.only);
    for (const s of scenariosFor(options.release, options.api).filter((x) => !only || only.has(scenarioKey(x)) || only.has(x.id))) {
      if (options.signal?.aborted) break;
      current = [];
      const started = performance.now();
      const outcome = await runOne(s, base, { ...deps, inputs, flavour, sink });
      const result: CheckResult = {
        id: s.id,
        ...(s.row ? { row: s.row } : {}),
        release: options.release,
        api: s.api,
        apiVersion: `${API_TITLE[s.api]} ${API_VERSION[options.release][s.api]}`,
        operation: s.operation,
        verdict: outcome.verdict,
        ...(outcome.reason ? { reason: transport.redactor.text(outcome.reason) } : {}),
        ...(s.contradiction ? { contradiction: contradictionText(s.contradiction) } : {}),
        exchanges: current.filter((e) => e.kind === 'api').map(toCheckExchange),
        ms: Math.round(performance.now() - started),
      };
      current = undefined;
      results.push(result);
      onResult?.(result);
    }
  } finally {
    await sink?.close();
    await transport.close();
  }
  return results;
}

/** What every scenario starts from: a testing device, an ACTIVE profile with its bounds, a non-ACTIVE one. */
async function baseContext(
  release: Release,
  inputs: CheckInputs,
  deps: SetupDeps,
  sink?: NotificationSink,
): Promise<Omit<CheckContext, 'device'>> {
  const profiles = await listProfiles(deps).catch(() => [] as QosProfile[]);
  const active = profiles.find((p) => p.status === 'ACTIVE');
  const inactive = profiles.find((p) => p.status !== 'ACTIVE');
  const local = sink && {
    url: sink.url,
    credential: {
      credentialType: 'ACCESSTOKEN',
      accessToken: sink.token,
      accessTokenExpiresUtc: new Date(Date.now() + 86_400_000).toISOString(),
      accessTokenType: 'bearer',
    },
  };
  const publicSink = typeof inputs.sink === 'object' ? inputs.sink : undefined;
  return {
    release,
    profile: {
      name: active?.name ?? 'QOS_E',
      ...(active?.minDuration ? { minSeconds: durationSeconds(active.minDuration) } : {}),
      ...(active?.maxDuration ? { maxSeconds: durationSeconds(active.maxDuration) } : {}),
    },
    ...(inactive ? { inactiveProfile: inactive.name } : {}),
    ...(inputs.restricted ? { restricted: inputs.restricted } : {}),
    ...(local || publicSink ? { sink: local ?? publicSink } : {}),
    ...(inputs.tokenDevice ? { tokenDevice: inputs.tokenDevice } : {}),
  };
}

async function listProfiles(deps: SetupDeps): Promise<QosProfile[]> {
  const url = urlOf(deps.environment, 'retrieveQoSProfiles');
  if (!url) return [];
  const token = await deps.tokens.get('primary', 'profiles');
  const { result } = await sendPolitely(deps.transport, url, 'POST', { body: {} }, token, deps.signal);
  const list: unknown = result.status === 200 ? JSON.parse(result.text) : [];
  return Array.isArray(list) ? (list as QosProfile[]) : [];
}

interface RunDeps extends SetupDeps {
  inputs: CheckInputs;
  flavour: Flavour;
  sink?: NotificationSink;
}

type Outcome = { verdict: CheckResult['verdict']; reason?: string };

async function runOne(s: Scenario, base: Omit<CheckContext, 'device'>, deps: RunDeps): Promise<Outcome> {
  if (s.notAutomatable) return { verdict: 'skipped', reason: s.notAutomatable };
  const missing = missingNeeds(s, deps.inputs, base);
  if (missing.length) return { verdict: 'skipped', reason: needsReason(missing) };
  const url0 = urlOf(deps.environment, s.operation, 'x');
  if (!url0) return { verdict: 'skipped', reason: `the environment has no ${API_TITLE[s.api]} API for this release` };
  const devices = deps.inputs.devices;
  const device = (s.needs.includes('asyncDevice') ? devices.async?.() : devices.valid?.()) ?? { phoneNumber: '+00000000000' };
  const other = s.needs.includes('unknownDevice')
    ? devices.unknown
    : s.needs.includes('notApplicableDevice')
      ? devices.notApplicable
      : undefined;
  const ctx: CheckContext = { ...base, device, ...(other ? { other } : {}) };
  let cleanup: () => Promise<void> = async () => undefined;
  try {
    cleanup = await prepare(s, ctx, deps);
    const request = s.request(ctx);
    if (s.operation === 'createSession' || s.operation === 'createQosAssignment') ctx.created = request.body as Record<string, unknown>;
    const use = request.token ?? 'primary';
    let token: string | undefined;
    try {
      token = await deps.tokens.get(use, s.api);
    } catch (error) {
      // A token this provider will not issue (a narrower scope, a second client that cannot sign in): not its answer.
      return { verdict: 'skipped', reason: `could not obtain the ${use} token the scenario needs: ${(error as Error).message}` };
    }
    const url = urlOf(deps.environment, s.operation, request.param) as string;
    const method = routeOf(deps.environment, s.operation).method;
    const events = s.expect.event ? listen(deps.sink, s.expect.event.api) : undefined;
    try {
      const sent =
        use === 'limited'
          ? await burst(deps, url, method, request, token)
          : await sendPolitely(deps.transport, url, method, request, token, deps.signal);
      const problems = evaluate(
        s.expect,
        sent.result,
        { correlator: sent.correlator, correlatorValid: request.correlator !== BAD_CORRELATOR },
        deps.flavour,
        ctx,
      );
      if (problems.length === 0 && events && s.expect.event) {
        const id = idOf(safeParse(sent.result.text)) ?? ctx.resourceId;
        const eventProblem = await events.check(id, s.expect.event, deps.waitMs);
        if (eventProblem) problems.push(eventProblem);
      }
      // What a create scenario made goes (after its event: removing it earlier would cancel the event).
      if (sent.result.status >= 200 && sent.result.status < 300) await removeCreated(deps, s, safeParse(sent.result.text));
      return problems.length ? { verdict: 'fail', reason: problems.join('; ') } : { verdict: 'pass' };
    } finally {
      events?.stop();
    }
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    return { verdict: 'fail', reason: error instanceof SetupError ? message : `no usable answer: ${message}` };
  } finally {
    await cleanup().catch(() => undefined);
  }
}

/** The 429 scenarios (sandbox only): requests in a burst with the low-limit client until one is refused. */
async function burst(
  deps: RunDeps,
  url: string,
  method: string,
  request: Parameters<typeof send>[3],
  token: string | undefined,
): Promise<Sent> {
  let sent: Sent | undefined;
  for (let i = 0; i < BURST; i++) {
    sent = await send(deps.transport, url, method, request, token, deps.signal);
    if (sent.result.status === 429) break;
  }
  return sent as Sent;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function idOf(body: unknown): string | undefined {
  const record = body as Record<string, unknown> | undefined;
  const id = record?.sessionId ?? record?.assignmentId;
  return typeof id === 'string' ? id : undefined;
}

/** Collects the events that reach the local sink while a scenario runs. */
function listen(sink: NotificationSink | undefined, api: 'qod' | 'provisioning') {
  const seen: (StatusNotification | AssignmentNotification)[] = [];
  const wake = new Set<() => void>();
  const push = (n: StatusNotification | AssignmentNotification) => {
    seen.push(n);
    for (const w of wake) w();
  };
  const stop = sink ? (api === 'qod' ? sink.onNotification(push) : sink.onAssignmentNotification(push)) : () => undefined;
  return {
    stop,
    /** Waits (bounded) for the resource's event with the expected status; says what is wrong, or nothing. */
    async check(id: string | undefined, want: NonNullable<Scenario['expect']['event']>, waitMs: number): Promise<string | undefined> {
      const until = Date.now() + waitMs;
      const matching = () =>
        seen.find((n) => {
          const nId = 'sessionId' in n ? n.sessionId : n.assignmentId;
          const status = 'qosStatus' in n ? n.qosStatus : n.status;
          return nId === id && (want.status === undefined || status === want.status);
        });
      while (!matching() && Date.now() < until) {
        await new Promise<void>((resolve) => {
          const done = () => {
            wake.delete(done);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, Math.max(0, until - Date.now()));
          wake.add(done);
        });
      }
      const event = matching();
      if (!event) return `no ${want.status ?? ''} event for ${id} reached the sink within ${waitMs} ms`.replace('  ', ' ');
      const body = event.event as { type?: unknown; data?: Record<string, unknown> };
      const type = api === 'qod' ? QOD_EVENT_TYPE : PROVISIONING_EVENT_TYPE;
      if (body.type !== type) return `the event's type is ${String(body.type)}, the definition says ${type}`;
      const status = api === 'qod' ? body.data?.qosStatus : body.data?.status;
      if (api === 'provisioning' && status === undefined) return 'the event has no data.status';
      // 0.3.0's events may carry qosStatus beside status (its schema's bug): the two must then agree.
      if (api === 'provisioning' && body.data?.qosStatus !== undefined && body.data.qosStatus !== status)
        return `the event's data.status (${String(status)}) and data.qosStatus (${String(body.data.qosStatus)}) disagree`;
      if (want.statusInfo !== undefined && body.data?.statusInfo !== want.statusInfo)
        return `the event's statusInfo is ${String(body.data?.statusInfo)}, expected ${want.statusInfo}`;
      if (want.status === undefined && (status === 'UNAVAILABLE') !== (body.data?.statusInfo !== undefined))
        return 'the event has statusInfo exactly when its status is UNAVAILABLE: not so here';
      return isDeepStrictEqual(typeof status, 'string') ? undefined : 'the event has no status';
    },
  };
}
