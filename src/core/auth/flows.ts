// The sign-in flows as strategy objects (as VS Code's GitHub authentication does): each says what it needs,
// with a one-line why, and runs through a small UI port that each face adapts (VS Code, the CLI). Which flows
// an environment offers is one pure function, tested table-driven.
import { AuthError } from './auth-error';
import type { Authenticator } from './authenticator';
import type { ClientAuthMethod } from './client-auth';
import { parseLoginHint } from './login-hint';
import type { RedirectStrategy } from './redirect';
import type { Flow, TokenSet } from './token-set';

/** What a flow asks of the face that runs it. */
export interface SignInUi {
  /** Opens the URL in the user's browser; false when it could not be opened (the flow then stops). */
  openBrowser(url: string): Promise<boolean>;
  /** Where the browser comes back: a loopback receiver, or the paste-the-redirect path for a registered https URI. */
  redirect(): Promise<RedirectStrategy>;
  /** A step of the sign-in, in words. */
  report(step: string, detail?: string): void;
}

export interface SignInInput {
  loginHint?: string;
  scope?: string;
}

export interface SignInFlow {
  id: Flow;
  label: string;
  detail: string;
  /** CIBA and the authorization code flow sign in a subscriber's device, which the login_hint names. */
  needsLoginHint: boolean;
  /** The authorization code flow happens in a browser. */
  needsBrowser: boolean;
  /** A confidential client (a secret or a key) is needed: CIBA and client credentials authenticate the client itself. */
  needsClientAuthentication: boolean;
  /**
   * Works when the editor's UI is not on the extension's machine (a remote, VS Code in the browser) with no more
   * than the environment gives: the code flow's browser must come back to a redirect URI the provider accepts,
   * which a forwarded loopback port is not, unless it is registered (`qod.auth.redirectUri`) or the provider is the sandbox.
   */
  worksRemotely: boolean;
  run(auth: Authenticator, input: SignInInput, ui: SignInUi, signal: AbortSignal): Promise<TokenSet>;
}

/** The redirect, telling the UI when the browser came back (a step of the trace and the sequence diagram). */
function reportingCallback(redirect: RedirectStrategy, ui: SignInUi): RedirectStrategy {
  return {
    redirectUri: redirect.redirectUri,
    close: () => redirect.close(),
    waitForCallback: async (state, signal) => {
      const params = await redirect.waitForCallback(state, signal);
      ui.report(
        'callback',
        params.has('code') ? 'the browser came back with a code' : `the browser came back with ${params.get('error') ?? 'no code'}`,
      );
      return params;
    },
  };
}

function loginHintOf(input: SignInInput): string {
  const hint = input.loginHint?.trim() ?? '';
  const parsed = parseLoginHint(hint);
  if (!parsed.ok) throw new AuthError('invalid_login_hint', `login_hint: ${parsed.error}`);
  return hint;
}

export const SIGN_IN_FLOWS: { readonly [K in Flow]: SignInFlow & { id: K } } = {
  ciba: {
    id: 'ciba',
    label: 'CIBA (backend)',
    detail: 'The operator asks the subscriber; this tool polls until approved',
    needsLoginHint: true,
    needsBrowser: false,
    needsClientAuthentication: true,
    worksRemotely: true,
    // async: a malformed login_hint is a rejected promise like any other failure, never a synchronous throw.
    run: async (auth, input, ui, signal) =>
      auth.signIn({
        flow: 'ciba',
        loginHint: loginHintOf(input),
        scope: input.scope,
        signal,
        onProgress: (p) =>
          p.step === 'poll'
            ? ui.report(`poll ${p.poll}`, `${p.outcome}, next in ${p.interval} s`)
            : p.step === 'requested'
              ? ui.report('requested', `waiting for the subscriber, polling every ${p.interval} s`)
              : ui.report('approved', `after ${p.poll} poll(s)`),
      }),
  },
  authorization_code: {
    id: 'authorization_code',
    label: 'Authorization code (frontend)',
    detail: 'A browser round trip with PKCE; the device is recognised by its network',
    needsLoginHint: false,
    needsBrowser: true,
    needsClientAuthentication: false,
    worksRemotely: false,
    run: async (auth, input, ui, signal) =>
      auth.signIn({
        flow: 'authorization_code',
        loginHint: input.loginHint?.trim() ? loginHintOf(input) : undefined,
        scope: input.scope,
        signal,
        redirect: reportingCallback(await ui.redirect(), ui),
        openBrowser: async (url) => {
          ui.report('browser', 'complete the sign-in in the browser');
          if (!(await ui.openBrowser(url)))
            throw new AuthError('invalid_request', 'the browser could not be opened; open the sign-in URL yourself, or use CIBA');
        },
      }),
  },
  client_credentials: {
    id: 'client_credentials',
    label: 'Client credentials (2-legged)',
    detail: 'The application alone; calls name the device in the body',
    needsLoginHint: false,
    needsBrowser: false,
    needsClientAuthentication: true,
    worksRemotely: true,
    run: async (auth, input, _ui, signal) => auth.signIn({ flow: 'client_credentials', scope: input.scope, signal }),
  },
};

/** Where the editor's UI runs: on this machine, on a remote (SSH, container, tunnel), or in a browser tab. */
export type HostKind = 'desktop' | 'remote' | 'web';

export interface FlowContext {
  authMethod: ClientAuthMethod;
  host: HostKind;
  /** `qod.auth.redirectUri` is set: the provider has a redirect URI the browser can reach from anywhere. */
  registeredRedirect: boolean;
  /** The embedded sandbox accepts any loopback redirect, so a forwarded loopback port works. */
  sandbox: boolean;
}

/**
 * The flows an environment can use here: a public client (no secret, no key) has only the browser flow, and
 * away from the desktop the browser flow needs a redirect the provider accepts.
 */
export function flowsFor(context: FlowContext): SignInFlow[] {
  return Object.values(SIGN_IN_FLOWS)
    .filter((f) => context.authMethod !== 'none' || !f.needsClientAuthentication)
    .filter((f) => f.worksRemotely || context.host === 'desktop' || context.registeredRedirect || context.sandbox);
}
