// The request-file runner: one file's requests in order, each through the core's operation table and
// QodClient.run (so validation, redaction and retries are the core's, as in the playground, the CLI and the agent
// tools), its placeholders resolved, its assertions checked. The CLI (`qod run`), the Testing view and the editor
// all run files here. The access token is never resolved into text: the client sends its own Authorization
// header, so `{{$qod.accessToken}}` only says where it goes.
import { QodError, QodResponseError, QodValidationError } from '../camara/qod-client';
import { apiUrls } from '../environments';
import type { ApiBases } from '../camara/flavour';
import { CancelledError, sleep as realSleep } from '../errors';
import { safeJson } from '../http/safe-json';
import { OPERATION_TABLE, operationForRequest, type OperationInput, type OperationTable, type TableEntry } from '../operations';
import { toProblem } from '../problem';
import type { Runtime } from '../runtime';
import type { OperatorRouter, Routed } from '../routing/operator-router';
import { hintOfDevice } from '../routing/route-target';
import { sandboxNetworkTarget } from '../sandbox-network-target';
import { setNetworkScript } from '../sandbox-network';
import { adviseForRequest, type Advised } from './advised-profile';
import type { Assertion, FileRequest, Line, RequestFile, SignInLine, Variable } from './model';
import type { AssertionResult, FileResult, RequestResult } from './results';
import { check, valueAt, type Sent } from './assertions';
import { ENVIRONMENT_FILE } from './environment-file';
import { jsonErrorPosition } from './json-position';
import { isWholePath, noOperationWords } from './route-words';

export interface RunOptions {
  runtime: Runtime;
  /**
   * Signs `target` in as the file's `# @qod sign-in` line says (or as the face decides when it has none): the file's
   * runtime, or the runtime of an operator a `# @qod route` line reached through the aggregator.
   */
  signIn(line: SignInLine | undefined, signal: AbortSignal | undefined, target: Runtime): Promise<void>;
  signal?: AbortSignal;
  /** The wait between the tries of an `eventually` request (a test's fake). */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  onResult?(result: RequestResult): void;
  /** Runs only this request (0-based index into file.requests). */
  only?: number;
  table?: OperationTable;
  /** The answers of named requests: pass the same map to later runs (the editor's "Send") to read earlier answers. */
  answers?: Map<string, NamedAnswer>;
  /** The chosen variable environment's values (environment-file.ts); the file's own `@name =` lines override them. */
  variables?: Variable[];
}

/** What a later request may read of a named request. */
export interface NamedAnswer {
  ok: boolean;
  /** Why it has nothing to read: skipped, or failed before an answer. */
  failure?: string;
  status?: number;
  body?: unknown;
  headers: Record<string, string>;
}

/** A problem with the request itself, at a line: it is not sent. */
class RequestProblem extends Error {
  constructor(
    message: string,
    readonly line: Line,
  ) {
    super(message);
  }
}

/** The request reads the answer of a request that failed or was skipped: it is skipped. */
class Skip extends Error {}

const TRY_EVERY_MS = 1000;
const MAX_NESTING = 20;

