// Sign In (CIBA / Authorization Code / Client Credentials) and Sign Out.
import * as vscode from 'vscode';
import { SIGN_IN_FLOWS } from '../core/auth/flows';
import { decodeToken } from '../core/auth/jwt';
import { parseLoginHint } from '../core/auth/login-hint';
import type { Flow } from '../core/auth/token-set';
import type { Services } from '../vscode/services';
import { offeredFlows, refuseAggregator, runSignIn } from '../vscode/sign-in';

interface SignInArgs {
  flow?: Flow;
  loginHint?: string;
  scope?: string;
  environmentId?: string;
}

export async function signIn(
  s: Services,
  args: SignInArgs = {},
): Promise<{ flow: Flow; subject?: string; expiresAt?: number } | undefined> {
  const environmentId = args.environmentId ?? s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  refuseAggregator(runtime);
  const offered = offeredFlows(runtime);
  const flow = args.flow
    ? SIGN_IN_FLOWS[args.flow]
    : (
        await vscode.window.showQuickPick(
          offered.map((f) => ({ label: f.label, detail: f.detail, flow: f })),
          { title: vscode.l10n.t('QoD: Sign In'), ignoreFocusOut: true },
        )
      )?.flow;
  if (!flow) return undefined;
  let loginHint = args.loginHint;
  if (flow.needsLoginHint && !loginHint) {
    loginHint = await vscode.window.showInputBox({
      title: vscode.l10n.t('QoD: the device (login_hint)'),
      ignoreFocusOut: true,
      value: runtime.environment.loginHint ?? 'tel:+34666666661',
      prompt: vscode.l10n.t('tel:+<E.164>, ipport:<IPv4>[:port] or ipport:[<IPv6>][:port]'),
      validateInput: (v) => {
        const r = parseLoginHint(v.trim());
        return r.ok ? undefined : r.error;
      },
    });
    if (!loginHint) return undefined;
  }
  const tokens = await runSignIn(s, environmentId, flow.id, { loginHint, scope: args.scope });
  void vscode.window.showInformationMessage(vscode.l10n.t('QoD: signed in to {0} with {1}', runtime.environment.label, flow.id));
  return { flow: flow.id, subject: decodeToken(tokens.accessToken)?.claims.sub as string | undefined, expiresAt: tokens.expiresAt };
}

export async function signOut(s: Services, args: { environmentId?: string } = {}): Promise<boolean> {
  const runtime = await s.runtime(args.environmentId);
  const { revoked } = await runtime.auth.signOut();
  s.log.info(`signed out of ${runtime.environment.label}${revoked ? ' (token revoked)' : ''}`);
  return revoked;
}
