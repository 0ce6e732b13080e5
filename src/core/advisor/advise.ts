// The advisor across operators, the one call every face makes: read each target's QoS profile catalogue (in
// parallel, each bounded), match it with adviseProfiles, and answer per operator the advice or a clear error. A
// misbehaving operator (unreachable, 401, a malformed answer) is one row saying so: nothing throws out of here, no
// stack trace and no secret reaches an answer (errors go through the core's Problem, whose texts are cleaned).
import { createSessionBody, type DeviceInput } from '../camara/create-body';
import type { QosProfile } from '../camara/fields';
import { isV1Family, type Flavour } from '../camara/flavour';
import type { QodResult } from '../camara/qod-client';
import { CancelledError } from '../errors';
import { cleanProviderText, PROVIDER_TEXT_LIMITS } from '../http/provider-text';
import type { OperationInput, TableEntry } from '../operations';
import { OPERATION_TABLE } from '../operations';
import { toProblem } from '../problem';
import type { Environment } from '../environments';
import type { OperatorRouter, OperatorRuntime, Routed } from '../routing/operator-router';
import { adviseProfiles, type Advice, type NeedVerdict, type ProfileVerdict } from './match';
import { describeNeeds, type AppNeeds } from './needs';

/** One operator to advise on: who it is, and how its catalogue is read. */
export interface AdvisorTarget {
  /** A stable id (the environment's, or `aggregator@operator`). */
  id: string;
  /** What people call it: `Sandbox`, `Azul Mobile (via Sandbox operators)`. */
  label: string;
  /**
   * The operator's profiles, for the device where its API takes one. Throws on failure (any error: the advisor turns
   * it into words); `NoProfilesApi` when the operator's QoD version has no profiles API.
   */
  readProfiles(
    device: DeviceInput | undefined,
    signal: AbortSignal,
  ): Promise<{ profiles: readonly QosProfile[]; deviceSent: boolean; note?: string }>;
}

/** The operator's QoD version lists no profiles (v0.8): nothing to match against, said as such. */
export class NoProfilesApi extends Error {
  override readonly name = 'NoProfilesApi';
}

/** The advice for one operator, or why there is none. */
export type OperatorAdvice =
  | { id: string; label: string; ok: true; advice: Advice; profileCount: number; deviceSent: boolean; note?: string }
  | { id: string; label: string; ok: false; code: string; error: string };

export interface AdviseOptions {
  /** The device the app runs on: sent where the operator's profiles API takes one (QoD v1, v1.2). */
  device?: DeviceInput;
  signal?: AbortSignal;
  /** The longest one operator may take, ms (default 20 s); the client's own request timeouts hold inside it. */
  timeoutMs?: number;
}

/** What a client must offer to be a target: the core's QodClient, or an operator runtime's client. */
interface ProfilesClient {
  flavour?: Flavour;
  run(ref: TableEntry, input: OperationInput, signal?: AbortSignal): Promise<QodResult<unknown>>;
}

/**
 * A target read with a QoD client of one operator: its listProfiles operation (retrieve-qos-profiles in v1 and v1.2,
 * with the device; GET /qos-profiles in v0.10, which takes none), or NoProfilesApi for v0.8.
 */
export function clientTarget(id: string, label: string, flavour: Flavour, client: ProfilesClient): AdvisorTarget {
  return {
    id,
    label,
    async readProfiles(device, signal) {
      if (flavour === 'v0.8')
        throw new NoProfilesApi(
          'QoD v0.8 has no QoS profiles API: its four fixed profiles (QOS_E, QOS_S, QOS_M, QOS_L) publish no parameters',
        );
      const sendDevice = device !== undefined && isV1Family(flavour);
      const body = sendDevice ? { device: createSessionBody(flavour, { device, applicationServer: '', qosProfile: '' }).device } : {};
      const result = await client.run(OPERATION_TABLE.listProfiles, { body }, signal);
      return { profiles: result.value as QosProfile[], deviceSent: sendDevice };
    },
  };
}

/** What the advisor needs of a runtime (core/runtime.ts's Runtime): its environment, client and routing step. */
export interface AdvisorSource {
  environment: Environment;
  client: ProfilesClient;
  router?: OperatorRouter<OperatorRuntime>;
}

/**
 * The targets of an environment, ONE place for every face: the environment's own operator, or, for an aggregator,
 * every operator its Telco Finder lists (each read at its own API root with its own sign-in). When the operators
 * cannot be listed, one target that fails with the reason.
 */
export async function advisorTargets(runtime: AdvisorSource, signal?: AbortSignal): Promise<AdvisorTarget[]> {
  const { environment, router, client } = runtime;
  if (!router) return [clientTarget(environment.id, environment.label, environment.flavour, client)];
  try {
    const operators = await router.operators(signal);
    return operators.map((o) => routedTarget(o, router));
  } catch (error) {
    return [
      {
        id: environment.id,
        label: environment.label,
        readProfiles: () => Promise.reject(error),
      },
    ];
  }
}

/**
 * An operator reached through an aggregator. A device belongs to one operator: that one reads its catalogue for the
 * device; the others, which cannot serve it, are read without it and say so (rather than answering "unknown device").
 */
