// Requests to the host with replies matched by id; notifications from the host to listeners. A request settles
// exactly once: with the host's result, or rejected with an RpcError when the host answers with an error or
// does not answer in time. (A reloaded page has no requests left waiting: they went with the old page.)
import type { CommandMap, HostToWebview, NotificationMap, ReplyError, RequestMap } from '../../shared/protocol';

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
};

interface Pending {
  resolve(result: unknown): void;
  reject(error: RpcError): void;
  timer: ReturnType<typeof setTimeout>;
}

function isHostMessage(value: unknown): value is HostToWebview {
  const m = value as { type?: unknown; method?: unknown } | null;
  return !!m && (m.type === 'reply' || m.type === 'notification') && typeof m.method === 'string';
}

export class Host {
  readonly api: VsCodeApi = acquireVsCodeApi();
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, Array<(params: unknown) => void>>();

  constructor() {
    window.addEventListener('message', (event: MessageEvent) => {
      const message = event.data;
      if (!isHostMessage(message)) return;
      if (message.type === 'reply') {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.error) pending.reject(new RpcError(message.error.code, message.error.message));
        else pending.resolve(message.result);
      } else {
        for (const listener of this.#listeners.get(message.method) ?? []) listener(message.params);
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
      this.#pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      this.api.postMessage({ type: 'request', id, method, params });
    });
  }

  command<K extends keyof CommandMap>(method: K, params: CommandMap[K]): void {
    this.api.postMessage({ type: 'command', method, params });
  }

  on<K extends keyof NotificationMap>(method: K, listener: (params: NotificationMap[K]) => void): void {
    const list = this.#listeners.get(method) ?? [];
    list.push(listener as (p: unknown) => void);
    this.#listeners.set(method, list);
  }
}

/** The words for a failed request, for the place in the page that was waiting for it. */
export function failure(error: unknown): string {
  return error instanceof RpcError ? `${error.code}: ${error.message}` : `ERROR: ${(error as Error)?.message ?? String(error)}`;
}
