// The answer of a request: status, timing and size, the x-correlator, the CAMARA error with its explanation and
// fix, one-click follow-ups on the session it names, the response headers and the (redacted) body.
import type { Operation, SendResult } from '../../../shared/protocol';
import { distinctTexts } from '../../../core/distinct-texts';
import { OPERATION_TABLE, OPERATIONS } from '../../../core/operations';
import { h } from '../dom';
import { jsonView } from '../json-view';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The status with its reason and class in words and a sign (✓ success, ! refused, ✕ server failure), not colour alone. */
function statusBadge(status: number | undefined): HTMLElement {
  if (status === undefined) return h('span', { id: 'status', class: 'status status-none' }, '✕ no answer');
  const kind = status < 300 ? '2xx' : status < 500 ? '4xx' : '5xx';
  const sign = kind === '2xx' ? '✓' : kind === '4xx' ? '!' : '✕';
  const words = kind === '2xx' ? 'success' : kind === '4xx' ? 'refused' : 'server failure';
  return h('span', { id: 'status', class: `status status-${kind}`, title: words }, `${sign} ${status} ${REASONS[status] ?? ''}`.trim());
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export interface ResponseActions {
  /** Acts on a session the answer names: get, delete, or prepare an extend. */
  followUp(operation: Operation, sessionId: string): void;
  /** After a 409 CONFLICT on create: look up the device's existing session (where the flavour can). */
  findExisting?: () => void;
}

/**
 * The operations on one session (those whose route names it, in the table's order), each a button named by its
 * title's verb: Get, Extend…, Delete. One that needs more than the id (extend's seconds) says so with "…": it
 * waits on the form for the rest.
 */
const actionsOn = (resource: 'session' | 'assignment') =>
  OPERATIONS.filter((name) => OPERATION_TABLE[name].needsId && OPERATION_TABLE[name].resource === resource).map((operation) => {
    const { title, requestKind } = OPERATION_TABLE[operation];
    const verb = title.split(' ')[0] ?? title;
    return { operation, id: verb.toLowerCase(), label: `${verb}${requestKind ? '…' : ''}` };
  });
const ACTIONS = { session: actionsOn('session'), assignment: actionsOn('assignment') };

/** The actions on one session or assignment (ids prefixed for the list of a device's sessions). */
function sessionActions(id: string, followUp: ResponseActions['followUp'], prefix = 'action', resource: keyof typeof ACTIONS = 'session') {
  return ACTIONS[resource].map((a) =>
    h('vscode-button', { id: `${prefix}-${a.id}`, secondary: true, onclick: () => followUp(a.operation, id) }, a.label),
  );
}

/** The sessions of a list answer (retrieve-sessions), each with its actions. */
function sessionRows(body: unknown, followUp: ResponseActions['followUp']): HTMLElement | undefined {
  if (!Array.isArray(body)) return undefined;
  const sessions = body.filter(
    (s): s is { sessionId: string; qosStatus?: unknown; qosProfile?: unknown } =>
      typeof (s as { sessionId?: unknown })?.sessionId === 'string',
  );
  if (sessions.length === 0) return h('p', { class: 'muted', id: 'session-list' }, 'No session for this device.');
  return h(
    'ul',
    { id: 'session-list', class: 'session-list', 'aria-label': 'Sessions of the device' },
    ...sessions.map((s, i) =>
      h(
        'li',
        { class: 'row' },
        h('span', {}, `${s.sessionId} · ${String(s.qosProfile ?? '')} · ${String(s.qosStatus ?? '')}`),
        ...sessionActions(s.sessionId, followUp, `list-${i}`),
      ),
    ),
  );
}

/** The answer's parts, with the actions that make sense on it. */
export function responseView(r: SendResult, actions: ResponseActions): Array<Node | string> {
  const { followUp } = actions;
  const status = statusBadge(r.status);
  const bytes = r.exchange?.responseBytes !== undefined ? ` · ${size(r.exchange.responseBytes)}` : '';
  const timing =
    r.exchange?.totalMs !== undefined
      ? `${Math.round(r.exchange.totalMs)} ms (first byte ${Math.round(r.exchange.timeToFirstByteMs ?? 0)} ms)${bytes}`
      : '';
  const parts: Array<Node | string> = [
    h(
      'div',
      { class: 'row' },
      status,
      h('span', { class: 'muted' }, `${r.exchange?.method ?? ''} ${r.exchange?.url ?? ''}`),
      h('span', { class: 'muted' }, timing),
    ),
  ];
  if (r.correlator) parts.push(h('div', { class: 'muted' }, `x-correlator: ${r.correlator}`));
  if (!r.ok) {
    // The provider's message, the explanation and the fix, each shown once when they repeat each other.
    const [message, explanation, fix] = distinctTexts([r.message, r.explanation, r.fix]);
    parts.push(h('div', { class: 'error', id: 'error-code' }, `${r.code ?? ''}: ${message ?? ''}`));
    if (explanation) parts.push(h('div', { id: 'error-explanation' }, explanation));
    if (fix) parts.push(h('div', { id: 'error-fix' }, `Fix: ${fix}`));
    if (actions.findExisting) {
      parts.push(
        h(
          'div',
          { class: 'row' },
          h('vscode-button', { id: 'action-find-existing', onclick: actions.findExisting }, "Find the device's session"),
          h('span', { class: 'muted' }, 'then extend it, or delete it and create again'),
        ),
      );
    }
  }
  const id = r.sessionId;
  if (id) {
    parts.push(
      h('div', { class: 'row', id: 'session-actions' }, h('span', { id: 'session-id-value' }, id), ...sessionActions(id, followUp)),
    );
  }
  // A QoS Provisioning assignment: get it again, or revoke it (while it is not UNAVAILABLE already).
  if (r.assignmentId) {
    const assignmentId = r.assignmentId;
    parts.push(
      h(
        'div',
        { class: 'row', id: 'assignment-actions' },
        h('span', { id: 'assignment-id-value' }, assignmentId),
        ...sessionActions(assignmentId, followUp, 'assignment-action', 'assignment'),
      ),
    );
  }
  const rows = r.ok ? sessionRows(r.body, followUp) : undefined;
  if (rows) parts.push(rows);
  if (r.exchange?.responseHeaders) {
    parts.push(
      h(
        'details',
        {},
        h('summary', {}, 'Response headers'),
        h(
          'table',
          { class: 'headers' },
          ...Object.entries(r.exchange.responseHeaders).map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))),
        ),
      ),
    );
  }
  if (r.body !== undefined) parts.push(jsonView(r.body, { id: 'response-body' }));
  // Said in words, so an answer without a body (a DELETE's 204) is not mistaken for one still to come.
  else if (r.status !== undefined)
    parts.push(
      h(
        'p',
        { id: 'response-no-body', class: 'muted' },
        `${[r.status, REASONS[r.status]].filter((x) => x !== undefined).join(' ')} — no body`,
      ),
    );
  return parts;
}
