// `qod`: the command-line face of the core and the sandbox.
//   qod sandbox | login | session create|get|extend|delete|list | profiles      (qod --help)
// Exit codes: 0 ok, 1 the API answered an error, 2 usage or invalid input, 3 sign-in failed,
// 4 network failure, 130 cancelled.
import { parseArgs } from 'node:util';
import { Authenticator } from '../core/auth/authenticator';
import { SIGN_IN_FLOWS, type SignInUi } from '../core/auth/flows';
import { startLoopbackRedirect } from '../core/auth/redirect';
import { MemorySecretStore } from '../core/auth/secret-store';
import { closeRuntime, createRuntime } from '../core/runtime';
import { decodeToken } from '../core/auth/jwt';
import { QodClient, type QodResult } from '../core/camara/qod-client';
import type { AssignmentView, SessionView } from '../core/camara/normalise';
import type { Environment } from '../core/environments';
import { toProblem } from '../core/problem';
import { formatExchange } from '../core/http/log-format';
import { forTerminal } from '../core/http/provider-text';
import { safeJson } from '../core/http/safe-json';
import { createAssignmentBody, createSessionBody } from '../core/camara/create-body';
import type { Flavour } from '../core/camara/flavour';
import { answerOf, OPERATION_TABLE, type OperationTable, type TableEntry } from '../core/operations';
import { settle } from '../core/sessions/settle';
import { checkInput, flagIssue, hintProblems, type CommandInput } from './check-input';
import {
  bodyFlag,
  buildCreateBody,
  CREATE_OPTIONS,
  credentialsOnCommandLine,
  deviceFrom,
  readBodyArgument,
  type CreateValues,
} from './create-body';
import { COMMON_OPTIONS, environmentFrom, transportOptionsFrom, UsageError, type CommonValues } from './options';
import { helpFor, usage } from './help';
import { actionsOf, operationCommands, operationFor } from './operation-words';
import { credentialsFor } from './secrets';
import { runCommand } from './run-command';
import { importCommand } from './import-command';
import { checkCommand } from './check-command';
import { adviseCommand } from './advise-command';
import { isVersionRequest, VERSION } from './version';

const LOGIN_OPTIONS = {
  ciba: { type: 'boolean', default: false },
  code: { type: 'boolean', default: false },
  'client-credentials': { type: 'boolean', default: false },
  hint: { type: 'string' },
  'print-token': { type: 'boolean', default: false },
} as const;

type Io = { out: (line: string) => void; err: (line: string) => void; readStdin?: () => Promise<string> };