export async function runRequestFile(file: RequestFile, path: string, options: RunOptions): Promise<FileResult> {
  const started = performance.now();
  const { runtime, signal } = options;
  const table = options.table ?? OPERATION_TABLE;
  const answers = options.answers ?? new Map<string, NamedAnswer>();
  const results: RequestResult[] = [];
  const scope = new Map<string, Variable>();
  for (const variable of [...(options.variables ?? []), ...file.variables]) scope.set(variable.name, variable);
  /** The parsed answers, for later requests' placeholders (not part of the reported result). */
  const bodies = new WeakMap<RequestResult, unknown>();
  const signedIn = new Set<Runtime>();
  const places = new Map<Runtime, Place>();
  const placeOf = (target: Runtime) => {
    let place = places.get(target);
    if (!place)
      places.set(target, (place = { runtime: target, bases: apiUrls(target.environment), operations: new Map(), resolved: new Map() }));
    return place;
  };
  const forget = () => places.forEach((place) => place.resolved.clear());
  let stop: string | undefined;

  for (const [index, request] of file.requests.entries()) {
    // A request's variables hold from it on, whether or not it runs.
    for (const variable of request.variables) scope.set(variable.name, variable);
    if (request.variables.length) forget();
    if (options.only !== undefined && index !== options.only) continue;
    const label = labelOf(request);
    const base = { request, label, durationMs: 0, assertions: [] as AssertionResult[] };
    let result: RequestResult;
    if (stop || signal?.aborted) {
      result = { ...base, ok: false, skipped: stop ?? 'the run was cancelled' };
    } else {
      try {
        const shared = { table, answers, scope, options, file, ...placeOf(runtime) };
        const reached = request.route ? await routed(request.route, shared) : undefined;
        const target = reached?.runtime ?? unrouted(request, shared);
        if (!signedIn.has(target)) {
          await options.signIn(file.signIn, signal, target);
          signedIn.add(target);
        }
        if (request.network) await scriptNetwork(request.network, { ...shared, ...placeOf(target) });
        const ran = await runOne(request, label, { ...shared, ...placeOf(target), ...(reached ? { reached } : {}) });
        result = ran.result;
        bodies.set(result, ran.body);
      } catch (error) {
        if (error instanceof Skip) result = { ...base, ok: false, skipped: error.message };
        else if (error instanceof RequestProblem) result = { ...base, ok: false, error: { message: error.message, line: error.line } };
        else {
          // Sign-in failed, or the run was cancelled: the rest cannot run either.
          const problem = toProblem(error);
          stop = error instanceof CancelledError ? 'the run was cancelled' : `not run: ${problem.message}`;
          result = { ...base, ok: false, error: { message: problem.message, line: file.signIn?.line ?? request.line } };
        }
      }
    }
    if (request.name) {
      answers.set(request.name, answerOf(result, bodies.get(result)));
      forget();
    }
    results.push(result);
    options.onResult?.(result);
  }
  return { file: path, ok: results.every((r) => r.ok), requests: results, durationMs: performance.now() - started };
}

/** Where a request goes: the file's runtime, or an operator's reached through the aggregator; with its own caches. */
interface Place {
  runtime: Runtime;
  /** The environment's API bases, worked out once per run. */
  bases: ApiBases;
  /** The operation each `METHOD URL` of this run names, found once (a file often repeats a request). */
  operations: Map<string, Named>;
  /** Texts already resolved, until a variable or a named answer changes what they resolve to. */
  resolved: Map<string, string>;
}

interface Context extends Place {
  table: OperationTable;
  answers: Map<string, NamedAnswer>;
  scope: Map<string, Variable>;
  options: RunOptions;
  file: RequestFile;
  /** `{{$qod.advisedProfile}}`'s advice for this request, worked out before its texts are resolved. */
  advised?: Advised;
  /** The operator a `# @qod route` line reached, and the aggregator's router that reached it. */
  reached?: Routed<Runtime> & { router: OperatorRouter<Runtime> };
}

/** `# @qod network`: the sandbox serving the device (this runtime's, or the operator it routes to) scripts its network. */
async function scriptNetwork(network: NonNullable<FileRequest['network']>, context: Context): Promise<void> {
  const device = resolveText(network.device, network.line, context);
  const script = resolveText(network.script, network.line, context);
  try {
    await setNetworkScript(
      await sandboxNetworkTarget(context.runtime, device, context.options.signal),
      device,
      script,
      context.options.signal,
    );
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    throw new RequestProblem(`# @qod network: ${toProblem(error).message}`, network.line);
  }
}

/**
 * A routed request whose body names a device another operator serves would reach the wrong operator: said at the
 * route line, nothing sent. (A body device no operator serves is left to the operator's own answer.)
 */
async function sameOperator(
  reached: NonNullable<Context['reached']>,
  body: unknown,
  request: FileRequest,
  signal: AbortSignal | undefined,
): Promise<void> {
  const hint = hintOfDevice((body as { device?: unknown } | undefined)?.device);
  if (!hint) return;
  const serving = await reached.router.route(hint, signal).catch((error: unknown) => {
    if (error instanceof CancelledError) throw error;
    return undefined;
  });
  if (serving && serving.route.operatorId !== reached.route.operatorId) {
    throw new RequestProblem(
      `# @qod route sends this request to ${reached.route.operatorName}, but the body's device ${hint} is ` +
        `${serving.route.operatorName}'s: route by the device the request is about`,
      request.route?.line ?? request.line,
    );
  }
}

/** A request without a route line goes to the environment itself; through an aggregator, there is no such place. */
function unrouted(request: FileRequest, context: Context): Runtime {
  if (context.runtime.router) {
    throw new RequestProblem(
      `${context.runtime.environment.label} is an aggregator: say which operator gets this request with # @qod route <device> ` +
        '(the routing step finds the operator serving it)',
      request.line,
    );
  }
  return context.runtime;
}

