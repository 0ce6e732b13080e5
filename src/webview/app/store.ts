// What the page keeps across a tab switch or a reload (VS Code writes it to disk): everything on the page but
// secrets. The JSON editor's text goes through the credential-free path; answers and the trace are kept as
// the host sent them, already redacted.
import type { Operation, SendResult } from '../../shared/protocol';
import type { FormModel } from './form-model';
import { withoutCredentials } from './saved-state';
import { TRACE_KEPT, type TraceEntry } from './trace-model';

export { TRACE_KEPT, type TraceEntry };

export interface SavedState {
  version: 1;
  form: FormModel;
  /** The JSON editor's text, credentials replaced. */
  json: string;
  operation: Operation;
  sessionId: string;
  flow?: string;
  loginHint?: string;
  scope?: string;
  notify?: boolean;
  language?: string;
  /** The last answer shown. */
  lastResult?: SendResult;
  /** The sign-in trace, the latest `TRACE_KEPT` lines. */
  trace?: TraceEntry[];
}

interface StateApi {
  getState(): unknown;
  setState(state: unknown): void;
}

/** The saved state, if it is one of ours. */
export function loadState(api: StateApi): SavedState | undefined {
  const saved = api.getState() as SavedState | undefined;
  return saved?.version === 1 ? saved : undefined;
}

export function saveState(api: StateApi, state: SavedState): void {
  const { lastResult, ...rest } = state;
  api.setState({
    ...rest,
    json: withoutCredentials(state.json),
    trace: (state.trace ?? []).slice(-TRACE_KEPT),
    ...(lastResult ? { lastResult } : {}),
  } satisfies SavedState);
}