/** `table`: the operations `qod` offers (the core's; a test gives a copy with more). */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv,
  terminal: Io,
  signal?: AbortSignal,
  table: OperationTable = OPERATION_TABLE,
): Promise<number> {
  // Everything printed may hold a provider's words: no escape sequence reaches the terminal (a retitled window,
  // a cleared screen, a planted link), in plain, --json and --verbose output alike.
  const io: Io = { ...terminal, out: (line) => terminal.out(forTerminal(line)), err: (line) => terminal.err(forTerminal(line)) };
  const [command, ...rest] = argv;
  if (isVersionRequest(command)) {
    io.out(`qod ${VERSION}`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(usage(table));
    return command ? 0 : 2;
  }
  const json = rest.includes('--json');
  // `qod <command> --help` answers with the command's help, before anything else is checked.
  if (rest.includes('--help') || rest.includes('-h')) {
    const help = helpFor(command, table);
    if (help) {
      io.out(help);
      return 0;
    }
  }
  try {
    // The sandbox (an authorization server and all) and the MCP SDK load only for the commands that use them,
    // so every other command starts fast (an agent host starts `qod` often).
    if (command === 'sandbox')
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, loaded only now
      return await (require('./sandbox-command') as typeof import('./sandbox-command')).runSandbox(rest, io, signal);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, loaded only now
    if (command === 'mcp') return await (require('./mcp') as typeof import('./mcp')).runMcp(rest, env);
    if (command === 'run') return await runCommand(rest, env, io, signal, table, signIn);
    if (command === 'import') return importCommand(rest, io, table);
    if (command === 'check') return await checkCommand(rest, env, io, signal);
    if (command === 'profiles' && rest[0] === 'advise') return await adviseCommand(rest.slice(1), env, io, signal);
    return await run(table, command, rest, env, io, signal);
  } catch (error) {
    return reportError(error, io, json);
  }
}

async function run(
  table: OperationTable,
  command: string,
  rest: string[],
  env: NodeJS.ProcessEnv,
  io: Io,
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      ...COMMON_OPTIONS,
      ...LOGIN_OPTIONS,
      ...CREATE_OPTIONS,
      seconds: { type: 'string' },
      name: { type: 'string' },
      status: { type: 'string' },
      raw: { type: 'boolean', default: false },
      wait: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const common = values as CommonValues;
  // Everything the command line alone decides is checked before any network call (exit 2, nothing sent).
  if (command !== 'login' && !operationCommands(table).has(command)) throw new UsageError(`unknown command "${command}" (qod --help)`);
  const named = command === 'login' ? undefined : operationFor(table, command, positionals);
  if (command !== 'login' && !named) throw new UsageError(`qod ${command} ${actionsOf(table, command).join('|')}`);
  const id = named?.id;
  if (named?.spec.needsId && !id)
    throw new UsageError(`qod ${named.spec.command} needs ${named.spec.resource === 'assignment' ? 'an assignment' : 'a session'} id`);
  const environment = environmentFrom(common, env);
  for (const where of credentialsOnCommandLine(values, rest)) {
    io.err(
      `warning: ${where} carries a credential, and command-line arguments are visible to other users ` +
        '(process list, shell history): pass the body with --body @file or --body - (stdin)',
    );
  }
  if (values.body !== undefined) values.body = await readBodyArgument(values.body, io.readStdin ?? readStdin);
  // The whole request, checked before signing in: every invalid field at once (exit 2), and nothing sent.
  const request = named && commandInput(named.spec, id, values, environment);
  const signsIn = command === 'login' || !env.QOD_ACCESS_TOKEN;
  checkInput(
    request,
    signsIn && (values.ciba || values.code) ? hintProblems(values.hint, flowOf(values).needsLoginHint && !environment.loginHint) : [],
  );
  // Tokens in memory for this one command; --verbose logs every (redacted) exchange to stderr; the sign-in is the
  // command's own (never 2-legged by itself), or the token handed over in QOD_ACCESS_TOKEN (not for `login`).
  const runtime = createRuntime(
    environment,
    {
      secrets: new MemorySecretStore(),
      credentials: () => credentialsFor(environment, env),
      log: common.verbose ? (e) => io.err(formatExchange(e, true)) : undefined,
    },
    { transport: transportOptionsFrom(common, env), handedOverToken: command === 'login' ? undefined : env.QOD_ACCESS_TOKEN },
  );
  const { auth, client, router } = runtime;
  if (values.raw && !common.json)
    throw new UsageError("--raw goes with --json: it prints the provider's own answer instead of the normalised view");
  const print = (human: string, json: unknown) => io.out(common.json ? JSON.stringify(json, null, 2) : human);
  /** With --json --raw: the provider's answer as recorded (so redacted), else the normalised view. */
  const printResult = (human: string, view: unknown, result: QodResult<unknown>) =>
    print(human, values.raw ? providerAnswer(result) : view);
  try {
    // Through an aggregator each operator signs in by itself (2-legged) when a request is first routed to it.
    if (router && (command === 'login' || values.ciba || values.code)) {
      throw new UsageError(
        '--env aggregator: each operator signs in by itself with client credentials when a request is routed to it; ' +
          'login, --ciba and --code need one operator (--env sandbox --url <its issuer>)',
      );
    }
    if (command === 'login') {
      const tokens = await signIn(auth, environment, values, io, signal);
      if (values['print-token']) io.out(tokens.accessToken);
      else
        print(describeTokens(tokens.accessToken, tokens.flow, tokens.expiresAt), {
          flow: tokens.flow,
          expiresAt: tokens.expiresAt,
          scope: tokens.scope,
          claims: decodeToken(tokens.accessToken)?.claims,
        });
      return 0;
    }
    if (env.QOD_ACCESS_TOKEN || router) {
      await runtime.ready;
    } else {
      await signIn(auth, environment, values, io, signal);
    }
    if (!named) return 0; // (login answered above)
    const { spec } = named;
    // `qod profiles --name X` alone reads that one profile.
    const oneProfile = spec === OPERATION_TABLE.listProfiles && !values.status ? values.name : undefined;
    const profile = oneProfile === undefined ? undefined : await client.getProfile(oneProfile, signal);
    let result: QodResult<unknown> = profile ?? (await client.run(spec, { id, body: request?.body }, signal));
    const answer = profile ? { kind: 'profiles' as const, value: [profile.value] } : answerOf(spec, result.value);
    switch (answer.kind) {
      case 'none':
        if (spec.endsSession) printResult(`deleted ${id}`, { deleted: id }, result);
        else printResult(`${spec.title}: done`, { done: spec.name }, result);
        return 0;
      case 'profiles':
        printResult(
          answer.value.map((p) => `${p.name.padEnd(14)} ${p.status.padEnd(9)} ${p.description ?? ''}`).join('\n'),
          answer.value,
          result,
        );
        return 0;
      case 'assignment':
        printResult(describeAssignment(answer.value), answer.value, result);
        return 0;
      case 'revoke':
        // 204: revoked at once; 202: the network is revoking it (DELETE_REQUESTED), a notification follows.
        if (answer.value) printResult(`revoking ${id}\n${describeAssignment(answer.value)}`, answer.value, result);
        else printResult(`revoked ${id}`, { revoked: id }, result);
        return 0;
      case 'sessions':
        printResult(answer.value.map(describeSession).join('\n\n') || 'no sessions', answer.value, result);
        return 0;
      case 'session': {
        // --wait: until the network has set the session up (or refused it), so the next command can extend it.
        const settled =
          values.wait && spec === OPERATION_TABLE.createSession ? await waitUntilSettled(client, answer.value.id, io, signal) : undefined;
        if (settled) result = settled;
        const view = settled?.value ?? answer.value;
        printResult(describeSession(view), view, result);
        return 0;
      }
    }
  } finally {
    await closeRuntime(runtime);
  }
}

/** The sign-in flow the flags ask for (client credentials unless --ciba or --code). */
function flowOf(values: { ciba?: boolean; code?: boolean }) {
  return SIGN_IN_FLOWS[values.ciba ? 'ciba' : values.code ? 'authorization_code' : 'client_credentials'];
}

/** The CLI's adapter of the core's sign-in flows: the browser is the user's (the URL is printed), progress goes to stderr. */
async function signIn(
  auth: Authenticator,
  environment: Environment,
  values: { ciba?: boolean; code?: boolean; hint?: string },
  io: Io,
  signal?: AbortSignal,
) {
  const flow = flowOf(values);
  // A CIBA sign-in without a hint was refused with the other input problems (check-input.ts).
  const loginHint = values.hint ?? (flow.needsLoginHint ? environment.loginHint : undefined);
  const ui: SignInUi = {
    openBrowser: async (url) => {
      io.err(`Open this URL in a browser to sign in:\n  ${url}`);
      return true;
    },
    redirect: () => startLoopbackRedirect(),
    report: (step, detail) => io.err(`  ${step}${detail ? `: ${detail}` : ''}`),
  };
  return flow.run(auth, { loginHint }, ui, signal ?? new AbortController().signal);
}

function describeTokens(accessToken: string, flow: string, expiresAt?: number): string {
  const decoded = decodeToken(accessToken);
  const subject = decoded?.claims.sub ? ` for ${String(decoded.claims.sub)}` : '';
  const expiry = expiresAt ? `, expires ${new Date(expiresAt).toISOString()}` : '';
  return `signed in with ${flow}${subject}${expiry}\n(the token is kept in memory only; use --print-token to pass it to later commands)`;
}

function describeAssignment(a: AssignmentView): string {
  return [
    `assignment ${a.id}`,
    `status     ${a.status}${a.statusInfo ? ` (${a.statusInfo})` : ''}`,
    `profile    ${a.qosProfile}`,
    ...(a.device ? [`device     ${a.device}`] : []),
    ...(a.startedAt ? [`started    ${a.startedAt}`] : []),
  ].join('\n');
}

function describeSession(s: SessionView): string {
  return [
    `session   ${s.id}`,
    `status    ${s.status}${s.statusInfo ? ` (${s.statusInfo})` : ''}`,
    `profile   ${s.qosProfile}, ${s.durationSeconds} s`,
    ...(s.device ? [`device    ${s.device}`] : []),
    ...(s.startedAt ? [`started   ${s.startedAt}`] : []),
    ...(s.expiresAt ? [`expires   ${s.expiresAt}`] : []),
  ].join('\n');
}

function reportError(error: unknown, io: Io, json: boolean): number {
  const p = toProblem(error);
  let payload: Record<string, unknown>;
  switch (p.kind) {
    case 'cancelled':
      return p.exitCode;
    case 'api': {
      payload = {
        status: p.status,
        code: p.code,
        message: p.providerMessage,
        explanation: p.explanation,
        fix: p.fix,
        correlator: p.correlator,
        retryAfterSeconds: p.retryAfterSeconds,
      };
      // Each text once when they repeat each other (the JSON payload above keeps all three for programs).
      const more = p.followUps.map((f) => `\n  ${f.label === 'fix' ? 'fix: ' : ''}${f.text}`).join('');
      io.err(`error: ${p.title}: ${p.providerMessage}${more}${p.correlator ? `\n  x-correlator: ${p.correlator}` : ''}`);
      break;
    }
    case 'wrong-shape':
      payload = { status: p.status, code: p.code, expected: p.expected, issues: p.issues.map((i) => i.message) };
      io.err(
        `error: ${p.title}:\n${p.issues
          .slice(0, 10)
          .map((i) => `  ${i.message}`)
          .join('\n')}\n  (nothing was taken from this answer; see --verbose for the exchange)`,
      );
      break;
    case 'invalid-input':
      payload = { code: p.code, issues: p.issues.map((i) => i.message) };
      io.err(`error: the request was not sent:\n${p.issues.map((i) => `  ${i.message}`).join('\n')}`);
      break;
    case 'usage':
      payload = { code: p.code, message: p.message };
      io.err(`error: ${p.message}\n(qod --help)`);
      break;
    case 'sign-in':
      payload = { code: p.code, message: p.message };
      io.err(`sign-in failed: ${p.message}`);
      break;
    case 'network':
      payload = { code: p.code, message: p.message };
      io.err(`network error: ${p.message}`);
      break;
    default:
      payload = { code: p.code, message: p.message };
      io.err(`error: ${p.message}`);
  }
  if (json) io.out(JSON.stringify({ error: payload }, null, 2));
  return p.exitCode;
}

/** What the operation would send, built from the flags, with the flags' own problems (see check-input.ts). */
function commandInput(
  operation: TableEntry,
  id: string | undefined,
  values: CreateValues & { seconds?: string; name?: string; status?: string },
  environment: Environment,
): CommandInput {
  const { flavour } = environment;
  const base = { operation, flavour, id, allowLoopbackHttpSink: environment.preset === 'sandbox' };
  switch (operation.name) {
    case 'createSession':
      return { ...base, ...buildCreateBody(flavour, values) };
    case 'extendSession': {
      const seconds = Number(values.seconds);
      const ok = Number.isInteger(seconds) && seconds >= 1;
      return {
        ...base,
        body: { requestedAdditionalDuration: ok ? seconds : undefined },
        flagIssues: ok ? [] : [flagIssue('--seconds', 'must be a whole number ≥ 1', values.seconds)],
      };
    }
    case 'retrieveSessions':
    case 'retrieveAssignment': {
      const device = listDevice(flavour, values);
      return { ...base, body: device === undefined ? {} : { device } };
    }
    case 'createAssignment':
      if (values.body) return { ...base, body: bodyFlag(values.body) };
      return {
        ...base,
        body: createAssignmentBody(flavour, {
          device: deviceFrom(values),
          qosProfile: values.profile ?? '',
          sink: values.sink ? { url: values.sink } : undefined,
        }),
      };
    case 'listProfiles':
      return {
        ...base,
        body: Object.fromEntries(Object.entries({ name: values.name, status: values.status }).filter(([, v]) => v !== undefined)),
      };
    default:
      // An operation without flags of its own takes its whole body as JSON (--body), if it has a body at all.
      return { ...base, body: values.body === undefined || !operation.requestKind ? undefined : bodyFlag(values.body) };
  }
}

/** The device of `qod session list --phone …` in the flavour's shape; none means the token's own device. */
function listDevice(flavour: Flavour, values: Parameters<typeof deviceFrom>[0]): unknown {
  const device = deviceFrom(values);
  return device && createSessionBody(flavour, { device, applicationServer: '192.0.2.1', qosProfile: 'x' }).device;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `qod` with the process's arguments and sets its exit code. */
export function start(): void {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  main(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) }, abort.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) start();

/** The provider's answer as recorded (redacted like every recorded body): JSON when it is, else its text; none for 204. */
function providerAnswer(result: QodResult<unknown>): unknown {
  const text = result.exchange?.responseBody ?? '';
  return text ? safeJson(text) : null;
}

/** Reads the session once a second until it is no longer REQUESTED; at most 60 s. */
async function waitUntilSettled(client: QodClient, id: string, io: Io, signal?: AbortSignal): Promise<QodResult<SessionView> | undefined> {
  const read = (s?: AbortSignal) => client.run('getSession', { id }, s);
  const outcome = await settle({ read, delaysMs: Array<number>(60).fill(1000), signal });
  if (outcome.kind === 'settled') return outcome.result;
  io.err(`warning: session ${id} is still REQUESTED after 60 s`);
  return undefined;
}