/** The runtime of the operator serving the `# @qod route` line's device (placeholders resolved in the file's place). */
async function routed(
  route: NonNullable<FileRequest['route']>,
  context: Context,
): Promise<Routed<Runtime> & { router: OperatorRouter<Runtime> }> {
  const { signal } = context.options;
  // An aggregator's runtime routes: `# @qod route` lines send requests to the operator serving a device.
  const router = context.runtime.router;
  if (!router) {
    throw new RequestProblem(
      `# @qod route: ${context.runtime.environment.label} is one operator; ` +
        'routing needs an aggregator environment (one with a Telco Finder)',
      route.line,
    );
  }
  const hint = resolveText(route.hint, route.line, context);
  try {
    return { ...(await router.route(hint, signal)), router };
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    throw new RequestProblem(toProblem(error).message, route.line);
  }
}

type Named = { spec: TableEntry; id?: string; query?: Record<string, string> };

/** The request's name, title or `METHOD path`. */
function labelOf(request: FileRequest): string {
  if (request.name ?? request.title) return (request.name ?? request.title) as string;
  // `{{$qod.sessions}}/sessions/…` is shown from its path.
  const end = request.url.startsWith('{{') ? request.url.indexOf('}}') : -1;
  return `${request.method} ${end < 0 ? request.url : request.url.slice(end + 2)}`;
}

function answerOf(result: RequestResult, body: unknown): NamedAnswer {
  const headers = result.exchange?.responseHeaders ?? {};
  if (result.skipped) return { ok: false, failure: `it was skipped (${result.skipped})`, headers };
  if (!result.ok) return { ok: false, failure: `it failed (line ${result.error?.line ?? result.request.line})`, headers };
  return { ok: true, status: result.status, body, headers };
}

async function runOne(request: FileRequest, label: string, context: Context): Promise<{ result: RequestResult; body: unknown }> {
  const { options } = context;
  const started = performance.now();
  if (mentionsAdvice(request)) {
    // The device the advice is for: the one the request is routed by, else the one the file signs in as.
    const device = request.route ? resolveText(request.route.hint, request.route.line, context) : context.file.signIn?.loginHint;
    context.advised = await adviseForRequest(request.needs ?? context.file.needs, device, context.runtime, options.signal);
  }
  const url = resolveText(request.url, request.line, context);
  for (const header of request.headers) {
    resolveText(header.value, header.line, context, header.name.toLowerCase() === 'authorization' ? 'authorization' : 'text');
  }
  const { spec, id, query } = operationOf(request, url, context);
  let body: unknown;
  if (request.body !== undefined && request.bodyLine !== undefined) {
    const text = resolveText(request.body, request.bodyLine, context);
    try {
      body = JSON.parse(text);
    } catch {
      // V8's message quotes the body, which now holds environment values: the position only.
      throw new RequestProblem(`The body is not valid JSON at ${jsonErrorPosition(text)} of the body`, request.bodyLine);
    }
  }
  if (query) body = { ...query, ...(body as object | undefined) };
  if (context.reached) await sameOperator(context.reached, body, request, options.signal);
  // Each assertion's expected value, resolved once (by the assertion's index).
  // Plain loops on this hot path (bench:run): no closure per request.
  const expected: Array<string | undefined> = [];
  const eventually: number[] = [];
  for (let i = 0; i < request.assertions.length; i++) {
    const a = request.assertions[i] as Assertion;
    expected.push(a.expected === undefined ? undefined : resolveText(a.expected, a.line, context));
    if (a.eventually) eventually.push(i);
  }
  if (eventually.length && spec.changesNetwork) {
    throw new RequestProblem(
      `${spec.name} changes the network: it is not sent again, so it cannot wait with # @qod eventually ` +
        '(wait on a read such as getSession)',
      (request.assertions[eventually[0] as number] as Assertion).line,
    );
  }

  const input = { id, body };
  let answer = await sendOnce(spec, input, context);
  if (eventually.length) {
    // Sent again every second until every eventually-assertion holds, bounded by the longest `within`.
    const withinMs = Math.max(...eventually.map((i) => request.assertions[i]?.eventually?.withinMs ?? 0));
    const tries = Math.max(1, Math.ceil(withinMs / TRY_EVERY_MS));
    const startedAt = performance.now();
    const sleep = options.sleep ?? realSleep;
    const holding = () => eventually.every((i) => check(request.assertions[i] as Assertion, expected[i], answer).ok);
    for (let tried = 1; tried <= tries && !holding(); tried++) {
      if (performance.now() - startedAt >= withinMs) break;
      await sleep(TRY_EVERY_MS, options.signal);
      answer = await sendOnce(spec, input, context);
    }
  }
  if (answer.cancelled) throw new CancelledError();
  const assertions: AssertionResult[] = [];
  let held = true;
  for (let i = 0; i < request.assertions.length; i++) {
    const checked = check(request.assertions[i] as Assertion, expected[i], answer);
    held &&= checked.ok;
    assertions.push(checked);
  }
  const answered = answer.status !== undefined;
  const ok = assertions.length ? held && answered : answered && answer.status! < 300 && !answer.error;
  // Not sent because of the body (its field messages): said at the body's line.
  const errorLine = answer.notSent && request.bodyLine !== undefined ? request.bodyLine : request.line;
  const result: RequestResult = {
    request,
    label,
    ok,
    operation: spec.name,
    ...(answer.status === undefined ? {} : { status: answer.status }),
    // The whole request, its tries included (`?? duration` reads the last answer's own time).
    durationMs: performance.now() - started,
    assertions,
    ...(answer.error && (!ok || !assertions.length) ? { error: { message: answer.error, line: errorLine } } : {}),
    ...(answer.exchange ? { exchange: answer.exchange } : {}),
  };
  return { result, body: answer.body };
}

