// Requests to the host with replies matched by id; notifications from the host to listeners.
import { isHostMessage, type CommandMap, type NotificationMap, type RequestMap } from '../../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class Host {
  readonly api: VsCodeApi = acquireVsCodeApi();
  #nextId = 1;
  readonly #pending = new Map<number, (result: unknown) => void>();
  readonly #listeners = new Map<string, Array<(params: unknown) => void>>();

  constructor() {
    window.addEventListener('message', (event: MessageEvent) => {
      const message = event.data;
      if (!isHostMessage(message)) return;
      if (message.type === 'reply') {
        this.#pending.get(message.id)?.(message.result);
        this.#pending.delete(message.id);
      } else {
        for (const listener of this.#listeners.get(message.method) ?? []) listener(message.params);
      }
    });
  }

  request<K extends keyof RequestMap>(method: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve as (r: unknown) => void);
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
