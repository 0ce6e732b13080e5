// Signing in from VS Code, for every face (the Sign In command, the playground): the core's flow strategies
// run through one UI adapter, in a cancellable progress notification with the 5-minute bound, honouring
// `qod.auth.redirectUri` (the paste-the-redirect path) and a browser that could not be opened.
import * as vscode from 'vscode';
import { flowsFor, SIGN_IN_FLOWS, type HostKind, type SignInFlow, type SignInInput, type SignInUi } from '../core/auth/flows';
import { pastedRedirect, startLoopbackRedirect } from '../core/auth/redirect';
import type { Flow, TokenSet } from '../core/auth/token-set';
import { INTERACTIVE_TIMEOUT_MS, withCancellableProgress } from './progress';
import { isSandbox } from './environments';
import type { EnvironmentRuntime, Services } from './services';

export interface SignInOptions {
  /** Each step, as it happens (the playground's trace). */
  onStep?: (step: string, detail?: string) => void;
  /** Cancels besides the notification's button. */
  signal?: AbortSignal;
}

/** Where this editor's UI runs, for the flow table. */
export function hostKind(): HostKind {
  if (vscode.env.uiKind === vscode.UIKind.Web) return 'web';
  return vscode.env.remoteName ? 'remote' : 'desktop';
}

/** The sign-in flows this environment offers in this editor (the command's pick and the playground's list). */
export function offeredFlows(runtime: EnvironmentRuntime): SignInFlow[] {
  return flowsFor({
    authMethod: runtime.environment.authMethod,
    host: hostKind(),
    registeredRedirect: !!vscode.workspace.getConfiguration('qod').get<string>('auth.redirectUri'),
    sandbox: isSandbox(runtime.environment.id),
  });
}

export async function runSignIn(
  s: Services,
  environmentId: string,
  flowId: Flow,
  input: SignInInput,
  options: SignInOptions = {},
): Promise<TokenSet> {
  const runtime = await s.runtime(environmentId);
  refuseAggregator(runtime);
  const flow = SIGN_IN_FLOWS[flowId];
  const tokens = await withCancellableProgress(
    vscode.l10n.t('QoD: signing in with {0}', flow.label),
    (signal, report) => {
      const ui: SignInUi = {
        openBrowser: async (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
        redirect: async () => {
          const registered = vscode.workspace.getConfiguration('qod').get<string>('auth.redirectUri');
          return registered
            ? pastedRedirect(registered, async () =>
                vscode.window.showInputBox({
                  title: vscode.l10n.t('Paste the URL the browser ended on (or the code)'),
                  ignoreFocusOut: true,
                }),
              )
            : startLoopbackRedirect({ mapUri: async (local) => (await vscode.env.asExternalUri(vscode.Uri.parse(local))).toString(true) });
        },
        report: (step, detail) => {
          report(detail ? `${step}: ${detail}` : step);
          options.onStep?.(step, detail);
        },
      };
      return flow.run(runtime.auth, input, ui, signal);
    },
    INTERACTIVE_TIMEOUT_MS,
    options.signal,
  );
  s.log.info(`signed in to ${runtime.environment.label} with ${flowId}${input.loginHint ? ` for ${input.loginHint}` : ''}`);
  s.reached('qod.signedIn');
  // The panel pushes the signed-in state (and the provider's profiles) on this change event.
  s.environments.fireChanged();
  return tokens;
}

/** An aggregator has no sign-in of its own: each operator signs in by itself when a request reaches it. */
export function refuseAggregator(runtime: EnvironmentRuntime): void {
  if (runtime.router) {
    throw new Error(
      vscode.l10n.t(
        '{0} routes each request to the operator serving its device, which signs in by itself (client credentials) ' +
          'when the request reaches it: there is nothing to sign in to here. To try CIBA or the authorization code flow, ' +
          'choose the Local sandbox.',
        runtime.environment.label,
      ),
    );
  }
}
