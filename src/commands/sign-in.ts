// Sign In (CIBA / Authorization Code / Client Credentials) and Sign Out.
import * as vscode from 'vscode';
import { parseLoginHint } from '../core/auth/login-hint';
import { pastedRedirect, startLoopbackRedirect } from '../core/auth/redirect';
import type { Flow } from '../core/auth/token-set';
import { decodeToken } from '../core/auth/jwt';
import { withCancellableProgress } from '../vscode/progress';
import type { Services } from '../vscode/services';

interface SignInArgs {
  flow?: Flow;
  loginHint?: string;
  scope?: string;
  environmentId?: string;
}

const FLOWS: Array<{ flow: Flow; label: string; detail: string }> = [
  { flow: 'ciba', label: 'CIBA (backend)', detail: 'The operator asks the subscriber; this tool polls until approved' },
  { flow: 'authorization_code', label: 'Authorization code (frontend)', detail: 'A browser round trip with PKCE; the device is recognised by its network' },
  { flow: 'client_credentials', label: 'Client credentials (2-legged)', detail: 'The application alone; calls name the device in the body' },
];

export async function signIn(s: Services, args: SignInArgs = {}): Promise<{ flow: Flow; subject?: string; expiresAt?: number } | undefined> {
  const runtime = await s.runtime(args.environmentId);
  const flow = args.flow ?? (await vscode.window.showQuickPick(FLOWS.map((f) => ({ ...f })), { title: vscode.l10n.t('QoD: Sign In'), ignoreFocusOut: true }))?.flow;
  if (!flow) return undefined;
  let loginHint = args.loginHint;
  if (flow !== 'client_credentials' && !loginHint) {
    loginHint = await vscode.window.showInputBox({
      title: vscode.l10n.t('QoD: the device (login_hint)'),
      ignoreFocusOut: true,
      value: runtime.environment.loginHint ?? 'tel:+34666666661',
      prompt: vscode.l10n.t('tel:+<E.164>, ipport:<IPv4>[:port] or ipport:[<IPv6>][:port]'),
      validateInput: (v) => { const r = parseLoginHint(v.trim()); return r.ok ? undefined : r.error; },
    });
    if (!loginHint) return undefined;
  }
  if (loginHint) {
    const parsed = parseLoginHint(loginHint.trim());
    if (!parsed.ok) throw new Error(`login_hint: ${parsed.error}`);
  }
  const tokens = await withCancellableProgress(vscode.l10n.t('QoD: signing in with {0}', flow), async (signal, report) => {
    if (flow === 'ciba') {
      return runtime.auth.signIn({
        flow, loginHint: loginHint as string, scope: args.scope, signal,
        onProgress: (p) => report(p.step === 'requested' ? vscode.l10n.t('waiting for the subscriber (every {0} s)', p.interval)
          : p.step === 'poll' ? vscode.l10n.t('poll {0}: {1}, next in {2} s', p.poll, p.outcome, p.interval) : vscode.l10n.t('approved')),
      });
    }
    if (flow === 'authorization_code') {
      const registered = vscode.workspace.getConfiguration('qod').get<string>('auth.redirectUri');
      const redirect = registered
        ? pastedRedirect(registered, async () => vscode.window.showInputBox({ title: vscode.l10n.t('Paste the URL the browser ended on (or the code)'), ignoreFocusOut: true }))
        : await startLoopbackRedirect({ mapUri: async (local) => (await vscode.env.asExternalUri(vscode.Uri.parse(local))).toString(true) });
      return runtime.auth.signIn({
        flow, loginHint, scope: args.scope, redirect, signal,
        openBrowser: async (url) => {
          report(vscode.l10n.t('complete the sign-in in the browser'));
          const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
          if (!opened) throw new Error('The browser could not be opened');
        },
      });
    }
    return runtime.auth.signIn({ flow, scope: args.scope, signal });
  });
  const subject = decodeToken(tokens.accessToken)?.claims.sub as string | undefined;
  s.log.info(`signed in to ${runtime.environment.label} with ${flow}${loginHint ? ` for ${loginHint}` : ''}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('QoD: signed in to {0} with {1}', runtime.environment.label, flow));
  s.environments.fireChanged();
  s.reached('qod.signedIn');
  return { flow, subject, expiresAt: tokens.expiresAt };
}

export async function signOut(s: Services, args: { environmentId?: string } = {}): Promise<boolean> {
  const runtime = await s.runtime(args.environmentId);
  const { revoked } = await runtime.auth.signOut();
  s.log.info(`signed out of ${runtime.environment.label}${revoked ? ' (token revoked)' : ''}`);
  return revoked;
}
