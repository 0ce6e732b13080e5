// The playground's message protocol, shared by the extension host and the webview. Three kinds of
// message: requests (webview → host, answered with a reply of the same id), commands (webview → host, no
// answer) and notifications (host → webview). The webview says `ready` first; the host queues until then.
// No token or secret ever travels here: the host keeps them, the webview only sees redacted exchanges.

export type Operation = 'createSession' | 'getSession' | 'extendSession' | 'deleteSession' | 'retrieveSessions' | 'listProfiles';
export type FlowName = 'ciba' | 'authorization_code' | 'client_credentials';
export type Language = 'curl' | 'javascript' | 'python' | 'java';

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
  flow: FlowName;
  subject?: string;
  expiresAt?: number;
  /** Decoded claims of a JWT access token, for display (never the token itself). */
  claims?: Record<string, unknown>;
}

export interface PlaygroundState {
  environments: Array<{ id: string; label: string }>;
  environmentId: string;
  flavour: 'v0.8' | 'v0.10' | 'v1';
  signedIn?: SignedInView;
  profiles: ProfileView[];
  scopePresets: Record<string, string>;
  defaultLoginHint?: string;
}

export interface HistoryEntry {
  id: string;
  at: number;
  environmentId: string;
  operation: Operation;
  sessionId?: string;
  body?: unknown;
  status?: number;
}

export interface RequestMap {
  validate: { params: { operation: Operation; body: unknown }; result: FieldProblem[] };
  /** `notify`: the host adds its local notification sink (URL and token stay on the host side). */
  send: { params: { operation: Operation; sessionId?: string; body?: unknown; notify?: boolean }; result: SendResult };
  checkLoginHint: { params: { loginHint: string }; result: { error?: string } };
  signIn: { params: { flow: FlowName; loginHint?: string; scope?: string }; result: { ok: boolean; message?: string } };
  exportCode: { params: { language: Language; operation: Operation; sessionId?: string; body?: unknown }; result: { code?: string; message?: string } };
}

export interface CommandMap {
  ready: Record<string, never>;
  selectEnvironment: { environmentId: string };
  openCode: { language: Language; code: string };
  clearHistory: Record<string, never>;
  copyCode: { code: string };
  /** The raw token goes from the host to the clipboard; the webview never sees it. */
  copyToken: Record<string, never>;
}

export interface NotificationMap {
  didChangeState: PlaygroundState;
  didRecordExchange: ExchangeView;
  didStepSignIn: { step: string; detail?: string };
  didChangeHistory: HistoryEntry[];
}

export type RequestMessage<K extends keyof RequestMap = keyof RequestMap> = { type: 'request'; id: number; method: K; params: RequestMap[K]['params'] };
export type ReplyMessage<K extends keyof RequestMap = keyof RequestMap> = { type: 'reply'; id: number; method: K; result: RequestMap[K]['result'] };
export type CommandMessage<K extends keyof CommandMap = keyof CommandMap> = { type: 'command'; method: K; params: CommandMap[K] };
export type NotificationMessage<K extends keyof NotificationMap = keyof NotificationMap> = { type: 'notification'; method: K; params: NotificationMap[K] };

export type WebviewToHost = RequestMessage | CommandMessage;
export type HostToWebview = ReplyMessage | NotificationMessage;

export const OPERATIONS: readonly Operation[] = ['createSession', 'getSession', 'extendSession', 'deleteSession', 'retrieveSessions', 'listProfiles'];
export const LANGUAGES: readonly Language[] = ['curl', 'javascript', 'python', 'java'];
export const FLOWS: readonly FlowName[] = ['ciba', 'authorization_code', 'client_credentials'];

export function isHostMessage(value: unknown): value is HostToWebview {
  const m = value as { type?: unknown; method?: unknown };
  return !!m && (m.type === 'reply' || m.type === 'notification') && typeof m.method === 'string';
}
