// Runs a request file (or one of its requests) with the core's runner, on the active environment's runtime,
// signing in through VS Code's sign-in (the same progress notification and bounds as QoD: Sign In).
import * as vscode from 'vscode';
import type { SignInLine } from '../../core/request-files/model';
import type { FileResult, RequestResult } from '../../core/request-files/results';
import { runRequestFile, type NamedAnswer } from '../../core/request-files/run';
import type { EnvironmentRuntime, Services } from '../services';
import { runSignIn } from '../sign-in';
import { readEnvironmentVariables, readRequestFile } from './read-file';

export interface RunFileOptions {
  /** The request line (1-based) of the one request to run. */
  only?: number;
  signal?: AbortSignal;
  onResult?: (result: RequestResult) => void;
}

export type RunFile = (uri: vscode.Uri, options?: RunFileOptions) => Promise<FileResult>;

/**
 * Each file's named answers per window, kept between runs and shared by Send and the Testing view: a "Send" of one
 * request reads what an earlier "Send" of the request it names answered.
 */
const ANSWERS = new WeakMap<Services, Map<string, Map<string, NamedAnswer>>>();

export function fileRunner(s: Services): RunFile {
  const answers = ANSWERS.get(s) ?? new Map<string, Map<string, NamedAnswer>>();
  ANSWERS.set(s, answers);
  return async (uri, options = {}) => {
    const { file } = await readRequestFile(uri);
    const variables = await readEnvironmentVariables(uri);
    const environmentId = s.environments.activeId;
    const runtime = await s.runtime(environmentId);
    let only: number | undefined;
    if (options.only !== undefined) {
      only = file.requests.findIndex((r) => r.line === options.only);
      if (only < 0) throw new Error(vscode.l10n.t('No request on line {0} of {1}', options.only, vscode.workspace.asRelativePath(uri)));
    }
    const key = `${environmentId} ${uri.toString()}`;
    const kept = answers.get(key) ?? new Map<string, NamedAnswer>();
    answers.set(key, kept);
    return runRequestFile(file, vscode.workspace.asRelativePath(uri), {
      runtime,
      signIn: async (line, signal, target) => {
        if (!line || signedInAs(target, line)) return;
        if (target === runtime) return void (await runSignIn(s, environmentId, line.flow, { loginHint: line.loginHint }, { signal }));
        // An operator reached through the aggregator: its own sign-in, at its own issuer, with the file's flow.
        if (line.flow === 'authorization_code') {
          throw new Error(vscode.l10n.t('Through an aggregator, a file signs in with client_credentials or ciba (each operator in turn)'));
        }
        if (line.flow === 'client_credentials') await target.auth.signIn({ flow: 'client_credentials', signal });
        else await target.auth.signIn({ flow: 'ciba', loginHint: line.loginHint ?? target.environment.loginHint ?? '', signal });
      },
      signal: options.signal,
      onResult: options.onResult,
      only,
      answers: kept,
      variables,
    });
  };
}

/** Already signed in with that flow and a token that is still fresh: no second sign-in for every run. */
function signedInAs(runtime: EnvironmentRuntime, line: SignInLine): boolean {
  const expiresAt = runtime.auth.expiresAt;
  return runtime.auth.signedIn?.flow === line.flow && expiresAt !== undefined && expiresAt > Date.now() + 30_000;
}