async function sendOnce(spec: TableEntry, input: OperationInput, context: Context): Promise<Sent> {
  const started = performance.now();
  try {
    const result = await context.runtime.client.run(spec, input, context.options.signal);
    return {
      status: result.status,
      body: result.raw,
      headers: result.exchange?.responseHeaders ?? {},
      durationMs: Math.round(performance.now() - started),
      exchange: result.exchange,
    };
  } catch (error) {
    return failed(error, Math.round(performance.now() - started));
  }
}

/** What a failed call still tells: an error answer's status and body, or why there was none. */
function failed(error: unknown, durationMs: number): Sent {
  if (error instanceof CancelledError) return { headers: {}, durationMs, cancelled: true };
  const message = toProblem(error).message;
  if (error instanceof QodError || error instanceof QodResponseError) {
    const text = error.exchange?.responseBody;
    return {
      status: error.status,
      body: text ? safeJson(text) : undefined,
      headers: error.exchange?.responseHeaders ?? {},
      durationMs,
      exchange: error.exchange,
      error: message,
    };
  }
  // Not sent (invalid input: the field messages), or no answer (network, sign-in).
  return { headers: {}, durationMs, error: message, ...(error instanceof QodValidationError ? { notSent: true } : {}) };
}

/** The operation a request names, checked against the environment's bases. */
function operationOf(request: FileRequest, url: string, context: Context): Named {
  const key = `${request.method} ${url}`;
  const known = context.operations.get(key);
  if (known) return known;
  const named = findOperation(request, url, context);
  if (context.operations.size < 1000) context.operations.set(key, named);
  return named;
}

function findOperation(request: FileRequest, url: string, { table, runtime, bases }: Context): Named {
  const { flavour } = runtime.environment;
  const [path = '', queryText] = url.split(/\?(.*)/s, 2);
  const trimmed = path.replace(/\/+$/, '');
  const base = [bases.sessions, bases.profiles, bases.provisioning].find((b) => b !== undefined && trimmed.startsWith(`${b}/`));
  if (!base) {
    throw new RequestProblem(
      `${url.slice(0, 200)} is not under this environment's sessions base (${bases.sessions})` +
        `${bases.profiles ? `, profiles base (${bases.profiles})` : ''}` +
        `${bases.provisioning ? ` or provisioning base (${bases.provisioning})` : ''}: ` +
        `write {{$qod.sessions}}${bases.profiles ? ', {{$qod.profiles}}' : ''}${bases.provisioning ? ' or {{$qod.provisioning}}' : ''}`,
      request.line,
    );
  }
  const rest = trimmed.slice(base.length);
  const found = operationForRequest(table, request.method, rest, flavour);
  const route = found && found.flavour === flavour ? found.spec.http(flavour) : undefined;
  if (!found || !route || !isWholePath(route, rest) || bases[route.base] !== base) {
    throw new RequestProblem(noOperationWords(table, flavour, request.method, rest), request.line);
  }
  let query: Record<string, string> | undefined;
  if (queryText) {
    if (!route.query) throw new RequestProblem(`${found.spec.name} takes no query (?${queryText.slice(0, 100)})`, request.line);
    query = Object.fromEntries(new URLSearchParams(queryText));
  }
  return { spec: found.spec, ...(found.id === undefined ? {} : { id: found.id }), ...(query ? { query } : {}) };
}