function routedTarget(operator: Routed<OperatorRuntime>, router: OperatorRouter<OperatorRuntime>): AdvisorTarget {
  const { environment, route, runtime } = operator;
  const plain = clientTarget(environment.id, environment.label, environment.flavour, runtime.client);
  return {
    id: plain.id,
    label: plain.label,
    async readProfiles(device, signal) {
      if (!device) return plain.readProfiles(undefined, signal);
      const serving = await router.route(device.value, signal);
      if (serving.route.operatorId === route.operatorId) return plain.readProfiles(device, signal);
      const read = await plain.readProfiles(undefined, signal);
      const owner = cleanProviderText(serving.route.operatorName, PROVIDER_TEXT_LIMITS.field);
      return { ...read, note: `the device is served by ${owner}, not by this operator: the advice is for its whole catalogue` };
    },
  };
}

/** Every target's advice, in the targets' order; each read bounded by timeoutMs, all at once. Never throws. */
export async function adviseAcross(
  needs: AppNeeds,
  targets: readonly AdvisorTarget[],
  options: AdviseOptions = {},
): Promise<OperatorAdvice[]> {
  return Promise.all(targets.map((target) => adviseOne(needs, target, options)));
}

async function adviseOne(needs: AppNeeds, target: AdvisorTarget, options: AdviseOptions): Promise<OperatorAdvice> {
  const { id } = target;
  const label = cleanProviderText(target.label, PROVIDER_TEXT_LIMITS.field);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  try {
    const read = await target.readProfiles(options.device, signal);
    const { profiles, deviceSent } = read;
    if (!Array.isArray(profiles)) throw new TypeError('the profiles are not a list');
    const note =
      read.note ??
      (options.device && !deviceSent
        ? "this operator's QoD version lists profiles without a device: the advice is for its whole catalogue"
        : undefined);
    return {
      id,
      label,
      ok: true,
      advice: adviseProfiles(needs, profiles),
      profileCount: profiles.length,
      deviceSent,
      ...(note ? { note } : {}),
    };
  } catch (error) {
    return { id, label, ok: false, ...errorWords(error, signal, options.signal, timeoutMs) };
  }
}

/** An operator's failure in words: the core's Problem (cleaned texts), the timeout, or the missing profiles API. */
function errorWords(
  error: unknown,
  signal: AbortSignal,
  outer: AbortSignal | undefined,
  timeoutMs: number,
): { code: string; error: string } {
  if (error instanceof NoProfilesApi) return { code: 'NO_PROFILES_API', error: error.message };
  if (signal.aborted && !outer?.aborted)
    return { code: 'TIMEOUT', error: `no answer within ${Math.round(timeoutMs / 1000)} s: the operator did not list its profiles in time` };
  if (error instanceof CancelledError || outer?.aborted) return { code: 'CANCELLED', error: 'cancelled' };
  const p = toProblem(error);
  const fix = p.fix && !p.message.includes(p.fix) ? ` (${p.fix})` : '';
  const headline = p.kind === 'api' ? `${p.title}: ${p.providerMessage}` : p.message;
  return { code: p.code, error: cleanProviderText(`${headline}${fix}`, 500) };
}

// ---- Faces ---------------------------------------------------------------------------------------------------------

const verdictMark: Record<NeedVerdict['status'], string> = { met: '✓', unmet: '✗', unstated: '?', 'not-guaranteed': '~' };

function profileLines(p: ProfileVerdict): string[] {
  return p.verdicts.map((v) => `      ${verdictMark[v.status]} ${v.sentence}`);
}

/** The advice as text for a terminal: per operator, the recommendation with its reasons, then the others ranked. */
export function renderAdvice(needs: AppNeeds, results: readonly OperatorAdvice[]): string {
  const lines = [`Needs: ${describeNeeds(needs)}`];
  for (const r of results) {
    lines.push('', `${r.label}`);
    if (!r.ok) {
      lines.push(`  no advice: ${r.error}`);
      continue;
    }
    lines.push(`  ${r.advice.summary}`);
    if (r.note) lines.push(`  (${r.note})`);
    const top = r.advice.recommended ?? r.advice.closest;
    if (top) lines.push(`  ${top.reasons[0]}`, ...profileLines(top));
    const others = r.advice.ranked.filter((p) => p !== top);
    if (others.length) lines.push('  Others, best first:');
    for (const p of others) lines.push(`    ${p.reasons[0]}`);
  }
  lines.push('', '✓ met  ✗ unmet  ? not stated by the operator  ~ possible but not guaranteed');
  return lines.join('\n');
}

/** The advice as JSON (the agent tool, `--json`, the playground): plain data, the operators' words cleaned. */
export function adviceJson(needs: AppNeeds, results: readonly OperatorAdvice[]) {
  return {
    needs: { ...needs, words: describeNeeds(needs) },
    operators: results.map((r) =>
      r.ok
        ? {
            id: r.id,
            label: r.label,
            ok: true as const,
            summary: r.advice.summary,
            recommended: r.advice.recommended?.name ?? null,
            closest: r.advice.closest?.name ?? null,
            deviceSent: r.deviceSent,
            ...(r.note ? { note: r.note } : {}),
            profiles: r.advice.ranked.map((p) => ({
              name: p.name,
              status: p.status,
              fits: p.fits,
              unmet: p.unmet,
              unstated: p.unstated,
              overProvision: p.overProvision,
              reasons: p.reasons,
              ...(p.relaxation ? { relaxation: p.relaxation } : {}),
              needs: p.verdicts.map((v) => ({ need: v.need, status: v.status, sentence: v.sentence })),
            })),
          }
        : { id: r.id, label: r.label, ok: false as const, code: r.code, error: r.error },
    ),
  };
}
