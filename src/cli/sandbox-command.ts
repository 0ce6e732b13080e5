// `qod sandbox` (also `npm start` / `npm run sandbox`): runs the embedded operator and prints how to use it.
import { parseArgs } from 'node:util';
import { hideQuery } from '../core/http/redact';
import type { DemoClient } from '../sandbox/demo-clients';
import { isLoopbackHost } from '../sandbox/http-util';
import type { DeliveryReport } from '../sandbox/qod/notifier';
import { describeNetworkScript, parseNetworkScripts } from '../sandbox/qod/network-scripts';
import { operatorNetworkBanner } from '../sandbox/operators/banner';
import { startOperatorNetwork } from '../sandbox/operators/network';
import { startSandbox, type SandboxConfigError } from '../sandbox/server';
import { BEHAVIOUR_TABLE } from '../sandbox/subscribers';
import { UsageError } from './options';

type Io = { out: (line: string) => void; err: (line: string) => void };

export async function runSandbox(args: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.QOD_SANDBOX_PORT ?? '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      'public-url': { type: 'string' },
      'v0-flavour': { type: 'string', default: 'v0.10' },
      'allow-sink-host': { type: 'string', multiple: true, default: [] },
      // For load-testing an app against the sandbox: lift the per-client rate limit and the live-session cap.
      'rate-limit': { type: 'string' },
      'max-sessions': { type: 'string' },
      // What the network does to a device's sessions: `--network "+34666666661=network-ends:30s"`, repeatable.
      network: { type: 'string', multiple: true, default: [] },
      // Several operators (Azul Mobile, Verde Telecom) and the Telco Finder that routes a device to its operator.
      operators: { type: 'boolean', default: false },
    },
  });
  // Every wrong option is named at once, before anything is bound.
  const problems: string[] = [];
  const remote = !isLoopbackHost(values.host);
  if (remote && !values['allow-remote']) {
    problems.push(
      `--host ${values.host} is not a loopback address; the demo credentials are public, ` +
        'so add --allow-remote if other machines must reach it (and --public-url with the address they use)',
    );
  }
  const v0Flavour = (['v0.8', 'v0.10'] as const).find((f) => f === values['v0-flavour']);
  if (!v0Flavour) problems.push(`--v0-flavour must be v0.8 or v0.10 (got ${values['v0-flavour']})`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`--port must be an integer 0..65535 (got ${values.port})`);
  const rateLimit = rateLimitFrom(values['rate-limit']);
  if (rateLimit === null)
    problems.push(`--rate-limit must be off or an integer 1..1000000 (requests a second per client; got ${values['rate-limit']})`);
  const maxSessions = values['max-sessions'] === undefined ? undefined : Number(values['max-sessions']);
  if (maxSessions !== undefined && (!Number.isInteger(maxSessions) || maxSessions < 1 || maxSessions > 1_000_000)) {
    problems.push(`--max-sessions must be an integer 1..1000000 (live sessions at once; got ${values['max-sessions']})`);
  }
  const networkEntries: Array<[string, string]> = [];
  for (const entry of values.network) {
    const at = entry.indexOf('=');
    if (at < 0) problems.push(`--network must be DEVICE=SCRIPT, such as +34666666661=network-ends:30s (got ${entry.slice(0, 80)})`);
    else networkEntries.push([entry.slice(0, at).trim(), entry.slice(at + 1)]);
  }
  const scripted = parseNetworkScripts(networkEntries, (device) => `--network ${device}`);
  problems.push(...scripted.problems);
  if (values.operators && (remote || values['public-url'] !== undefined)) {
    problems.push('--operators runs on loopback only: leave out --host, --allow-remote and --public-url');
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  if (values.operators) {
    // --port is the Telco Finder's; each operator takes a free port of its own (its own issuer).
    const network = await startOperatorNetwork({
      finderPort: port,
      v0Flavour,
      ...(rateLimit === undefined || rateLimit === null ? {} : { rateLimit }),
      ...(maxSessions === undefined ? {} : { maxSessions }),
      networkScripts: Object.fromEntries(networkEntries),
      onNotification: (r) => io.out(notificationLine(r)),
    });
    io.out(operatorNetworkBanner(network).join('\n'));
    await untilStopped(signal);
    await network.close();
    return 0;
  }

  const sandbox = await startSandbox({
    host: values.host,
    port,
    v0Flavour,
    allowRemote: values['allow-remote'],
    publicUrl: values['public-url'],
    allowSinkHosts: values['allow-sink-host']
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean),
    ...(rateLimit === undefined || rateLimit === null ? {} : { rateLimit }),
    ...(maxSessions === undefined ? {} : { maxSessions }),
    networkScripts: Object.fromEntries(networkEntries),
    onNotification: (r) => io.out(notificationLine(r)),
  }).catch((error: unknown) => {
    throw (error as SandboxConfigError).name === 'SandboxConfigError' ? new UsageError((error as Error).message) : error;
  });
  // Bound elsewhere, or published under a public URL that is not loopback: other machines reach it either way.
  const shared = sandbox.reachableFromOtherMachines;
  if (shared) {
    io.err(
      [
        '',
        remote
          ? `WARNING: the sandbox listens on ${values.host}, reachable from other machines.`
          : `WARNING: the sandbox is published as ${values['public-url']}, reachable from other machines.`,
        'WARNING: the public demo secrets do not work on this run: its client secrets and private key are made for it and printed',
        'WARNING: below, once; anyone you give them to can sign in and create sessions. Use it on a trusted network only.',
        'WARNING: notification sinks on loopback, private, link-local or multicast addresses are refused (--allow-sink-host to allow one).',
        ...(values['public-url']
          ? []
          : [`WARNING: without --public-url the issuer is ${sandbox.url}, which other machines may not reach.`]),
      ].join('\n'),
    );
  }
  io.out(
    [
      '',
      `QoD sandbox running at ${sandbox.url}`,
      '',
      `  OpenID discovery   ${sandbox.urls.discovery}`,
      `  QoD v1             ${sandbox.urls.qodV1}`,
      `  QoS profiles v1    ${sandbox.urls.qosProfilesV1}`,
      `  QoD 1.2.0-rc.3     ${sandbox.urls.qodV1_2}`,
      `  QoS profiles 1.2   ${sandbox.urls.qosProfilesV1_2}`,
      `  QoS Provisioning   ${sandbox.urls.provisioningV0_3}  (0.3.0, with QoD v1)`,
      `  QoS Provisioning   ${sandbox.urls.provisioningV0_4}  (0.4.0-rc.1, with QoD 1.2)`,
      `  Notification keys  ${sandbox.urls.notificationJwks}  (QoD 1.2 PRIVATE_KEY_JWT: the operator's jwksUri)`,
      `  QoD /qod/v0        ${sandbox.urls.qodV0}  (${v0Flavour}; also ${sandbox.urls.qodV0_8} and ${sandbox.urls.qodV0_10})`,
      '',
      shared ? 'Clients of this run (secrets made for it; the public client qod-demo-public is off):' : 'Demo clients (sandbox only):',
      ...sandbox.clients.map((c) => clientLine(c, shared)),
      // The run's private key is made for it; on loopback it is the published demo key, listed in the README.
      ...sandbox.clients.filter((c) => shared && c.privateJwk).map((c) => `  ${c.clientId} private JWK: ${JSON.stringify(c.privateJwk)}`),
      '',
      'Device behaviour by the last digit of the phone number or IP address:',
      ...BEHAVIOUR_TABLE.map((row) => `  ${row.digits.padEnd(4)} CIBA: ${row.ciba}; QoD: ${row.qod}`),
      '',
      `Network scripts (--network DEVICE=SCRIPT; at run time: PUT ${sandbox.urls.networkControl}/{device}):`,
      ...(scripted.scripts.size === 0
        ? ['  none: the last digit decides']
        : [...scripted.scripts].map(([device, script]) => `  ${device} ${script.text}: ${describeNetworkScript(script)}`)),
      '',
      'Try it:',
      `  export QOD_SANDBOX_URL=${sandbox.url}`,
      // Off loopback the CLI's built-in demo secret does not work: the run's secret goes in its place.
      ...sandbox.clients
        .filter((c) => shared && c.clientId === 'qod-demo')
        .map((c) => `  export QOD_CLIENT_SECRET=${c.clientSecret ?? ''}`),
      `  export QOD_ACCESS_TOKEN=$(node dist/qod.js login --ciba --hint tel:+34666666661 --print-token)`,
      `  node dist/qod.js session create --as 198.51.100.10 --profile QOS_E --duration 600`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  await untilStopped(signal);
  await sandbox.close();
  return 0;
}

/** Until Ctrl-C, SIGTERM or the caller's abort. */
function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

function notificationLine(r: DeliveryReport): string {
  const outcome = r.dropped ? 'dropped' : r.ok ? 'delivered' : 'failed';
  const detail = r.dropped ? r.error : `${r.attempts} attempt(s)${r.status ? `, HTTP ${r.status}` : ''}${r.error ? `, ${r.error}` : ''}`;
  return `notification ${outcome}: session ${r.sessionId} → ${hideQuery(r.url)} (${detail})`;
}

function clientLine(c: DemoClient, remote: boolean): string {
  return `  ${c.clientId.padEnd(16)} ${(c.clientSecret ?? '-').padEnd(remote ? 33 : 22)} ${c.authMethod.padEnd(20)} ${c.note}`;
}

/**
 * `--rate-limit N` (requests a second per client, bursts of 2N) or `off`; unset keeps the default (50/s, bursts
 * of 100); null when the value is neither.
 */
function rateLimitFrom(value: string | undefined): { perSecond: number; burst: number } | false | undefined | null {
  if (value === undefined) return undefined;
  if (value === 'off') return false;
  const perSecond = Number(value);
  return Number.isInteger(perSecond) && perSecond >= 1 && perSecond <= 1_000_000 ? { perSecond, burst: 2 * perSecond } : null;
}
