// Messages from the webview are untrusted input: each is checked against the protocol before the host acts.
import { z } from 'zod';
import { FLOWS, LANGUAGES, OPERATIONS, type WebviewToHost } from '../../shared/protocol';

const operation = z.enum(OPERATIONS as [string, ...string[]]);
const language = z.enum(LANGUAGES as [string, ...string[]]);
const sessionId = z.string().min(1).max(200).optional();
const body = z.unknown().optional();
const id = z.int().nonnegative();

const message = z.union([
  z.object({
    type: z.literal('request'),
    id,
    method: z.literal('validate'),
    params: z.object({ operation, body }),
  }),
  z.object({ type: z.literal('request'), id, method: z.literal('send'), params: z.object({ operation, sessionId, body, notify: z.boolean().optional() }) }),
  z.object({ type: z.literal('request'), id, method: z.literal('checkLoginHint'), params: z.object({ loginHint: z.string().max(300) }) }),
  z.object({
    type: z.literal('request'), id, method: z.literal('signIn'),
    params: z.object({ flow: z.enum(FLOWS as [string, ...string[]]), loginHint: z.string().max(300).optional(), scope: z.string().max(2000).optional() }),
  }),
  z.object({ type: z.literal('request'), id, method: z.literal('exportCode'), params: z.object({ language, operation, sessionId, body }) }),
  z.object({ type: z.literal('command'), method: z.literal('ready'), params: z.object({}) }),
  z.object({ type: z.literal('command'), method: z.literal('selectEnvironment'), params: z.object({ environmentId: z.string().min(1).max(200) }) }),
  z.object({ type: z.literal('command'), method: z.literal('openCode'), params: z.object({ language, code: z.string().max(200_000) }) }),
  z.object({ type: z.literal('command'), method: z.literal('clearHistory'), params: z.object({}) }),
  z.object({ type: z.literal('command'), method: z.literal('copyCode'), params: z.object({ code: z.string().max(200_000) }) }),
  z.object({ type: z.literal('command'), method: z.literal('copyToken'), params: z.object({}) }),
]);

/** The message, if it is one the protocol defines; anything else is dropped. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  const result = message.safeParse(value);
  return result.success ? (result.data as WebviewToHost) : undefined;
}
