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
import type { ExchangeView, FieldProblem, HistoryEntry, Operation, PlaygroundState, SendResult } from '../../shared/protocol';
import { isThreeLegged } from '../../core/auth/three-legged';
import type { Flavour } from '../../core/camara/flavour';
import { OPERATION_TABLE } from '../../core/operations';
import { selectControl, setHelp, textControl, type Input } from './controls';
import { clear, h } from './dom';
import { bodyToForm, EMPTY_FORM, fieldOf, formToBody, loginHintFor, type FormModel } from './form-model';
import { failure, Host } from './rpc';
import { looksLikeCurl, parseCurl } from './paste';
import { authSection } from './sections/auth';
import { exportSection } from './sections/export';
import { historySection } from './sections/history';
import { responseView } from './sections/response';
import { exchangeDetail } from './sections/trace';
import { diagramSection } from './sections/diagram';
import { timelineSection } from './sections/timeline';
import { loadState, saveState } from './store';

const host = new Host();
const saved = loadState(host.api);
let state: PlaygroundState | undefined;
let form: FormModel = saved?.form ?? { ...EMPTY_FORM };
let operation: Operation = saved?.operation ?? 'createSession';

// ── Auth ────────────────────────────────────────────────────────────────────────────────────────────────
const envSelect = h('vscode-single-select', {
  id: 'environment',
  'aria-label': 'Environment',
  onchange: (e: Event) => host.command('selectEnvironment', { environmentId: (e.target as Input).value }),
}) as Input;
const diagram = diagramSection({
  open: (e) => showExchange(e),
  copy: (text) => host.command('copyCode', { code: text }),
  saveSvg: (svgText) => host.command('saveSvg', { svg: svgText }),
});
/** Selecting a session on the timeline puts a Get of it on the form. */
const timeline = timelineSection((id) => putOnForm('getSession', id));
const auth = authSection(host, saved, {
  save: () => save(),
  requestHint: () => loginHintFor(form),
  showExchange: (e) => showExchange(e),
  onTrace: (t) => diagram.render(t),
});

// ── Request ─────────────────────────────────────────────────────────────────────────────────────────────
// Every operation of the core's table, in its words.
const operationSelect = selectControl(
  'operation',
  'Operation',
  Object.values(OPERATION_TABLE).map((o): [string, string] => [o.name, o.title]),
  operation,
  (v) => {
    operation = v as Operation;
    layout();
    save();
    exporter.follow();
  },
);
const sessionId = textControl('session-id', 'Session id', saved?.sessionId ?? '', () => save());
const extendBy = textControl('extend-by', 'Additional seconds', '60', () => void validate());
const deviceKind = selectControl(
  'device-kind',
  'Device identified by',
  [
    ['phoneNumber', 'Phone number'],
    ['ipv4', 'IPv4 address:port'],
    ['ipv6', 'IPv6 address'],
    ['none', 'The token (3-legged)'],
  ],
  form.deviceKind,
  (v) => update({ deviceKind: v as FormModel['deviceKind'] }),
);
const deviceValue = textControl('device-value', 'Device', form.deviceValue, (v) => update({ deviceValue: v }));
const server = textControl('application-server', 'Application server', form.applicationServer, (v) => update({ applicationServer: v }));
const profileSelect = h('vscode-single-select', {
  id: 'qos-profile',
  'aria-label': 'QoS profile',
  onchange: (e: Event) => update({ qosProfile: (e.target as Input).value }),
}) as Input;
const profileHelp = h('div', { class: 'help', id: 'qos-profile-help', role: 'status' });
const duration = textControl('duration', 'Duration (seconds)', form.duration, (v) => update({ duration: v }));
const notify = h('vscode-checkbox', {
  id: 'notify',
  label: 'Notify me of status changes (a local sink on this machine)',
  checked: saved?.notify ?? false,
  onchange: () => save(),
}) as HTMLElement & { checked: boolean };
const json = h('vscode-textarea', {
  id: 'json',
  rows: 12,
  'aria-label': 'Request body (JSON)',
  class: 'json',
  oninput: () => fromJson(),
}) as Input;
const jsonHelp = h('div', { class: 'help', id: 'json-help', role: 'status' });
const problems = h('ul', { id: 'problems', class: 'problems', 'aria-label': 'Problems' });
const sendButton = h('vscode-button', { id: 'send', onclick: () => void send() }, 'Send');
// The device is asked for by create and by the lookup of a device's sessions; the rest only by create.
const deviceSection = h('div', { class: 'form' }, deviceKind.field, deviceValue.field);
const formSection = h(
  'div',
  { class: 'form' },
  server.field,
  h('div', { class: 'field' }, h('vscode-label', { for: 'qos-profile' }, 'QoS profile'), profileSelect, profileHelp),
  duration.field,
  notify,
);
const jsonLabel = h('vscode-label', { for: 'json' }, 'Body (JSON)');

