// Requests to the host with replies matched by id; notifications from the host to listeners. A request settles
// exactly once: with the host's result, or rejected with an RpcError when the host answers with an error or
// does not answer in time. (A reloaded page has no requests left waiting: they went with the old page.)
import type { CommandMap, HostToWebview, NotificationMessage, ReplyError, ReplyMessage, RequestMap } from '../../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The host could not answer a request: its code (`HOST_ERROR`, `TIMEOUT`, …) and a message to show. */
export class RpcError extends Error implements ReplyError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** How long a request may wait for its reply; sign-in includes the user's own 5 minutes in the browser. */
const TIMEOUT_MS: Record<keyof RequestMap, number> = {
  validate: 30_000,
  checkLoginHint: 30_000,
  exportCode: 60_000,
  send: 180_000,
  signIn: 330_000,
  // The advisor asks every operator for its profiles (each may sign in first).
  advise: 120_000,
  setNetworkScript: 30_000,
  clearNetworkScript: 30_000,
};

interface Pending {
  /** Settles the request with the host's reply to it. */
  settle(reply: ReplyMessage): void;
  timer: ReturnType<typeof setTimeout>;
}

function isHostMessage(value: unknown): value is HostToWebview {
  if (typeof value !== 'object' || value === null || !('type' in value) || !('method' in value)) return false;
  return (value.type === 'reply' || value.type === 'notification') && typeof value.method === 'string';
}

export class Host {
  readonly api: VsCodeApi = acquireVsCodeApi();
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners: Array<(notification: NotificationMessage) => void> = [];

  constructor() {
    window.addEventListener('message', (event: MessageEvent) => {
      const message: unknown = event.data;
      if (!isHostMessage(message)) return;
      if (message.type === 'reply') {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        pending.settle(message);
      } else {
        for (const listener of this.#listeners) listener(message);
      }
    });
  }

  request<K extends keyof RequestMap>(method: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new RpcError('TIMEOUT', `The extension did not answer "${method}" in time; try again, and see "QoD: Show Log" if it persists.`),
        );
      }, TIMEOUT_MS[method]);
      const settle = (reply: ReplyMessage) => {
        if (reply.error) reject(new RpcError(reply.error.code, reply.error.message));
        // The one cast: the reply is paired with this request by its id, so its result is this method's; the
        // compiler cannot follow a pairing made at run time.
        else resolve(reply.result as RequestMap[K]['result']);
      };
      this.#pending.set(id, { settle, timer });
      this.api.postMessage({ type: 'request', id, method, params });
    });
  }

  command<K extends keyof CommandMap>(method: K, params: CommandMap[K]): void {
    this.api.postMessage({ type: 'command', method, params });
  }

  /** Every notification of the host, in the order it came (the page's store turns each into state). */
  onNotification(listener: (notification: NotificationMessage) => void): void {
    this.#listeners.push(listener);
  }
}

/** The words for a failed request, for the place in the page that was waiting for it. */
export function failure(error: unknown): string {
  if (error instanceof RpcError) return `${error.code}: ${error.message}`;
  return `ERROR: ${error instanceof Error ? error.message : String(error)}`;
}
