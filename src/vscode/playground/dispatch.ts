// Every request from the webview gets exactly one reply: its handler's result, or an error with a code and a
// message when the handler throws (a sandbox that failed to start, a bug). Without this a page would wait
// forever with "Sending…" or a disabled button. No `vscode` here, so a plain Node test can drive it.
import { codeOf } from '../../core/errors';
import type { CommandMap, CommandMethod, ReplyMessage, RequestMap, RequestMethod, WebviewToHost } from '../../shared/protocol';

/** One handler per request: the compiler points at a request without one. */
export type RequestHandlers = { [K in RequestMethod]: (params: RequestMap[K]['params']) => Promise<RequestMap[K]['result']> };
/** One handler per command. */
export type CommandHandlers = { [K in CommandMethod]: (params: CommandMap[K]) => Promise<void> };

export interface Dispatcher {
  requests: RequestHandlers;
  commands: CommandHandlers;
  reply(message: ReplyMessage): void;
  /** A command that failed has nobody waiting for it: it is only reported. */
  report(error: unknown): void;
  /** The words for an error, as the rest of the UI says them. */
  describe(error: unknown): string;
}

export async function dispatch(message: WebviewToHost, d: Dispatcher): Promise<void> {
  if (message.type === 'command') return runCommand(message, d);
  return answer(message, d);
}

// Generic in the method, so that the handler looked up and the params beside it are typed as one pair (a message
// of the union is one of these with K its own method).
async function answer<K extends RequestMethod>(
  message: { id: number; method: K; params: RequestMap[K]['params'] },
  d: Dispatcher,
): Promise<void> {
  const handler: RequestHandlers[K] = d.requests[message.method];
  let reply: ReplyMessage<K>;
  try {
    reply = { type: 'reply', id: message.id, method: message.method, result: await handler(message.params) };
  } catch (error) {
    reply = { type: 'reply', id: message.id, method: message.method, error: { code: errorCode(error), message: d.describe(error) } };
  }
  d.reply(reply);
}

async function runCommand<K extends CommandMethod>(message: { method: K; params: CommandMap[K] }, d: Dispatcher): Promise<void> {
  const handler: CommandHandlers[K] = d.commands[message.method];
  try {
    await handler(message.params);
  } catch (error) {
    d.report(error);
  }
}

function errorCode(error: unknown): string {
  const code = codeOf(error);
  if (code && /^[A-Za-z_.]{1,60}$/.test(code)) return code;
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  return typeof name === 'string' && name !== 'Error' ? name : 'HOST_ERROR';
}
