// The playground's message protocol, shared by the extension host and the webview, declared once: the params of
// every request (webview → host, answered by exactly one reply: a result or an error) and every command (webview
// → host, no answer) are zod schemas here; their types, the union that narrows and the host's guard all derive
// from them. Notifications (host → webview) are typed only: the host is trusted. The webview says `ready` first;
// the host queues until then. No token or secret ever travels here. The webview imports types only from this
// file, so zod stays out of its bundle.
import { z } from 'zod';
import { FLOW_IDS, type Flow } from '../core/auth/token-set';
import type { Flavour } from '../core/camara/flavour';
import { OPERATIONS, type Operation } from '../core/operations';

// The core owns its vocabulary; the protocol speaks it.
export { OPERATIONS, type Operation };
export const LANGUAGES = ['curl', 'javascript', 'python', 'java', 'http'] as const;

export type Language = (typeof LANGUAGES)[number];

const operation = z.enum(OPERATIONS);
const language = z.enum(LANGUAGES);
const sessionId = z.string().min(1).max(200).optional();
const body = z.unknown().optional();
const code = z.string().max(200_000);

/** What each request carries; every request gets one reply. */
export const REQUEST_PARAMS = {
  /** Check a body with the core's validators without sending it; answers the field problems. */
  validate: z.object({ operation, body }),
  /** Send an operation; `notify` asks the host to add its local notification sink (URL and token stay there). */
  send: z.object({ operation, sessionId, body, notify: z.boolean().optional() }),
  /** Check a login_hint with the core's parser, as it is typed. */
  checkLoginHint: z.object({ loginHint: z.string().max(300) }),
  /** Sign in to the active environment with this flow. */
  signIn: z.object({ flow: z.enum(FLOW_IDS), loginHint: z.string().max(300).optional(), scope: z.string().max(2000).optional() }),
  /** The request as code in a language (the secret is read from the environment by the code, never written). */
  exportCode: z.object({ language, operation, sessionId, body }),
  /** Ask the QoS profile advisor which profile fits: the needs in its words, for a device where the API allows. */
  advise: z.object({ needs: z.string().max(2000), device: z.string().max(300).optional() }),
  /** Script what the sandbox's network does to a device's sessions (`network-ends:30s`); sandbox environments only. */
  setNetworkScript: z.object({ device: z.string().min(1).max(300), script: z.string().min(1).max(200) }),
  /** Back to the sandbox's usual behaviour for the device. */
  clearNetworkScript: z.object({ device: z.string().min(1).max(300) }),
};

/** What each command carries; commands get no reply. */
export const COMMAND_PARAMS = {
  /** The page is listening: the host sends what it queued. */
  ready: z.object({}),
  /** Make another environment active. */
  selectEnvironment: z.object({ environmentId: z.string().min(1).max(200) }),
  /** Open exported code in an editor. */
  openCode: z.object({ language, code }),
  /** Forget this environment's request history. */
  clearHistory: z.object({}),
  /** Put exported code on the clipboard. */
  copyCode: z.object({ code }),
  /** The raw token goes from the host to the clipboard; the webview never sees it. */
  copyToken: z.object({}),
  /** Stop the sign-in under way (its request is then answered `cancelled`). */
  cancelSignIn: z.object({}),
  /** Save the sequence diagram as an SVG file (the user picks where). */
  saveSvg: z.object({ svg: z.string().min(1).max(4_000_000).startsWith('<svg') }),
  /** Save exported request-file code as a `.http` file (the user picks where; `operation` names the file) and open it. */
  saveRequestFile: z.object({ code: code.min(1), operation: operation.optional() }),
};

export interface FieldProblem {
  path: string;
  message: string;
}

/** An HTTP exchange as recorded by the host: already redacted. */
export interface ExchangeView {
  id: number;
  kind: string;
  method: string;
  url: string;
  status?: number;
  totalMs?: number;
  timeToFirstByteMs?: number;
  correlator?: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  responseBytes?: number;
  error?: string;
  /** Why the extension made this request for itself (a profile list, a status read), when the user did not ask for it. */
  own?: string;
}

