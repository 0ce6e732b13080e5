// The `qod mcp` server offered to VS Code's MCP support: the bundled `qod` run by the editor's own Node, on the
// active environment. The child never gets a long-lived secret (client secret, private key): it gets the current
// sign-in's access token, short-lived, in its environment (QOD_ACCESS_TOKEN), and the local sandbox's URL. When
// the token expires or the sign-in changes, VS Code is told the definition changed and restarts the server.
import * as vscode from 'vscode';
import type { Environment } from '../core/environments';
import { isSandbox } from './environments';
import type { Services } from './services';

/** The command-line options that name the environment to `qod` (never a credential). */
export function environmentArgs(environmentId: string, e: Environment): string[] {
  if (e.telcoFinder) {
    const own = isSandbox(environmentId) ? [] : ['--client-id', e.clientId, '--auth-method', e.authMethod, '--scope', e.scope];
    return ['--env', 'aggregator', '--telco-finder', e.telcoFinder, '--flavour', e.flavour, ...own];
  }
  if (isSandbox(environmentId)) return ['--env', 'sandbox', '--url', new URL(e.apiBase).origin, '--flavour', e.flavour];
  const preset =
    e.preset === 'telefonica'
      ? ['--env', 'telefonica']
      : [
          '--env',
          'custom',
          '--api-base',
          e.apiBase,
          ...(e.issuer ? ['--issuer', e.issuer] : []),
          ...(e.endpoints?.token ? ['--token-endpoint', e.endpoints.token] : []),
          ...(e.endpoints?.backchannelAuthentication ? ['--bc-authorize-endpoint', e.endpoints.backchannelAuthentication] : []),
        ];
  return [...preset, '--client-id', e.clientId, '--flavour', e.flavour, '--auth-method', e.authMethod, '--scope', e.scope];
}

/** Fills a definition in for the active environment when VS Code starts the server. */
export async function resolveMcpServer(s: Services, definition: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition> {
  const environmentId = s.environments.activeId;
  const runtime = await s.runtime(environmentId);
  // The sandbox signs in 2-legged by itself; elsewhere only a sign-in the user made is handed over.
  // An aggregator has no token of its own: each operator's runtime in the child signs in there.
  const token = runtime.router
    ? undefined
    : isSandbox(environmentId) || runtime.auth.signedIn
      ? await runtime.auth.accessToken().catch(() => undefined)
      : undefined;
  definition.args = [definition.args[0] ?? '', 'mcp', ...environmentArgs(environmentId, runtime.environment)];
  definition.env = { ...definition.env, ...(token ? { QOD_ACCESS_TOKEN: token } : {}) };
  s.log.info(`MCP server for ${runtime.environment.label}${token ? ", with the current sign-in's access token" : ', not signed in'}`);
  return definition;
}
