// `qod check [--env …] [--api qod|profiles|provisioning] [--release r3.2|r4.1] [--reporter text|junit|json|md] [--out FILE]`:
// runs CAMARA's test-definition scenarios (the core's own encoding) against an environment and prints the counts
// per API and version. Against the sandbox it uses the sandbox's deterministic devices and demo clients; against
// an operator, what it cannot be asked for is skipped with the reason (options supply some of it).
// Exit codes: 0 every scenario passed or was skipped, 1 one failed, 2 usage.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { E164_STRICT } from '../core/camara/fields';
import { isV1Family } from '../core/camara/flavour';
import type { CheckInputs } from '../core/check/inputs';
import { CHECK_APIS, RELEASES, scenarioKey, type CheckApi, type CheckResult, type Release } from '../core/check/model';
import { render, REPORTERS, summaryLines, type Reporter } from '../core/check/report';
import { FLAVOUR_RELEASE, RELEASE_FLAVOUR, runCheck } from '../core/check/run-check';
import { sandboxCheckInputs } from '../core/check/sandbox-inputs';
import { operatorCheckInputs } from '../core/check/operator-inputs';
import type { Environment } from '../core/environments';
import { COMMON_OPTIONS, environmentFrom, transportOptionsFrom, UsageError, type CommonValues } from './options';
import { credentialsFor } from './secrets';

type Io = { out: (line: string) => void; err: (line: string) => void };

const CHECK_OPTIONS = {
  ...COMMON_OPTIONS,
  api: { type: 'string' },
  release: { type: 'string' },
  reporter: { type: 'string', default: 'text' },
  out: { type: 'string' },
  device: { type: 'string' },
  hint: { type: 'string' },
  sink: { type: 'string' },
  'second-client-id': { type: 'string' },
} as const;

export async function checkCommand(args: string[], env: NodeJS.ProcessEnv, io: Io, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({ args, options: CHECK_OPTIONS, allowPositionals: false, strict: true });
  const api = values.api;
  if (api !== undefined && !(CHECK_APIS as readonly string[]).includes(api))
    throw new UsageError(`--api must be ${CHECK_APIS.join(', ')} (got ${api})`);
  const reporter = values.reporter;
  if (!(REPORTERS as readonly string[]).includes(reporter))
    throw new UsageError(`--reporter must be ${REPORTERS.join(', ')} (got ${reporter})`);
  const release = releaseOf(values.release, values.flavour);
  const environment = environmentFrom({ ...(values as CommonValues), flavour: RELEASE_FLAVOUR[release] }, env);
  const inputs = environment.preset === 'sandbox' ? sandboxCheckInputs(environment) : operatorInputs(environment, values, env);
  inputs.credentials = () => credentialsFor(environment, env);
  if (env.QOD_ACCESS_TOKEN) inputs.accessToken = env.QOD_ACCESS_TOKEN;
  inputs.transport = transportOptionsFrom(values as CommonValues, env);
  const streamed = reporter === 'text' || values.out !== undefined;
  const results = await runCheck(inputs, { release, api: api as CheckApi | undefined, signal }, (r) => {
    if (streamed) io.err(progressLine(r));
  });
  const report = render(reporter as Reporter, results, release);
  if (values.out) {
    writeFileSync(values.out, `${report}\n`);
    io.out([...summaryLines(results), `report: ${values.out}`].join('\n'));
  } else if (reporter === 'text') io.out(report);
  else {
    io.out(report);
    io.err(summaryLines(results).join('\n'));
  }
  return results.some((r) => r.verdict === 'fail') ? 1 : 0;
}

/** --release, or the release of --flavour (v1 → r3.2, v1.2 → r4.1); they must agree when both are given. */
function releaseOf(release: string | undefined, flavour: string | undefined): Release {
  if (release !== undefined && !(RELEASES as readonly string[]).includes(release))
    throw new UsageError(`--release must be ${RELEASES.join(' or ')} (got ${release})`);
  const fromFlavour = flavour === undefined ? undefined : FLAVOUR_RELEASE[flavour as keyof typeof FLAVOUR_RELEASE];
  if (flavour !== undefined && !fromFlavour)
    throw new UsageError(`qod check runs CAMARA r3.2 (--flavour v1) or r4.1 (--flavour v1.2) scenarios, not ${flavour}`);
  if (release && fromFlavour && release !== fromFlavour)
    throw new UsageError(`--release ${release} is QoD flavour ${RELEASE_FLAVOUR[release as Release]}, not --flavour ${flavour}`);
  return (release as Release | undefined) ?? fromFlavour ?? 'r3.2';
}

/** An operator: only what the options supply; the rest of the scenarios say what they would need. */
function operatorInputs(
  environment: Environment,
  values: { device?: string; hint?: string; sink?: string; 'second-client-id'?: string },
  env: NodeJS.ProcessEnv,
): CheckInputs {
  if (!isV1Family(environment.flavour)) throw new UsageError('qod check needs a CAMARA v1 environment (--flavour v1 or v1.2)');
  if (values.device !== undefined && !E164_STRICT.test(values.device))
    throw new UsageError(`--device must be an E.164 phone number like +34666666661 (got ${values.device})`);
  if (values.sink !== undefined && !/^https:\/\/[^/\s]+/.test(values.sink))
    throw new UsageError('--sink must be an https:// URL the operator can reach');
  const secondId = values['second-client-id'];
  if (secondId && !env.QOD_SECOND_CLIENT_SECRET) throw new UsageError('--second-client-id needs QOD_SECOND_CLIENT_SECRET');
  // The user's receiver checks the bearer token the operator sends: it is theirs to choose, never a default.
  if (values.sink && !env.QOD_SINK_TOKEN) throw new UsageError('--sink needs QOD_SINK_TOKEN (the bearer token your receiver expects)');
  return operatorCheckInputs(environment, () => credentialsFor(environment, env), {
    ...(values.device ? { phoneNumber: values.device } : {}),
    ...(values.hint ? { loginHint: values.hint } : {}),
    // The sink's bearer token (QOD_SINK_TOKEN): the user's own https receiver checks it.
    ...(values.sink ? { sink: { url: values.sink, token: env.QOD_SINK_TOKEN as string } } : {}),
    ...(env.QOD_EXPIRED_TOKEN ? { expiredToken: env.QOD_EXPIRED_TOKEN } : {}),
    ...(secondId
      ? {
          secondClient: {
            environment: { ...environment, clientId: secondId },
            credentials: async () => ({ clientSecret: env.QOD_SECOND_CLIENT_SECRET }),
          },
        }
      : {}),
  });
}

function progressLine(r: CheckResult): string {
  const mark = r.verdict === 'pass' ? '✓' : r.verdict === 'fail' ? '✗' : '-';
  return `  ${mark} ${scenarioKey(r)}${r.verdict === 'pass' ? '' : `: ${r.reason ?? ''}`}`;
}