export interface SendResult {
  ok: boolean;
  status?: number;
  body?: unknown;
  /** For errors: the CAMARA code, its explanation and fix. */
  code?: string;
  message?: string;
  explanation?: string;
  fix?: string;
  correlator?: string;
  exchange?: ExchangeView;
  /** The session id when the answer is a session (for one-click get / extend / delete). */
  sessionId?: string;
  /** The assignment id when the answer is a QoS Provisioning assignment (for one-click get / revoke). */
  assignmentId?: string;
  /** Validation stopped it before sending. */
  problems?: FieldProblem[];
}

export interface ProfileView {
  name: string;
  status: string;
  minSeconds: number;
  maxSeconds: number;
}

export interface SignedInView {
  flow: Flow;
  subject?: string;
  expiresAt?: number;
  /** Decoded claims of a JWT access token, for display (never the token itself). */
  claims?: Record<string, unknown>;
}

export interface PlaygroundState {
  environments: Array<{ id: string; label: string }>;
  environmentId: string;
  flavour: Flavour;
  signedIn?: SignedInView;
  profiles: ProfileView[];
  scopePresets: Record<string, string>;
  defaultLoginHint?: string;
  /** The sign-in flows this environment offers in this editor (the core's flow table); absent until the environment is up. */
  flows?: Array<{ id: Flow; label: string }>;
  /** The embedded sandbox's outcomes by the login hint's last digit (its own table); absent elsewhere. */
  sandboxOutcomes?: readonly SandboxOutcome[];
}

/** One row of the sandbox's behaviour by the device's last digit, with a login hint that shows it. */
export interface SandboxOutcome {
  /** The last digits it holds for: `0–4`, `5`, … */
  digits: string;
  /** In a few words: `approve`, `deny`, … */
  label: string;
  /** A login hint that ends in one of the digits. */
  example: string;
  ciba: string;
  qod: string;
}

export interface HistoryEntry {
  id: string;
  at: number;
  environmentId: string;
  /** The environment's name when it was sent. */
  environmentLabel?: string;
  operation: Operation;
  /** The sign-in flow it was sent with. */
  flow?: Flow;
  /** The device: the body's, or the 3-legged token's subject. */
  device?: string;
  sessionId?: string;
  /** The body sent, credentials stripped. */
  body?: unknown;
  status?: number;
}

/** What each request answers with. */
export interface RequestResults {
  validate: FieldProblem[];
  send: SendResult;
  checkLoginHint: { error?: string };
  /** `cancelled`: the user stopped it (not a failure). */
  signIn: { ok: boolean; message?: string; cancelled?: boolean };
  exportCode: { code?: string; message?: string };
  advise: AdviceView;
  setNetworkScript: NetworkScriptResult;
  clearNetworkScript: NetworkScriptResult;
}

/** The advisor's answer: per operator reached, the profile it recommends and why; or why the needs cannot be read. */
export interface AdviceView {
  operators: OperatorAdviceView[];
  /** The needs broke a rule (the field and the rule): nothing was asked of any operator. */
  problem?: FieldProblem;
}

export interface OperatorAdviceView {
  operatorId: string;
  operatorName: string;
  /** The best-fitting profile's name, when one fits. */
  recommended?: string;
  /** `fits-as-far-as-stated`: it fits every need the operator states a value for; some it does not state. */
  verdict: 'fits' | 'fits-as-far-as-stated' | 'nothing-fits' | 'error';
  /** Why, in sentences: each need met (and by what margin), unmet, or not stated by the operator. */
  reasons: string[];
  /** What would fit if the needs were relaxed (when nothing fits). */
  relaxations?: string[];
  /** Why this operator could not be asked (already in words; never a secret or a stack trace). */
  error?: string;
  /** Every profile the operator offers, with whether it fits and its values in a few words. */
  profiles: Array<{ name: string; fits: boolean; summary: string }>;
}

