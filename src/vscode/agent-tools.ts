// The core's QoD tools as VS Code language-model tools: the same table the `qod mcp` server serves, run through
// the session service (so a session a tool creates appears in the sessions view and the status bar), with the
// user's consent for every side effect (prepareInvocation's confirmation names the environment and every value
// that matters) and never a sign-in started by a tool.
import * as vscode from 'vscode';
import { toolContext } from '../core/runtime';
import { runTool } from '../core/tools/run-tool';
import type { ToolContext, ToolResult } from '../core/tools/tool-context';
import { findTool, unknownToolText } from '../core/tools/tool-table';
import { isSandbox } from './environments';
import type { Services } from './services';

export class AgentTools {
  constructor(private readonly s: Services) {}

  /** The words shown before the tool runs: a confirmation for a side effect, a progress line for a read. */
  async prepare(name: string, input: unknown): Promise<vscode.PreparedToolInvocation> {
    const tool = findTool(name);
    if (!tool) return {};
    const ctx = await this.#context();
    const parsed = tool.input.safeParse(input ?? {});
    if (!tool.confirmation || !parsed.success)
      return { invocationMessage: parsed.success ? tool.invocationMessage(parsed.data) : tool.title };
    const { title, message } = tool.confirmation(parsed.data, ctx);
    return {
      invocationMessage: tool.invocationMessage(parsed.data),
      confirmationMessages: { title, message: new vscode.MarkdownString(message) },
    };
  }

  async invoke(name: string, input: unknown, token?: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const result = await this.run(name, input, token);
    return new vscode.LanguageModelToolResult([
      new vscode.LanguageModelTextPart(result.text),
      ...(result.structured ? [new vscode.LanguageModelTextPart(JSON.stringify(result.structured))] : []),
    ]);
  }

  /** The tool's answer, for invoke and for tests. */
  async run(name: string, input: unknown, token?: vscode.CancellationToken): Promise<ToolResult> {
    const tool = findTool(name);
    if (!tool) return { isError: true, text: unknownToolText(name) };
    const abort = new AbortController();
    const listener = token?.onCancellationRequested(() => abort.abort());
    try {
      const result = await runTool(tool, await this.#context(), input, abort.signal);
      this.s.log.info(`agent tool ${name}: ${result.isError ? 'error' : 'ok'}`);
      return result;
    } finally {
      listener?.dispose();
    }
  }

  async #context(): Promise<ToolContext> {
    const environmentId = this.s.environments.activeId;
    const runtime = await this.s.runtime(environmentId);
    return toolContext(runtime, {
      id: environmentId,
      sandbox: isSandbox(environmentId),
      signInHint: isSandbox(environmentId)
        ? 'the local sandbox signs in 2-legged by itself; for a 3-legged sign-in, the user runs "QoD: Sign In" from the command palette'
        : 'the user runs "QoD: Sign In" from the command palette (or signs in from the playground)',
      // The confirmation already asked (prepareInvocation): the provider-change question is not asked twice.
      run: (name, operationInput, signal) => this.s.sessions.run(environmentId, name, operationInput, signal, true),
    });
  }
}
