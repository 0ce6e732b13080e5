// `qod profiles advise --latency 50ms --up 2Mbps … [--device +34…] [--profile-file app-profile.json]`: the QoS
// profile advisor on the command line. The needs are parsed by the core (one parser for every face), the targets
// come from the core's advisorTargets (the environment's operator, or every operator of an aggregator), and the
// answer is the core's renderAdvice (or adviceJson with --json). Nothing here matches or ranks.
// Exit codes: 0 every operator was advised (whether or not a profile fits), 1 an operator could not be read, 2 usage.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { adviceJson, adviseAcross, advisorTargets, renderAdvice } from '../core/advisor/advise';
import { needsFromApplicationProfile, parseNeedsObject, type NeedsResult } from '../core/advisor/needs';
import { MemorySecretStore } from '../core/auth/secret-store';
import type { DeviceInput } from '../core/camara/create-body';
import { QodValidationError } from '../core/camara/qod-client';
import { formatExchange } from '../core/http/log-format';
import { deviceOfHint } from '../core/routing/route-target';
import { closeRuntime, createRuntime } from '../core/runtime';
import { COMMON_OPTIONS, environmentFrom, transportOptionsFrom, UsageError, type CommonValues } from './options';
import { credentialsFor } from './secrets';

type Io = { out: (line: string) => void; err: (line: string) => void };

/** One flag per need, named as the core's words are (`--latency` is `latency`). */
const NEED_FLAGS = ['latency', 'jitter', 'up', 'down', 'loss', 'duration'] as const;

const ADVISE_OPTIONS = {
  ...COMMON_OPTIONS,
  latency: { type: 'string' },
  jitter: { type: 'string' },
  up: { type: 'string' },
  down: { type: 'string' },
  loss: { type: 'string' },
  duration: { type: 'string' },
  device: { type: 'string' },
  'profile-file': { type: 'string' },
} as const;

/** `qod profiles advise …` (args after `advise`). */
export async function adviseCommand(args: string[], env: NodeJS.ProcessEnv, io: Io, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({ args, options: ADVISE_OPTIONS, allowPositionals: false, strict: true });
  const common = values as CommonValues;
  // Everything the command line alone decides is checked before any network call (exit 2, nothing sent).
  const { latency, jitter, up, down, loss, duration } = values;
  const needs = await needsFrom({ latency, jitter, up, down, loss, duration, 'profile-file': values['profile-file'] });
  if (!needs.ok) throw new QodValidationError(needs.issues.map((i) => ({ path: i.field, rule: i.rule, message: i.message })));
  const device = values.device === undefined ? undefined : deviceFlag(values.device);
  const environment = environmentFrom(common, env);
  // Reading profiles changes nothing: 2-legged by itself, or the token handed over in QOD_ACCESS_TOKEN.
  const runtime = createRuntime(
    environment,
    {
      secrets: new MemorySecretStore(),
      credentials: () => credentialsFor(environment, env),
      log: common.verbose ? (e) => io.err(formatExchange(e, true)) : undefined,
    },
    { transport: transportOptionsFrom(common, env), handedOverToken: env.QOD_ACCESS_TOKEN, signInOnFirstUse: !env.QOD_ACCESS_TOKEN },
  );
  try {
    const targets = await advisorTargets(runtime, signal);
    const results = await adviseAcross(needs.needs, targets, { device, signal });
    io.out(common.json ? JSON.stringify(adviceJson(needs.needs, results), null, 2) : renderAdvice(needs.needs, results));
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await closeRuntime(runtime);
  }
}

/** The needs from the flags, or from a CAMARA Application Profile (--profile-file) with at most --duration beside it. */
async function needsFrom(values: Record<string, string | undefined>): Promise<NeedsResult> {
  const given = Object.fromEntries(NEED_FLAGS.filter((flag) => values[flag] !== undefined).map((flag) => [flag, values[flag]]));
  const file = values['profile-file'];
  if (file === undefined) {
    if (Object.keys(given).length === 0) throw new UsageError(`state what the app needs: --${NEED_FLAGS.join(', --')} or --profile-file`);
    return parseNeedsObject(given, '--');
  }
  const others = Object.keys(given).filter((flag) => flag !== 'duration');
  if (others.length)
    throw new UsageError(`--profile-file states the network needs: give only --duration beside it (not --${others.join(', --')})`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`--profile-file: cannot read ${file}`);
  }
  let profile: unknown;
  try {
    profile = JSON.parse(text);
  } catch {
    throw new UsageError(`--profile-file: ${file} is not JSON (a CAMARA ApplicationProfile)`);
  }
  let duration: number | undefined;
  if (given.duration !== undefined) {
    const read = parseNeedsObject({ duration: given.duration }, '--');
    if (!read.ok) return read;
    duration = read.needs.durationSeconds;
  }
  return needsFromApplicationProfile(profile, duration);
}

/** `--device +34666666661`, `--device 203.0.113.5[:port]` or `--device 2001:db8::1`, read as every face reads a device. */
function deviceFlag(value: string): DeviceInput {
  const found = deviceOfHint(value);
  if ('problem' in found) {
    throw new UsageError(`--device must be a phone number like +34666666661 or an IP address like 203.0.113.5 (got ${value.slice(0, 40)})`);
  }
  return found.device;
}
