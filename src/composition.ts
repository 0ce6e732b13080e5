// The composition root: builds the services and owns what they must not import, the command table, the views
// and the playground panel, so the imports point one way (commands, views and the panel → services → core). Its
// own bundle (dist/services.js), loaded on first use so that activation stays small.
import * as vscode from 'vscode';
import { COMMANDS, type Command } from './commands';
import { SessionsTree } from './views/sessions-tree';
import { StatusBar } from './views/status-bar';
import { AgentTools } from './vscode/agent-tools';
import { resolveMcpServer } from './vscode/mcp-server';
import { RequestFiles } from './vscode/request-files';
import { openPlaygroundPanel, PlaygroundPanel } from './vscode/playground/panel';
import { Services } from './vscode/services';
import { showError } from './vscode/show-error';

export class Composition implements vscode.Disposable {
  readonly services: Services;
  /** The sessions view's data and the status bar item, both following the session registry. */
  readonly tree: SessionsTree;
  readonly statusBar: StatusBar;
  /** The ids the command table handles; the activation test checks them against the manifest's list. */
  readonly commandIds: readonly string[] = Object.keys(COMMANDS);
  /** The core's QoD tools as language-model tools. */
  readonly tools: AgentTools;
  /** Request files in the editor: lenses, secret warnings, the Testing view. */
  readonly requestFiles: RequestFiles;

  constructor(context: vscode.ExtensionContext) {
    this.services = new Services(context);
    this.tools = new AgentTools(this.services);
    this.tree = new SessionsTree(this.services.registry, this.services.environments);
    this.statusBar = new StatusBar(this.services.registry, this.services.environments);
    this.requestFiles = new RequestFiles(this.services);
  }

  /** Runs a command by id, showing failures the product's way; callers with arguments get the error too. */
  async run(id: string, args: unknown[]): Promise<unknown> {
    const command = (COMMANDS as Record<string, Command | undefined>)[id];
    if (!command) throw new Error(`unknown command ${id}`);
    try {
      return await command(this.services, ...args);
    } catch (error) {
      // Shown without waiting for the user to dismiss it; a scripted caller gets the error as well.
      void showError(error, this.services.log);
      if (args.length > 0) throw error;
      return undefined;
    }
  }

  openPlayground(): PlaygroundPanel {
    return openPlaygroundPanel(this.services);
  }

  resolveMcpServer(definition: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition> {
    return resolveMcpServer(this.services, definition);
  }

  revivePlayground(panel: vscode.WebviewPanel, state: unknown): void {
    PlaygroundPanel.revive(this.services, panel, state);
  }

  dispose(): void {
    PlaygroundPanel.current?.dispose();
    this.tree.dispose();
    this.statusBar.dispose();
    this.requestFiles.dispose();
    this.services.dispose();
  }
}

export function createComposition(context: vscode.ExtensionContext): Composition {
  return new Composition(context);
}