type Where = 'text' | 'authorization';

/** `{{…}}` placeholders replaced: variables (which may hold placeholders), earlier answers, `{{$qod.…}}`. */
function resolveText(text: string, line: Line, context: Context, where: Where = 'text', depth = 0, seen: readonly string[] = []): string {
  if (!text.includes('{{')) return text;
  // A file repeats its texts (the base and the id in every URL): each is resolved once, while nothing it reads changes.
  const key = depth === 0 ? `${where}\n${text}` : undefined;
  const known = key === undefined ? undefined : context.resolved.get(key);
  if (known !== undefined) return known;
  const value = replacePlaceholders(text, line, context, where, depth, seen);
  if (key !== undefined && context.resolved.size < 1000) context.resolved.set(key, value);
  return value;
}

function replacePlaceholders(text: string, line: Line, context: Context, where: Where, depth: number, seen: readonly string[]): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => {
    const value = placeholder(name, line, context, where, depth, seen);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

function placeholder(name: string, line: Line, context: Context, where: Where, depth: number, seen: readonly string[]): unknown {
  const { environment } = context.runtime;
  if (name === '$qod.accessToken') {
    // The client sends the token itself: the placeholder only marks the header, and its value is never made text here.
    if (where !== 'authorization') {
      throw new RequestProblem('{{$qod.accessToken}} goes only in the Authorization header', line);
    }
    return '{{$qod.accessToken}}';
  }
  if (name === '$qod.sessions') return context.bases.sessions;
  if (name === '$qod.profiles') {
    const profiles = context.bases.profiles;
    if (!profiles)
      throw new RequestProblem(`QoS profiles are not part of QoD ${environment.flavour}: {{$qod.profiles}} has no value`, line);
    return profiles;
  }
  if (name === '$qod.provisioning') {
    const provisioning = context.bases.provisioning;
    if (!provisioning) {
      throw new RequestProblem(`QoS Provisioning is not part of QoD ${environment.flavour}: {{$qod.provisioning}} has no value`, line);
    }
    return provisioning;
  }
  if (name === '$qod.flavour') return environment.flavour;
  if (name === '$qod.advisedProfile') {
    const advised = context.advised;
    if (!advised) throw new RequestProblem('{{$qod.advisedProfile}}: no advice was asked for this request', line);
    if ('problem' in advised) throw new RequestProblem(advised.problem, advised.line ?? line);
    return advised.profile;
  }
  const variable = context.scope.get(name);
  if (variable) {
    if (seen.includes(name) || depth > MAX_NESTING)
      throw new RequestProblem(
        `The variable ${name} refers to itself (${variable.line ? `line ${variable.line}` : ENVIRONMENT_FILE})`,
        line,
      );
    return resolveText(variable.value, line, context, where, depth + 1, [...seen, name]);
  }
  const reference = /^([A-Za-z_][\w-]*)\.response\.(status|body|headers)(?:\.(.+))?$/s.exec(name);
  if (reference) {
    const [, request = '', part, path] = reference;
    const answer = context.answers.get(request);
    if (!answer) throw new RequestProblem(`Unknown placeholder {{${name}}}: no earlier request is named ${request}`, line);
    if (!answer.ok) throw new Skip(`it reads {{${name}}}, and ${request} has no answer to read: ${answer.failure ?? 'it failed'}`);
    const value =
      part === 'status'
        ? answer.status
        : part === 'headers'
          ? answer.headers[(path ?? '').toLowerCase()]
          : path === undefined
            ? answer.body
            : valueAt(answer.body, path);
    if (value === undefined) throw new RequestProblem(`{{${name}}}: the answer of ${request} has no such value`, line);
    return value;
  }
  throw new RequestProblem(`Unknown placeholder {{${name}}}`, line);
}

/** Whether the request reads `{{$qod.advisedProfile}}` (its URL, headers or body). */
function mentionsAdvice(request: FileRequest): boolean {
  const has = (text: string | undefined) => text !== undefined && /\{\{\s*\$qod\.advisedProfile\s*\}\}/.test(text);
  return has(request.url) || has(request.body) || request.headers.some((h) => has(h.value));
}
