// The page's state provider (a store in GitLens' sense): every notification of the host becomes state here, and
// the sections render from it by watching the part they show. One store per page, made by main.ts; no DOM.
import type { HistoryEntry, NotificationMessage, PlaygroundState, SendResult, SessionTimelineView } from '../../shared/protocol';
import { appendTrace, type TraceEntry } from './trace-model';

export interface PageState {
  /** What the host says about its side: environments, flavour, sign-in, profiles (none until it first says). */
  host?: PlaygroundState;
  history: HistoryEntry[];
  sessions: SessionTimelineView[];
  /** The sign-in trace: exchanges, steps, and what the notification sink received. */
  trace: TraceEntry[];
  /** The last answer shown; `title` names the request file's request it answers. */
  lastResult?: SendResult & { title?: string };
  /** How many times the editor asked to send the request on the form (Ctrl/Cmd+Enter). */
  sendRequests: number;
}

/** The state after one notification of the host; `now` stamps a trace line. Pure, unit-tested. */
export function reduce(state: PageState, n: NotificationMessage, now: number): PageState {
  switch (n.method) {
    case 'didChangeState':
      return { ...state, host: n.params };
    case 'didChangeHistory':
      return { ...state, history: n.params };
    case 'didChangeSessions':
      return { ...state, sessions: n.params };
    case 'didRecordExchange':
      return { ...state, trace: appendTrace(state.trace, { exchange: n.params }, now) };
    case 'didStepSignIn':
      return { ...state, trace: appendTrace(state.trace, n.params, now) };
    case 'didReceiveNotification': {
      const { sessionId, status, statusInfo } = n.params;
      const detail = `session ${sessionId.slice(0, 8)} is ${status}${statusInfo ? ` (${statusInfo})` : ''}`;
      return { ...state, trace: appendTrace(state.trace, { step: 'notification', detail }, now) };
    }
    case 'didRequestSend':
      return { ...state, sendRequests: state.sendRequests + 1 };
    case 'didShowResult':
      return { ...state, lastResult: n.params };
  }
}

/** Which sign-in the host state names, so a section can tell a new sign-in from another push of the same one. */
export function signInKey(host: PlaygroundState | undefined): string | undefined {
  const s = host?.signedIn;
  return s ? `${s.flow} ${s.subject ?? ''}` : undefined;
}

export class PageStore {
  #state: PageState;
  readonly #watchers: Array<() => void> = [];

  constructor(initial: PageState) {
    this.#state = initial;
  }

  get state(): PageState {
    return this.#state;
  }

  /** A notification of the host. */
  receive(n: NotificationMessage): void {
    this.#set(reduce(this.#state, n, Date.now()));
  }

  /** A change the page makes itself: a new sign-in clears the trace, a reply becomes the answer shown. */
  update(change: Partial<PageState>): void {
    this.#set({ ...this.#state, ...change });
  }

  /**
   * Calls `listener` whenever the part `select` picks changes (by identity), in the order the watches were made;
   * at once too when `now` is set (a section showing what a reload brought back).
   */
  watch<T>(select: (state: PageState) => T, listener: (value: T) => void, now = false): void {
    let last = select(this.#state);
    this.#watchers.push(() => {
      const next = select(this.#state);
      if (next === last) return;
      last = next;
      listener(next);
    });
    if (now) listener(last);
  }

  #set(next: PageState): void {
    this.#state = next;
    for (const watcher of this.#watchers) watcher();
  }
}
