// `qod mcp`: the core's QoD tools as an MCP server over stdio, for any MCP host (VS Code, Claude, …). The
// environment comes from the same options as every `qod` command; credentials only from the environment:
// QOD_ACCESS_TOKEN (a sign-in made elsewhere, e.g. `qod login --ciba … --print-token`, or the one the VS Code
// extension hands over), or QOD_CLIENT_SECRET / QOD_PRIVATE_KEY for a 2-legged sign-in on first use. stdin is
// the protocol, so nothing is ever prompted for. stdout carries only protocol messages; logs go to stderr.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { parseArgs } from 'node:util';
import { MemorySecretStore } from '../core/auth/secret-store';
import { createRuntime, toolContext } from '../core/runtime';
import { inputJsonSchema, runTool } from '../core/tools/run-tool';
import { findTool, TOOL_TABLE, unknownToolText } from '../core/tools/tool-table';
import { LineGuard, type OversizeLine } from './mcp-line-guard';
import { COMMON_OPTIONS, environmentFrom, transportOptionsFrom, type CommonValues } from './options';
import { credentialsFor } from './secrets';
import { VERSION } from './version';

export const MCP_SERVER_NAME = 'qod-playground';

/** The longest JSON-RPC line read (the SDK's own limit); a longer one is answered with an error and skipped. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function runMcp(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args, options: COMMON_OPTIONS, strict: true });
  const environment = environmentFrom(values as CommonValues, env);
  const handedOver = env.QOD_ACCESS_TOKEN;
  const hasCredentials = !!(env.QOD_CLIENT_SECRET || env.QOD_PRIVATE_KEY || environment.preset === 'sandbox');
  // Tokens in memory only; no exchange log (stdout is the protocol). 2-legged on first use when the environment
  // gives credentials and no token was handed over; a 3-legged sign-in is the user's act.
  const runtime = createRuntime(
    environment,
    { secrets: new MemorySecretStore(), credentials: () => credentialsFor(environment, env) },
    {
      transport: transportOptionsFrom(values as CommonValues, env),
      handedOverToken: handedOver,
      signInOnFirstUse: !handedOver && hasCredentials,
    },
  );
  await runtime.ready;
  const { transport } = runtime;
  const ctx = toolContext(runtime, {
    signInHint: hasCredentials
      ? 'the server signs in 2-legged (client credentials) on first use; ' +
        'for a 3-legged sign-in give it QOD_ACCESS_TOKEN (from `qod login --ciba --hint tel:+… --print-token`)'
      : 'give the server QOD_ACCESS_TOKEN (from `qod login --ciba --hint tel:+… --print-token`) or QOD_CLIENT_SECRET for 2-legged use',
  });

  const server = new Server(
    { name: MCP_SERVER_NAME, version: VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        'QoD Playground: ask a mobile operator for better connectivity (a QoD session) for one device. ' +
        'Call qod_status first, qod_list_qos_profiles to choose a profile and duration, then qod_create_session. ' +
        'Sessions end by themselves at their duration.',
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOL_TABLE.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: inputJsonSchema(t as never) as { type: 'object' },
      annotations: {
        title: t.title,
        readOnlyHint: t.readOnly,
        destructiveHint: t.destructive,
        idempotentHint: t.idempotent,
        openWorldHint: t.name !== 'qod_explain_error',
      },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = findTool(request.params.name);
    if (!tool) return { isError: true, content: [{ type: 'text', text: unknownToolText(request.params.name) }] };
    const result = await runTool(tool, ctx, request.params.arguments ?? {}, extra.signal);
    return {
      isError: result.isError,
      content: [{ type: 'text', text: result.text }],
      ...(result.structured ? { structuredContent: result.structured } : {}),
    };
  });

  // stdin through the guard: a line past the limit is answered here and never reaches (and closes) the SDK.
  const guard = new LineGuard(MAX_MESSAGE_BYTES, answerOversize);
  process.stdin.pipe(guard);
  const stdio = new StdioServerTransport(guard, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES + 64 * 1024 });
  const closed = new Promise<void>((resolve) => {
    stdio.onclose = () => resolve();
  });
  await server.connect(stdio);
  process.stderr.write(
    `qod mcp: ${TOOL_TABLE.length} tools for ${environment.label} (QoD ${environment.flavour})` +
      `${handedOver ? ', with the access token handed over' : ''}\n`,
  );
  await closed;
  await transport.close();
  return 0;
}

/** JSON-RPC's answer to a message that was not read: Invalid Request, with its id when it could be found. */
function answerOversize(line: OversizeLine): void {
  const limit = `${MAX_MESSAGE_BYTES / (1024 * 1024)} MiB`;
  process.stderr.write(`qod mcp: skipped a message of ${line.bytes} bytes (more than ${limit}); answered it with an error, serving on\n`);
  const error = { code: -32600, message: `Invalid Request: the message was larger than ${limit} (${line.bytes} bytes); it was not read` };
  // One write of one line, like the SDK's own, so it never interleaves with another message.
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: line.id, error })}\n`);
}
