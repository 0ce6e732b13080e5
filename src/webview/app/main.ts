// The QoD playground: sign in with a visible trace, build a request with a form or JSON (kept in sync and
// validated by the host with the core's validators), send it through the host, inspect the answer, export it
// as code, and re-run it from history. The webview never holds a secret or a token.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { FieldProblem, HistoryEntry, Language, Operation, PlaygroundState, SendResult } from '../../shared/protocol';
import { OPERATION_TABLE } from '../../core/operations';
import { clear, h } from './dom';
import { bodyToForm, EMPTY_FORM, fieldOf, formToBody, loginHintFor, type FormModel } from './form-model';
import { failure, Host } from './rpc';
import { looksLikeCurl, parseCurl } from './paste';
import { historyView } from './sections/history';
import { responseView } from './sections/response';
import { traceLine } from './sections/trace';
import { loadState, saveState, TRACE_KEPT, type TraceEntry } from './store';

const host = new Host();
const saved = loadState(host.api);
let state: PlaygroundState | undefined;
let form: FormModel = saved?.form ?? { ...EMPTY_FORM };
let operation: Operation = saved?.operation ?? 'createSession';

type Input = HTMLElement & { value: string };
const input = (id: string, label: string, value: string, onInput: (v: string) => void): { field: HTMLElement; el: Input; help: HTMLElement } => {
  const el = h('vscode-textfield', { id, value, 'aria-label': label, oninput: (e: Event) => onInput((e.target as Input).value) }) as Input;
  const help = h('div', { class: 'help', id: `${id}-help`, role: 'status' });
  return { field: h('div', { class: 'field' }, h('vscode-label', { for: id }, label), el, help), el, help };
};
const select = (id: string, label: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): { field: HTMLElement; el: Input } => {
  const el = h('vscode-single-select', { id, 'aria-label': label, onchange: (e: Event) => onChange((e.target as Input).value) },
    ...options.map(([v, text]) => h('vscode-option', { value: v, selected: v === value }, text))) as Input;
  return { field: h('div', { class: 'field' }, h('vscode-label', { for: id }, label), el), el };
};

// ── Auth ────────────────────────────────────────────────────────────────────────────────────────────────
const envSelect = h('vscode-single-select', { id: 'environment', 'aria-label': 'Environment', onchange: (e: Event) => host.command('selectEnvironment', { environmentId: (e.target as Input).value }) }) as Input;
const flow = select('flow', 'Flow', [['ciba', 'CIBA (backend)'], ['authorization_code', 'Authorization code'], ['client_credentials', 'Client credentials']], saved?.flow ?? 'ciba', () => save());
const loginHint = input('login-hint', 'Login hint (tel:+<E.164>, ipport:<IPv4>[:port], ipport:[<IPv6>][:port])', saved?.loginHint ?? 'tel:+34666666661', (v) => { save(); void checkHint(v); });

/** The host checks the login_hint with the core's parser, as it is typed. */
async function checkHint(value: string): Promise<void> {
  const { error } = await host.request('checkLoginHint', { loginHint: value }).catch((e: unknown) => ({ error: failure(e) }));
  loginHint.help.textContent = error ?? '';
  loginHint.help.className = error ? 'help error' : 'help';
  signInButton.toggleAttribute('disabled', !!error && flow.el.value !== 'client_credentials');
}
/** The hint builder: the device of the request below, written as a login_hint. */
const hintFromDevice = h('vscode-button', {
  id: 'hint-from-device', secondary: true,
  onclick: () => {
    const hint = loginHintFor(form);
    if (!hint) {
      loginHint.help.textContent = 'The request names no device (the token does): type the login hint above.';
      loginHint.help.className = 'help';
      return;
    }
    loginHint.el.value = hint;
    void checkHint(hint);
  },
}, 'Use the request\'s device');
loginHint.field.append(h('div', { class: 'row' }, hintFromDevice));
const scope = input('scope', 'Scopes', saved?.scope ?? '', () => save());
const presets = h('div', { class: 'presets' });
const signedIn = h('div', { id: 'signed-in', class: 'muted' }, 'Not signed in');
const trace = h('ol', { id: 'trace', class: 'trace', 'aria-label': 'Sign-in trace' });
const signInButton = h('vscode-button', {
  id: 'sign-in',
  onclick: async () => {
    clear(trace);
    traceEntries = [];
    signInButton.setAttribute('disabled', '');
    cancelSignIn.hidden = false;
    try {
      const result = await host.request('signIn', { flow: flow.el.value as 'ciba', loginHint: loginHint.el.value.trim() || undefined, scope: scope.el.value.trim() || undefined });
      if (!result.ok) addTrace({ error: result.message ?? 'sign-in failed' });
    } catch (error) {
      addTrace({ error: failure(error) });
    } finally {
      signInButton.removeAttribute('disabled');
      cancelSignIn.hidden = true;
    }
  },
}, 'Sign in');
/** Stops a sign-in under way (a CIBA approval that will not come, a browser round trip abandoned). */
const cancelSignIn = h('vscode-button', { id: 'cancel-sign-in', secondary: true, hidden: true, onclick: () => host.command('cancelSignIn', {}) }, 'Cancel');

