// `qod run <files or folders>`: runs request files (*.http) with the core's runner, signed in as each file's
// `# @qod sign-in` line says (or with the login flags, or the token in QOD_ACCESS_TOKEN), and reports for CI.
// Exit codes: 0 every request passed, 1 one failed, 2 usage or a file that does not parse (nothing sent).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MemorySecretStore } from '../core/auth/secret-store';
import type { TokenSet } from '../core/auth/token-set';
import type { Authenticator } from '../core/auth/authenticator';
import type { Environment } from '../core/environments';
import { formatExchange } from '../core/http/log-format';
import type { OperationTable } from '../core/operations';
import { findEnvironmentFile, type FoundEnvironment } from '../core/request-files/environment-file';
import type { RequestFile, Variable } from '../core/request-files/model';
import { parseRequestFile } from '../core/request-files/parse';
import { secretsInFile } from '../core/request-files/secrets';
import { REPORTERS, text, type ReporterName } from '../core/request-files/report';
import type { FileResult } from '../core/request-files/results';
import { runRequestFile } from '../core/request-files/run';
import { closeRuntime, createRuntime } from '../core/runtime';
import { COMMON_OPTIONS, environmentFrom, transportOptionsFrom, UsageError, type CommonValues } from './options';
import { credentialsFor } from './secrets';

type Io = { out: (line: string) => void; err: (line: string) => void };
/** The CLI's sign-in adapter (qod.ts), handed in so this file does not import the command line's main. */
export type CliSignIn = (
  auth: Authenticator,
  environment: Environment,
  values: { ciba?: boolean; code?: boolean; hint?: string },
  io: Io,
  signal?: AbortSignal,
) => Promise<TokenSet>;

/** A folder is searched this deep, for at most this many files: a wrong folder (/, a home) ends soon, with words. */
const MAX_DEPTH = 8;
const MAX_FILES = 500;

export async function runCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  io: Io,
  signal: AbortSignal | undefined,
  table: OperationTable,
  signIn: CliSignIn,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...COMMON_OPTIONS,
      reporter: { type: 'string', default: 'text' },
      out: { type: 'string' },
      ciba: { type: 'boolean', default: false },
      code: { type: 'boolean', default: false },
      'client-credentials': { type: 'boolean', default: false },
      hint: { type: 'string' },
      variables: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const reporter = values.reporter as string;
  if (!Object.hasOwn(REPORTERS, reporter)) throw new UsageError(`--reporter must be text, junit, tap or json (got ${reporter})`);
  if (positionals.length === 0) throw new UsageError('qod run <files or folders>: name at least one request file (*.http)');
  const environment = environmentFrom(values as CommonValues, env);
  const transport = transportOptionsFrom(values as CommonValues, env);
  const paths = positionals.flatMap((p) => filesOf(p));
  if (paths.length === 0) throw new UsageError(`no request files (*.http) in ${positionals.join(', ')}`);

  // Every file is read before anything is sent: one that does not parse stops the run (exit 2).
  const files: Array<{ path: string; file: RequestFile; variables: Variable[] }> = [];
  let problems = 0;
  for (const path of paths) {
    const found = await variablesFor(path, values.variables);
    for (const note of found.notes) io.err(`note: ${note}`);
    for (const problem of found.problems) io.err(problem);
    problems += found.problems.length;
    const text = readFileSync(path, 'utf8');
    const file = parseRequestFile(text);
    for (const problem of file.problems) io.err(`${path}:${problem.line}: ${problem.message}`);
    // A file goes into git: a literal credential in it is refused, named by its line (never echoed).
    const secrets = secretsInFile(text);
    for (const s of secrets) io.err(`${path}:${s.line}: ${s.what}: a literal credential; use {{$qod.accessToken}} or the sign-in line`);
    problems += file.problems.length + secrets.length;
    files.push({ path, file, variables: found.variables });
  }
  if (problems) {
    io.err(`error: ${problems} problem(s) in the request files: nothing was sent`);
    return 2;
  }

  const results: FileResult[] = [];
  for (const { path, file, variables } of files) {
    if (signal?.aborted) break;
    // One runtime per file (and per operator it routes to): each file signs in its own way, tokens in memory only.
    const runtime = createRuntime(
      environment,
      {
        secrets: new MemorySecretStore(),
        credentials: () => credentialsFor(environment, env),
        log: values.verbose ? (e) => io.err(formatExchange(e, true)) : undefined,
      },
      { transport, handedOverToken: env.QOD_ACCESS_TOKEN },
    );
    try {
      results.push(
        await runRequestFile(file, path, {
          runtime,
          signal,
          variables,
          signIn: async (line, s, target) => {
            // A token handed over stands for any sign-in, as for the other commands.
            if (env.QOD_ACCESS_TOKEN && target === runtime) return runtime.ready;
            const how = line
              ? { ciba: line.flow === 'ciba', code: line.flow === 'authorization_code', hint: line.loginHint ?? values.hint }
              : { ciba: values.ciba, code: values.code, hint: values.hint };
            await signIn(target.auth, target.environment, how, io, s);
          },
        }),
      );
    } finally {
      await closeRuntime(runtime);
    }
  }
  const report = REPORTERS[reporter as ReporterName](results);
  if (values.out) {
    writeFileSync(values.out, report);
    io.out(text(results).trimEnd());
  } else io.out(report.trimEnd());
  return results.every((r) => r.ok) && results.length === files.length ? 0 : 1;
}

/**
 * The variables of the `http-client.env.json` nearest the file, found by the core's one search (environment-file.ts):
 * its folder, or a folder above it up to the working directory (a file outside it looks in its own folder only).
 */
async function variablesFor(path: string, name: string | undefined): Promise<FoundEnvironment> {
  const read = async (candidate: string) => (existsSync(candidate) ? readFileSync(candidate, 'utf8') : undefined);
  const found = await findEnvironmentFile(dirname(resolve(path)), process.cwd(), name, read, { dirname, join, relative, isAbsolute });
  return { ...found, problems: found.problems.map((p) => `${path}: ${p}`) };
}

/** A file as given, or the *.http files under a folder (sorted, hidden folders and node_modules left out). */
function filesOf(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or folder`);
  }
  if (!stat.isDirectory()) return [path];
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < MAX_DEPTH) walk(full, depth + 1);
      } else if (entry.isFile() && entry.name.endsWith('.http')) {
        if (found.length >= MAX_FILES) throw new UsageError(`${path} holds more than ${MAX_FILES} request files: name fewer`);
        found.push(full);
      }
    }
  };
  walk(path, 0);
  return found;
}
