// Copy Access Token: the environment's current access token to the clipboard, for the developer's own curl or
// Postman call. The explicit "reveal": the token goes to the clipboard only, never to the log, the playground
// webview, a setting or this command's return value.
import * as vscode from 'vscode';
import { decodeToken } from '../core/auth/jwt';
import type { Services } from '../vscode/services';

export async function copyAccessToken(s: Services, args: { environmentId?: string } = {}): Promise<boolean> {
  const runtime = await s.runtime(args.environmentId);
  if (!runtime.auth.signedIn) {
    const signIn = vscode.l10n.t('Sign In');
    // Not awaited: a script gets its answer at once, the user the offer to sign in.
    void vscode.window
      .showWarningMessage(vscode.l10n.t('QoD: not signed in to {0}; there is no token to copy.', runtime.environment.label), signIn)
      .then((choice) =>
        choice === signIn ? vscode.commands.executeCommand('qod.signIn', { environmentId: args.environmentId }) : undefined,
      );
    return false;
  }
  const token = await runtime.auth.accessToken();
  await vscode.env.clipboard.writeText(token);
  const expiresAt = decodeToken(token)?.expiresAt;
  s.log.info(`copied the access token of ${runtime.environment.label} to the clipboard`);
  void vscode.window.showInformationMessage(
    expiresAt
      ? vscode.l10n.t(
          'QoD: the access token of {0} is on the clipboard; it expires at {1}. Treat it like a password.',
          runtime.environment.label,
          new Date(expiresAt).toLocaleTimeString(),
        )
      : vscode.l10n.t('QoD: the access token of {0} is on the clipboard. Treat it like a password.', runtime.environment.label),
  );
  return true;
}
