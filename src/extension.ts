// Activation only: register the commands and the sessions view. Everything else (HTTP, OIDC, validation, the
// sandbox) lives in bundles loaded on first use, so activation stays small, fast and free of network I/O.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AgentTools } from './vscode/agent-tools';
import type { Composition } from './composition';
import type { PlaygroundPanel } from './vscode/playground/panel';
import type { RequestFiles } from './vscode/request-files';
import type { SessionsTree } from './views/sessions-tree';
import type { StatusBar } from './views/status-bar';
import type { Services } from './vscode/services';

export interface QodExtensionApi {
  /** Milliseconds spent in activate(), for bench:activation. */
  activationMs: number;
  /** The services, loading them if needed (tests). */
  services(): Services;
  /** Opens (or shows) the playground and answers its panel (tests). */
  openPlayground(): PlaygroundPanel;
  /** The ids the command table handles (the activation test compares them with the manifest). */
  commandIds(): readonly string[];
  /** The sessions view's data and the status bar item (tests read what they show). */
  views(): { tree: SessionsTree; statusBar: StatusBar };
  /** The language-model tools' implementation (tests call prepare and run directly). */
  tools(): AgentTools;
  /** The MCP server definition, resolved for the active environment as VS Code would start it (tests). */
  mcpServer(): Promise<vscode.McpStdioServerDefinition>;
  /** Request files in the editor: lenses, secret warnings, the Testing view's controller (tests). */
  requestFiles(): RequestFiles;
}

export function activate(context: vscode.ExtensionContext): QodExtensionApi {
  const started = performance.now();
  let composition: Composition | undefined;
  const mcpChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(mcpChanged);
  const load = (): Composition => {
    if (!composition) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, loaded on first use
      const module = require(join(__dirname, 'services.js')) as typeof import('./composition');
      composition = module.createComposition(context);
      // Another environment or sign-in: the MCP server must start again with it.
      context.subscriptions.push(
        composition,
        composition.services.environments.onDidChange(() => mcpChanged.fire()),
      );
    }
    return composition;
  };
  // The manifest is the one list of command ids (already in memory: no I/O); the command table is checked against it.
  const manifest = context.extension.packageJSON as { contributes: { commands: Array<{ command: string }> } };
  for (const { command: id } of manifest.contributes.commands) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => load().run(id, args)));
  }
  // The agent tools, from the manifest's list like the commands; each loads the services on its first call.
  const manifestTools =
    (context.extension.packageJSON as { contributes: { languageModelTools?: Array<{ name: string }> } }).contributes.languageModelTools ??
    [];
  for (const { name } of manifestTools) {
    context.subscriptions.push(
      vscode.lm.registerTool(name, {
        prepareInvocation: (options) => load().tools.prepare(name, options.input),
        invoke: (options, token) => load().tools.invoke(name, options.input, token),
      }),
    );
  }
  // `qod mcp` for VS Code's MCP support: listed without loading anything, filled in when started.
  const version = (context.extension.packageJSON as { version: string }).version;
  const mcpDefinition = () => mcpStdio(context.extensionPath, version);
  context.subscriptions.push(
    vscode.lm.registerMcpServerDefinitionProvider('qod-playground', {
      onDidChangeMcpServerDefinitions: mcpChanged.event,
      provideMcpServerDefinitions: () => [mcpDefinition()],
      resolveMcpServerDefinition: (definition) => load().resolveMcpServer(definition as vscode.McpStdioServerDefinition),
    }),
  );
  // The view asks for its content only when shown; that is the first use that loads the services.
  const emitter = new vscode.EventEmitter<undefined>();
  const tree: vscode.TreeDataProvider<unknown> = {
    onDidChangeTreeData: emitter.event,
    getChildren: (node) => {
      const s = load();
      s.tree.onDidChangeTreeData(() => emitter.fire(undefined));
      tree.getChildren = (n) => s.tree.getChildren(n as never);
      tree.getTreeItem = (n) => s.tree.getTreeItem(n as never);
      return s.tree.getChildren(node as never);
    },
    getTreeItem: (node) => load().tree.getTreeItem(node as never),
  };
  context.subscriptions.push(vscode.window.createTreeView('qod.sessions', { treeDataProvider: tree, showCollapseAll: false }), emitter);
  // After a reload, VS Code hands back the playground panel; the services load only then.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('qod.playground', {
      deserializeWebviewPanel: async (panel, state) => load().revivePlayground(panel, state),
    }),
  );
  // `npm start` opens a workspace with this marker: show the playground on the local sandbox at once.
  void vscode.workspace.findFiles('.qod-playground-start', undefined, 1).then((found) => {
    if (found.length > 0) void vscode.commands.executeCommand('qod.openPlayground');
  });
  // Request files: their lenses, warnings and tests live in the services' bundle, loaded once the workspace has
  // one or one is opened (after activation, so activation itself stays small).
  const isRequestFile = (d: vscode.TextDocument) => d.uri.path.toLowerCase().endsWith('.http');
  if (vscode.workspace.textDocuments.some(isRequestFile)) setTimeout(load, 0);
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isRequestFile(d)) return;
      opened.dispose();
      load();
    });
    context.subscriptions.push(opened);
    void vscode.workspace.findFiles('**/*.http', '**/node_modules/**', 1).then((found) => found.length > 0 && load());
  }
  const activationMs = performance.now() - started;
  return {
    activationMs,
    services: () => load().services,
    openPlayground: () => load().openPlayground(),
    commandIds: () => load().commandIds,
    views: () => load(),
    tools: () => load().tools,
    mcpServer: () => load().resolveMcpServer(mcpDefinition()),
    requestFiles: () => load().requestFiles,
  };
}

export function deactivate(): void {
  // Services are disposed through context.subscriptions.
}

/** The definition VS Code lists, before it is resolved: the bundled `qod mcp` run by the editor's Node. */
function mcpStdio(extensionPath: string, version: string): vscode.McpStdioServerDefinition {
  // Electron's binary runs as Node with ELECTRON_RUN_AS_NODE (plain Node ignores it).
  return new vscode.McpStdioServerDefinition(
    'QoD Playground',
    process.execPath,
    [join(extensionPath, 'dist', 'qod.js'), 'mcp'],
    { ELECTRON_RUN_AS_NODE: '1' },
    version,
  );
}