// ── Request ─────────────────────────────────────────────────────────────────────────────────────────────
// Every operation of the core's table, in its words.
const operationSelect = select('operation', 'Operation', Object.values(OPERATION_TABLE).map((o): [string, string] => [o.name, o.title]),
  operation, (v) => { operation = v as Operation; layout(); save(); });
const sessionId = input('session-id', 'Session id', saved?.sessionId ?? '', () => save());
const extendBy = input('extend-by', 'Additional seconds', '60', () => undefined);
const deviceKind = select('device-kind', 'Device identified by', [['phoneNumber', 'Phone number'], ['ipv4', 'IPv4 address:port'], ['ipv6', 'IPv6 address'], ['none', 'The token (3-legged)']], form.deviceKind, (v) => update({ deviceKind: v as FormModel['deviceKind'] }));
const deviceValue = input('device-value', 'Device', form.deviceValue, (v) => update({ deviceValue: v }));
const server = input('application-server', 'Application server', form.applicationServer, (v) => update({ applicationServer: v }));
const profileSelect = h('vscode-single-select', { id: 'qos-profile', 'aria-label': 'QoS profile', onchange: (e: Event) => update({ qosProfile: (e.target as Input).value }) }) as Input;
const profileHelp = h('div', { class: 'help', id: 'qos-profile-help', role: 'status' });
const duration = input('duration', 'Duration (seconds)', form.duration, (v) => update({ duration: v }));
const notify = h('vscode-checkbox', { id: 'notify', label: 'Notify me of status changes (a local sink on this machine)', checked: saved?.notify ?? false, onchange: () => save() }) as HTMLElement & { checked: boolean };
const json = h('vscode-textarea', { id: 'json', rows: 12, 'aria-label': 'Request body (JSON)', class: 'json', oninput: () => fromJson() }) as Input;
const jsonHelp = h('div', { class: 'help', id: 'json-help', role: 'status' });
const problems = h('ul', { id: 'problems', class: 'problems', 'aria-label': 'Problems' });
const sendButton = h('vscode-button', { id: 'send', onclick: () => void send() }, 'Send');
const formSection = h('div', { class: 'form' }, deviceKind.field, deviceValue.field, server.field,
  h('div', { class: 'field' }, h('vscode-label', { for: 'qos-profile' }, 'QoS profile'), profileSelect, profileHelp), duration.field, notify);

// ── Export ──────────────────────────────────────────────────────────────────────────────────────────────
const language = select('language', 'Export as', [['curl', 'curl'], ['javascript', 'JavaScript (fetch)'], ['python', 'Python (requests)'], ['java', 'Java (java.net.http)']], saved?.language ?? 'curl', () => save());
const exported = h('pre', { id: 'exported', class: 'code', hidden: true });
const exportButtons = h('div', { class: 'row' },
  h('vscode-button', { id: 'export', secondary: true, onclick: () => void exportCode(false) }, 'Show code'),
  h('vscode-button', { id: 'open-code', secondary: true, onclick: () => void exportCode(true) }, 'Open in editor'),
  h('vscode-button', { id: 'copy-code', secondary: true, onclick: async () => { const code = await exportCode(false); if (code) host.command('copyCode', { code }); } }, 'Copy'));

