// Every request from the webview gets exactly one reply: its handler's result, or an error with a code and a
// message when the handler throws (a sandbox that failed to start, a bug). Without this a page would wait
// forever with "Sending…" or a disabled button. No `vscode` here, so a plain Node test can drive it.
import type { CommandMap, CommandMessage, ReplyMessage, RequestMap, RequestMessage, WebviewToHost } from '../../shared/protocol';

/** One handler per request: the compiler points at a request without one. */
export type RequestHandlers = { [K in keyof RequestMap]: (params: RequestMap[K]['params']) => Promise<RequestMap[K]['result']> };
/** One handler per command. */
export type CommandHandlers = { [K in keyof CommandMap]: (params: CommandMap[K]) => Promise<void> };

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

async function answer(message: RequestMessage, d: Dispatcher): Promise<void> {
  // The method and its params travel together in the message; TypeScript cannot pair them through a lookup.
  const handler = d.requests[message.method] as (params: unknown) => Promise<unknown>;
  try {
    const result = await handler(message.params);
    d.reply({ type: 'reply', id: message.id, method: message.method, result } as ReplyMessage);
  } catch (error) {
    d.reply({ type: 'reply', id: message.id, method: message.method, error: { code: errorCode(error), message: d.describe(error) } });
  }
}

async function runCommand(message: CommandMessage, d: Dispatcher): Promise<void> {
  const handler = d.commands[message.method] as (params: unknown) => Promise<void>;
  try {
    await handler(message.params);
  } catch (error) {
    d.report(error);
  }
}

function errorCode(error: unknown): string {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && /^[A-Za-z_.]{1,60}$/.test(code)) return code;
  return typeof name === 'string' && name !== 'Error' ? name : 'HOST_ERROR';
}