// ── Export ──────────────────────────────────────────────────────────────────────────────────────────────
const exporter = exportSection(
  host,
  saved?.language,
  () => ({ operation, sessionId: sessionId.el.value.trim() || undefined, body: bodyFor(operation) }),
  () => save(),
);

// ── Response ────────────────────────────────────────────────────────────────────────────────────────────
const response = h(
  'div',
  { id: 'response', class: 'response', 'aria-live': 'polite' },
  h('p', { class: 'muted' }, 'Send a request to see the answer here.'),
);
/** One exchange of the trace, opened in the response column where there is room for it. */
const exchangePanel = h('div', { id: 'exchange-detail', class: 'exchange-detail', hidden: true, role: 'region', 'aria-label': 'Exchange' });
function showExchange(e: ExchangeView): void {
  clear(
    exchangePanel,
    h(
      'div',
      { class: 'row' },
      h('h2', {}, 'Exchange'),
      h(
        'vscode-button',
        {
          secondary: true,
          id: 'close-exchange',
          onclick: () => {
            exchangePanel.hidden = true;
          },
        },
        'Close',
      ),
    ),
    ...exchangeDetail(e),
  );
  exchangePanel.hidden = false;
  exchangePanel.scrollIntoView?.({ block: 'nearest' });
}

let jsonText = saved?.json ?? '';
let validationRun = 0;

let lastResult: SendResult | undefined = saved?.lastResult;

function save(): void {
  saveState(host.api, {
    version: 1,
    form,
    json: jsonText,
    operation,
    sessionId: sessionId.el.value,
    ...auth.values(),
    notify: notify.checked,
    language: exporter.language(),
    lastResult,
  });
}

function flavour(): Flavour {
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
  if (op === 'retrieveSessions')
    return form.deviceKind === 'none' ? {} : { device: (formToBody('v1', form) as { device?: unknown }).device };
  return undefined;
}