// ── Response ────────────────────────────────────────────────────────────────────────────────────────────
const response = h('div', { id: 'response', class: 'response', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Send a request to see the answer here.'));
const history = h('ol', { id: 'history', class: 'history', 'aria-label': 'History' });

let jsonText = saved?.json ?? '';
let validationRun = 0;

let lastResult: SendResult | undefined = saved?.lastResult;
let traceEntries: TraceEntry[] = saved?.trace ?? [];

function save(): void {
  saveState(host.api, {
    version: 1, form, json: jsonText, operation, sessionId: sessionId.el.value,
    flow: flow.el.value, loginHint: loginHint.el.value, scope: scope.el.value, notify: notify.checked, language: language.el.value,
    lastResult, trace: traceEntries,
  });
}

/** One more line of the sign-in trace, shown and kept. */
function addTrace(entry: TraceEntry): void {
  traceEntries = [...traceEntries, entry].slice(-TRACE_KEPT);
  trace.append(traceLine(entry));
  save();
}

function flavour(): 'v0.8' | 'v0.10' | 'v1' {
  return state?.flavour ?? 'v1';
}

/** A form change rewrites the JSON; the JSON stays the single source of the body that is sent. */
function update(change: Partial<FormModel>): void {
  form = { ...form, ...change };
  deviceValue.field.hidden = form.deviceKind === 'none';
  jsonText = JSON.stringify(formToBody(flavour(), form), null, 2);
  json.value = jsonText;
  void validate();
  save();
}

/** A curl command pasted into the JSON editor: its operation and body are taken, its headers left behind. */
function fromCurl(text: string): void {
  const pasted = parseCurl(text);
  if (pasted?.operation) {
    operation = pasted.operation;
    operationSelect.el.value = operation;
  }
  if (pasted?.sessionId) sessionId.el.value = pasted.sessionId;
  const extra = (pasted?.body as { requestedAdditionalDuration?: unknown } | undefined)?.requestedAdditionalDuration;
  if (operation === 'extendSession' && typeof extra === 'number') extendBy.el.value = String(extra);
  const body = operation === 'createSession' ? pasted?.body : undefined;
  json.value = body === undefined ? jsonText : typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  layout();
  fromJson();
  if (jsonHelp.textContent) return; // the body is not JSON: that message matters more
  jsonHelp.textContent = `Took ${operation === 'createSession' ? 'the body of ' : 'the operation from '}the pasted curl command; its headers, the Authorization token among them, are not kept: the playground signs in for you.`;
  jsonHelp.className = 'help';
}

/** A JSON edit updates the form; text that is not JSON yet keeps the form as it was (nothing is lost). */
function fromJson(): void {
  if (looksLikeCurl(json.value)) return fromCurl(json.value);
  jsonText = json.value;
  let body: unknown;
  try {
    body = JSON.parse(jsonText);
  } catch (error) {
    jsonHelp.textContent = `JSON: ${(error as Error).message}`;
    jsonHelp.className = 'help error';
    save();
    return;
  }
  jsonHelp.textContent = '';
  form = bodyToForm(body, form);
  deviceKind.el.value = form.deviceKind;
  deviceValue.el.value = form.deviceValue;
  server.el.value = form.applicationServer;
  profileSelect.value = form.qosProfile;
  duration.el.value = form.duration;
  void validate();
  save();
}

function bodyFor(op: Operation): unknown {
  if (op === 'createSession') {
    try {
      return JSON.parse(jsonText);
    } catch {
      return undefined;
    }
  }
  if (op === 'extendSession') return { requestedAdditionalDuration: Number(extendBy.el.value) };
  if (op === 'retrieveSessions') return form.deviceKind === 'none' ? {} : { device: (formToBody('v1', form) as { device?: unknown }).device };
  return undefined;
}

async function validate(): Promise<FieldProblem[]> {
  const run = ++validationRun;
  // A host that cannot validate does not block Send: the host validates again before anything leaves.
  const found = operation === 'createSession' || operation === 'extendSession'
    ? await host.request('validate', { operation, body: bodyFor(operation) }).catch(() => [])
    : [];
  if (run !== validationRun) return found;
  showProblems(found);
  return found;
}

function showProblems(found: FieldProblem[]): void {
  for (const help of [deviceValue.help, server.help, profileHelp, duration.help]) {
    help.textContent = '';
    help.className = 'help';
  }
  clear(problems, ...found.map((p) => h('li', { class: 'error' }, p.message)));
  const helpFor: Record<string, HTMLElement> = { deviceValue: deviceValue.help, applicationServer: server.help, qosProfile: profileHelp, duration: duration.help };
  for (const p of found) {
    const help = helpFor[fieldOf(p.path)];
    if (help) {
      help.textContent = p.message;
      help.className = 'help error';
    }
  }
  sendButton.toggleAttribute('disabled', found.length > 0);
}

async function send(op: Operation = operation, id: string = sessionId.el.value.trim()): Promise<void> {
  const needsId = op === 'getSession' || op === 'extendSession' || op === 'deleteSession';
  if (needsId && !id) {
    showProblems([{ path: 'sessionId', message: 'sessionId: is required for this operation' }]);
    return;
  }
  clear(response, h('p', { class: 'muted' }, 'Sending…'));
  sendButton.setAttribute('disabled', '');
  try {
    renderResponse(await host.request('send', { operation: op, sessionId: needsId ? id : undefined, body: bodyFor(op), notify: op === 'createSession' && notify.checked ? true : undefined }));
  } catch (error) {
    clear(response, h('div', { class: 'error', id: 'error-code' }, failure(error)));
  } finally {
    // Back to what validation says: still held back only if the request has problems.
    sendButton.toggleAttribute('disabled', problems.childElementCount > 0);
  }
}

function renderResponse(r: SendResult): void {
  lastResult = r;
  save();
  if (r.problems?.length) {
    showProblems(r.problems);
    clear(response, h('p', { class: 'error' }, 'Not sent: the request is not valid (see the problems above).'));
    return;
  }
  if (r.sessionId) {
    sessionId.el.value = r.sessionId;
    save();
  }
  const parts = responseView(r, (op, id) => void send(op, id));
  clear(response, ...parts);
}

async function exportCode(open: boolean): Promise<string | undefined> {
  const lang = language.el.value as Language;
  const result = await host.request('exportCode', { language: lang, operation, sessionId: sessionId.el.value.trim() || undefined, body: bodyFor(operation) })
    .catch((error: unknown) => ({ code: undefined, message: failure(error) }));
  if (!result.code) {
    exported.hidden = false;
    exported.textContent = result.message ?? 'export failed';
    return undefined;
  }
  if (open) host.command('openCode', { language: lang, code: result.code });
  exported.hidden = false;
  exported.textContent = result.code;
  return result.code;
}

function renderHistory(entries: HistoryEntry[]): void {
  clear(history, ...historyView(entries, (e) => {
    operation = e.operation;
    operationSelect.el.value = e.operation;
    if (e.body !== undefined && e.operation === 'createSession') {
      json.value = JSON.stringify(e.body, null, 2);
      fromJson();
    }
    layout();
    void send(e.operation, e.sessionId ?? '');
  }));
}

function applyState(next: PlaygroundState): void {
  state = next;
  clear(envSelect, ...next.environments.map((e) => h('vscode-option', { value: e.id, selected: e.id === next.environmentId }, e.label)));
  if (next.flows?.length) {
    const chosen = next.flows.some((f) => f.id === flow.el.value) ? flow.el.value : next.flows[0]?.id;
    clear(flow.el, ...next.flows.map((f) => h('vscode-option', { value: f.id, selected: f.id === chosen }, f.label)));
    if (chosen) flow.el.value = chosen;
  }
  clear(presets, ...Object.entries(next.scopePresets).map(([name, value]) =>
    h('vscode-button', { secondary: true, class: 'preset', onclick: () => { scope.el.value = value; } }, name)));
  if (!scope.el.value) scope.el.value = Object.values(next.scopePresets)[0] ?? '';
  if (next.defaultLoginHint && !saved) loginHint.el.value = next.defaultLoginHint;
  clear(profileSelect, ...next.profiles.map((p) => h('vscode-option', { value: p.name, selected: p.name === form.qosProfile, description: `${p.minSeconds}..${p.maxSeconds} s` }, `${p.name} (${p.minSeconds}..${p.maxSeconds} s)${p.status === 'ACTIVE' ? '' : ` ${p.status}`}`)));
  const s = next.signedIn;
  clear(signedIn, s ? `Signed in with ${s.flow}${s.subject ? ` as ${s.subject}` : ''}${s.expiresAt ? `, token expires ${new Date(s.expiresAt).toLocaleTimeString()}` : ''}` : 'Not signed in',
    ...(s?.claims ? [h('details', {}, h('summary', {}, 'Token claims (decoded, not verified)'), h('pre', { class: 'code', id: 'claims' }, JSON.stringify(s.claims, null, 2)))] : []),
    // The raw token only on request, and then to the clipboard by the host: it never comes to this page.
    ...(s ? [h('div', { class: 'row' }, h('vscode-button', { secondary: true, id: 'copy-token', onclick: () => host.command('copyToken', {}) }, 'Copy access token'))] : []));
  flavourBadge.textContent = `QoD ${next.flavour}`;
  // With a 3-legged token the token names the device; v1 then wants no device in the body.
  if (s && s.flow !== 'client_credentials' && next.flavour === 'v1' && form.deviceKind !== 'none') {
    deviceKind.el.value = 'none';
    update({ deviceKind: 'none', deviceValue: '' });
  } else if (!jsonText) {
    update({});
  }
}

function layout(): void {
  const create = operation === 'createSession';
  formSection.hidden = !create;
  json.hidden = !create;
  sessionId.field.hidden = !(operation === 'getSession' || operation === 'extendSession' || operation === 'deleteSession');
  extendBy.field.hidden = operation !== 'extendSession';
  void validate();
}

const flavourBadge = h('vscode-badge', { id: 'flavour' }, '');
const app = document.getElementById('app') as HTMLElement;
clear(app,
  h('header', { class: 'row' }, h('h1', {}, 'QoD Playground'), flavourBadge, h('vscode-label', { for: 'environment' }, 'Environment'), envSelect),
  h('div', { class: 'columns' },
    h('section', { class: 'panel', 'aria-labelledby': 'auth-title' }, h('h2', { id: 'auth-title' }, 'Sign in'), flow.field, loginHint.field, scope.field, presets,
      h('div', { class: 'row' }, signInButton, cancelSignIn), signedIn, trace),
    h('section', { class: 'panel', 'aria-labelledby': 'request-title' }, h('h2', { id: 'request-title' }, 'Request'), operationSelect.field, sessionId.field, extendBy.field, formSection,
      h('vscode-label', { for: 'json' }, 'Body (JSON)'), json, jsonHelp, problems, h('div', { class: 'row' }, sendButton),
      h('vscode-divider', {}), language.field, exportButtons, exported),
    h('section', { class: 'panel', 'aria-labelledby': 'response-title' }, h('h2', { id: 'response-title' }, 'Response'), response,
      h('h2', {}, 'History'), history, h('vscode-button', { secondary: true, id: 'clear-history', onclick: () => host.command('clearHistory', {}) }, 'Clear history'))));
app.removeAttribute('aria-busy');
json.value = jsonText;

host.on('didChangeState', applyState);
host.on('didRecordExchange', (exchange) => addTrace({ exchange }));
host.on('didStepSignIn', (step) => addTrace(step));
host.on('didChangeHistory', renderHistory);
layout();
// After a tab switch or a reload: the last answer and the trace come back as they were.
for (const entry of traceEntries) trace.append(traceLine(entry));
if (lastResult) renderResponse(lastResult);
host.command('ready', {});
