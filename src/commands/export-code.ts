// Export Code: a create-session request (or any operation) of the active environment, with its sign-in, as
// runnable curl, JavaScript, Python or Java. The secret stays a QOD_CLIENT_SECRET placeholder.
import * as vscode from 'vscode';
import { generateSnippet, SNIPPET_LANGUAGES, type SnippetLanguage, type SnippetRequest } from '../core/codegen';
import { createSessionBody } from '../core/camara/create-body';
import { apiUrls } from '../core/environments';
import type { Services } from '../vscode/services';

export interface ExportCodeArgs {
  language?: SnippetLanguage;
  environmentId?: string;
  method?: SnippetRequest['method'];
  /** Which API the path is under: the sessions API (the default) or the QoS profiles API. */
  base?: 'sessions' | 'profiles';
  /** Path under that API, `/sessions` by default. */
  path?: string;
  body?: unknown;
  /** Return the code without opening an editor (scripts, tests). */
  open?: boolean;
}

const EDITOR_LANGUAGE: Record<SnippetLanguage, string> = { curl: 'shellscript', javascript: 'javascript', python: 'python', java: 'java' };

export async function exportCode(s: Services, args: ExportCodeArgs = {}): Promise<string | undefined> {
  const language = args.language ?? (await vscode.window.showQuickPick(SNIPPET_LANGUAGES.map((l) => ({ label: l.label, id: l.id })), { title: vscode.l10n.t('QoD: Export Code') }))?.id;
  if (!language) return undefined;
  const runtime = await s.runtime(args.environmentId);
  const { environment } = runtime;
  if (environment.authMethod !== 'client_secret_basic' && environment.authMethod !== 'client_secret_post') {
    throw new Error(`Code export signs in with a client secret; this environment uses ${environment.authMethod}`);
  }
  const { as } = await runtime.auth.context();
  const signedIn = runtime.auth.signedIn;
  const flow = signedIn?.flow === 'ciba' ? 'ciba' : 'client_credentials';
  const threeLegged = flow === 'ciba';
  const body = args.body ?? createSessionBody(environment.flavour, {
    device: threeLegged && environment.flavour === 'v1' ? undefined : { kind: 'phoneNumber', value: '+34666666661' },
    applicationServer: '198.51.100.10', qosProfile: 'QOS_E', duration: 600,
  });
  const code = generateSnippet(language, {
    flow,
    tokenEndpoint: String(as.token_endpoint),
    bcAuthorizeEndpoint: as.backchannel_authentication_endpoint,
    loginHint: signedIn?.subject ?? environment.loginHint,
    scope: signedIn?.scope ?? environment.scope,
    clientId: environment.clientId,
    clientAuth: environment.authMethod,
    method: args.method ?? 'POST',
    url: `${apiUrls(environment)[args.base ?? 'sessions'] ?? apiUrls(environment).sessions}${args.path ?? '/sessions'}`,
    body: (args.method ?? 'POST') === 'POST' ? body : undefined,
  });
  if (args.open !== false) {
    const document = await vscode.workspace.openTextDocument({ language: EDITOR_LANGUAGE[language], content: code });
    await vscode.window.showTextDocument(document);
  }
  return code;
}