/** What the sandbox answers to a network script: what the device's network will now do, or why not. */
export interface NetworkScriptResult {
  description?: string;
  problem?: string;
}

export type RequestMethod = keyof typeof REQUEST_PARAMS;
export type CommandMethod = keyof typeof COMMAND_PARAMS;
export type RequestMap = { [K in RequestMethod]: { params: z.infer<(typeof REQUEST_PARAMS)[K]>; result: RequestResults[K] } };
export type CommandMap = { [K in CommandMethod]: z.infer<(typeof COMMAND_PARAMS)[K]> };

export interface NotificationMap {
  /** Environments, sign-in, profiles: everything the page shows about the host's side. */
  didChangeState: PlaygroundState;
  /** One more recorded (redacted) HTTP exchange of the active environment. */
  didRecordExchange: ExchangeView;
  /** A step of a sign-in under way. */
  didStepSignIn: { step: string; detail?: string };
  /** The active environment's request history. */
  didChangeHistory: HistoryEntry[];
  /** Send the request on the form now (Ctrl/Cmd+Enter anywhere in the playground, a contributed keybinding). */
  didRequestSend: Record<string, never>;
  /** The active environment's sessions with their life so far (the session timeline). */
  didChangeSessions: SessionTimelineView[];
  /** The notification sink received a status change of one of the active environment's sessions. */
  didReceiveNotification: { sessionId: string; status: string; statusInfo?: string };
  /** A request file's answer, shown in the response view (one place to read answers); `title` names the request. */
  didShowResult: SendResult & { title?: string };
}

/** One session for the timeline: what it is now, and what happened to it as this tool saw it. */
export interface SessionTimelineView {
  id: string;
  status: 'REQUESTED' | 'AVAILABLE' | 'UNAVAILABLE';
  statusInfo?: string;
  qosProfile: string;
  device?: string;
  durationSeconds: number;
  startedAt?: string;
  expiresAt?: string;
  events: Array<{ at: number; kind: 'seen' | 'status' | 'extended'; status: string; detail?: string }>;
}

/** Why a request could not be answered with a result (the host failed, or did not answer in time). */
export interface ReplyError {
  code: string;
  message: string;
}

export type RequestMessage = {
  [K in RequestMethod]: { type: 'request'; id: number; method: K; params: RequestMap[K]['params'] };
}[RequestMethod];
export type CommandMessage = { [K in CommandMethod]: { type: 'command'; method: K; params: CommandMap[K] } }[CommandMethod];
/**
 * Exactly one of `result` and `error`. The page pairs a reply with its request by `id`; `K` pairs the result with
 * the method where the host builds one (a reply for any method is `ReplyMessage`).
 */
export interface ReplyMessage<K extends RequestMethod = RequestMethod> {
  type: 'reply';
  id: number;
  method: K;
  result?: RequestResults[K];
  error?: ReplyError;
}
export type NotificationMessage = {
  [K in keyof NotificationMap]: { type: 'notification'; method: K; params: NotificationMap[K] };
}[keyof NotificationMap];

export type WebviewToHost = RequestMessage | CommandMessage;
export type HostToWebview = ReplyMessage | NotificationMessage;

const messageId = z.int().nonnegative();
const WEBVIEW_MESSAGE = z.union([
  ...Object.entries(REQUEST_PARAMS).map(([method, params]) =>
    z.object({ type: z.literal('request'), id: messageId, method: z.literal(method), params }),
  ),
  ...Object.entries(COMMAND_PARAMS).map(([method, params]) => z.object({ type: z.literal('command'), method: z.literal(method), params })),
]);

/**
 * A message from the webview, if it is one the tables above define; anything else is dropped. Messages from the
 * webview are untrusted input: the host acts on nothing else.
 */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  const result = WEBVIEW_MESSAGE.safeParse(value);
  // The schema is built from the same tables the types come from; zod cannot carry the method↔params pairing.
  return result.success ? (result.data as WebviewToHost) : undefined;
}