async function validate(): Promise<FieldProblem[]> {
  const run = ++validationRun;
  // A host that cannot validate does not block Send: the host validates again before anything leaves.
  const found =
    operation === 'createSession' || operation === 'extendSession'
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
  if (operation === 'extendSession') setHelp(extendBy.help, extendBound(), false);
  clear(problems, ...found.map((p) => h('li', { class: 'error' }, p.message)));
  const helpFor: Record<string, HTMLElement> = {
    deviceValue: deviceValue.help,
    applicationServer: server.help,
    qosProfile: profileHelp,
    duration: duration.help,
  };
  for (const p of found) {
    const help = p.path === 'requestedAdditionalDuration' ? extendBy.help : helpFor[fieldOf(p.path)];
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
  // A follow-up (Delete on an answer, a history re-run) becomes the request on the form, so the form, the
  // export and the answer all show the same request.
  if (op !== operation || (needsId && id !== sessionId.el.value.trim())) putOnForm(op, needsId ? id : undefined);
  else exporter.follow();
  clear(response, h('p', { class: 'muted' }, 'Sending…'));
  // An exchange open in the response column belongs to an earlier request: it gives way to this one's.
  const inspecting = !exchangePanel.hidden;
  exchangePanel.hidden = true;
  sendButton.setAttribute('disabled', '');
  try {
    const result = await host.request('send', {
      operation: op,
      sessionId: needsId ? id : undefined,
      body: bodyFor(op),
      notify: op === 'createSession' && notify.checked ? true : undefined,
    });
    renderResponse(result);
    if (inspecting && result.exchange) showExchange(result.exchange);
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
  // Extend asks for the amount first (on the form, with the profile's bound); the others go at once.
  const followUp = (op: Operation, id: string) => (op === 'extendSession' ? prepareExtend(id) : void send(op, id));
  // A refused create because the device has a session already: the way out is that session (v1 can look it up).
  const conflict = !r.ok && r.status === 409 && r.code === 'CONFLICT' && operation === 'createSession' && flavour() === 'v1';
  const parts = responseView(r, { followUp, findExisting: conflict ? () => void send('retrieveSessions', '') : undefined });
  clear(response, ...parts);
}

/** A history entry's request on the form (its body had its credentials stripped by the host). */
function loadEntry(e: HistoryEntry): void {
  if (e.body !== undefined && e.operation === 'createSession') {
    json.value = JSON.stringify(e.body, null, 2);
    fromJson();
  }
  const extra = (e.body as { requestedAdditionalDuration?: unknown } | undefined)?.requestedAdditionalDuration;
  if (e.operation === 'extendSession' && typeof extra === 'number') extendBy.el.value = String(extra);
  putOnForm(e.operation, e.sessionId);
}

const history = historySection({
  load: loadEntry,
  rerun: (e) => {
    loadEntry(e);
    void send(e.operation, e.sessionId ?? '');
  },
  clear: () => host.command('clearHistory', {}),
});

function applyState(next: PlaygroundState): void {
  state = next;
  clear(envSelect, ...next.environments.map((e) => h('vscode-option', { value: e.id, selected: e.id === next.environmentId }, e.label)));
  const signInChanged = auth.apply(next);
  clear(
    profileSelect,
    ...next.profiles.map((p) =>
      h(
        'vscode-option',
        { value: p.name, selected: p.name === form.qosProfile, description: `${p.minSeconds}..${p.maxSeconds} s` },
        `${p.name} (${p.minSeconds}..${p.maxSeconds} s)${p.status === 'ACTIVE' ? '' : ` ${p.status}`}`,
      ),
    ),
  );
  const s = next.signedIn;
  flavourBadge.textContent = `QoD ${next.flavour}`;
  // The form agrees with the sign-in: with a 3-legged token the token names the device (v1 then wants none in
  // the body); a 2-legged token names none, so the body must.
  if (signInChanged && s && isThreeLegged(s.flow) && next.flavour === 'v1' && form.deviceKind !== 'none') {
    deviceKind.el.value = 'none';
    update({ deviceKind: 'none', deviceValue: '' });
  } else if (signInChanged && s && !isThreeLegged(s.flow) && form.deviceKind === 'none') {
    deviceKind.el.value = 'phoneNumber';
    update({ deviceKind: 'phoneNumber', deviceValue: EMPTY_FORM.deviceValue });
  } else if (!jsonText) {
    update({});
  }
}

/** Puts an extend of `id` on the form with the amount field focused, and says how far the profile lets it go. */
function prepareExtend(id: string): void {
  putOnForm('extendSession', id);
  extendBy.el.focus();
}

/** Makes `op` (on session `id`, when given) the request on the form: the fields, the saved state and the export follow. */
function putOnForm(op: Operation, id?: string): void {
  operation = op;
  operationSelect.el.value = op;
  if (id !== undefined) sessionId.el.value = id;
  layout();
  save();
  exporter.follow();
}

/** The extension the session's profile allows, from the last answer about it (a provider caps anything beyond). */
function extendBound(): string | undefined {
  const body =
    lastResult?.sessionId === sessionId.el.value.trim()
      ? (lastResult?.body as { qosProfile?: unknown; duration?: unknown } | undefined)
      : undefined;
  const profile = state?.profiles.find((p) => p.name === body?.qosProfile);
  if (!profile || typeof body?.duration !== 'number') return undefined;
  const more = Math.max(0, profile.maxSeconds - body.duration);
  return `Up to ${more} s more: ${profile.name} allows at most ${profile.maxSeconds} s in all and this session has ${body.duration} s; the provider caps a longer extension.`;
}

function layout(): void {
  const create = operation === 'createSession';
  deviceSection.hidden = !(create || operation === 'retrieveSessions');
  formSection.hidden = !create;
  json.hidden = !create;
  jsonLabel.hidden = !create;
  sessionId.field.hidden = !(operation === 'getSession' || operation === 'extendSession' || operation === 'deleteSession');
  extendBy.field.hidden = operation !== 'extendSession';
  if (operation === 'extendSession') setHelp(extendBy.help, extendBound(), false);
  void validate();
}

const flavourBadge = h('vscode-badge', { id: 'flavour' }, '');
const app = document.getElementById('app') as HTMLElement;
clear(
  app,
  h(
    'header',
    { class: 'row' },
    h('h1', {}, 'QoD Playground'),
    flavourBadge,
    h('vscode-label', { for: 'environment' }, 'Environment'),
    envSelect,
  ),
  h(
    'div',
    { class: 'columns' },
    auth.element,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'request-title' },
      h('h2', { id: 'request-title' }, 'Request'),
      operationSelect.field,
      sessionId.field,
      extendBy.field,
      deviceSection,
      formSection,
      jsonLabel,
      json,
      jsonHelp,
      problems,
      h('div', { class: 'row' }, sendButton),
      h('vscode-divider', {}),
      ...exporter.elements,
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'response-title' },
      h('h2', { id: 'response-title' }, 'Response'),
      response,
      exchangePanel,
      ...history.elements,
    ),
  ),
  h('div', { class: 'columns wide' }, timeline.element, diagram.element),
);
app.removeAttribute('aria-busy');
json.value = jsonText;

host.on('didChangeState', applyState);
host.on('didRecordExchange', (exchange) => auth.addTrace({ exchange }));
host.on('didStepSignIn', (step) => auth.addTrace(step));
host.on('didChangeHistory', history.render);
host.on('didChangeSessions', (sessions) => timeline.render(sessions));
host.on('didReceiveNotification', (n) =>
  auth.addTrace({
    step: 'notification',
    detail: `session ${n.sessionId.slice(0, 8)} is ${n.status}${n.statusInfo ? ` (${n.statusInfo})` : ''}`,
  }),
);
// Ctrl/Cmd+Enter anywhere in the playground (the editor's keybinding): send unless validation holds it back.
host.on('didRequestSend', () => {
  if (!sendButton.hasAttribute('disabled')) void send();
});
layout();
// After a tab switch or a reload: the last answer comes back as it was (the trace with its section).
if (lastResult) renderResponse(lastResult);
host.command('ready', {});
