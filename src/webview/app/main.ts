// The QoD playground: sign in with a visible trace, build a request with a form or JSON (kept in sync and
// validated by the host with the core's validators), send it through the host, inspect the answer, export it
// as code, and re-run it from history. The webview never holds a secret or a token.
//
// This file only wires: the host, the page's store (every notification of the host becomes state there) and the
// sections, which render from the store. It holds no state of its own.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { clear, h } from './dom';
import { loginHintFor } from './form-model';
import { PageStore } from './page-store';
import { Host } from './rpc';
import { advisorSection } from './sections/advisor';
import { authSection } from './sections/auth';
import { diagramSection } from './sections/diagram';
import { copyAsCurl, exportSection, saveAsRequestFile } from './sections/export';
import { headerSection } from './sections/header';
import { historySection } from './sections/history';
import { networkScriptControl, scriptDevice } from './sections/network-script';
import { requestForm } from './sections/request-form';
import { responsePanel } from './sections/response-panel';
import { timelineSection } from './sections/timeline';
import { loadState, saveState } from './store';

const host = new Host();
const saved = loadState(host.api);
// The last answer comes back through the store once every section watches it (the end of this file).
const store = new PageStore({ history: [], sessions: [], trace: saved?.trace ?? [], sendRequests: 0 });

/** What the page keeps across a tab switch or a reload: every section's part, and the store's. */
function save(): void {
  const { trace, lastResult } = store.state;
  saveState(host.api, { version: 1, ...request.values(), ...auth.values(), language: exporter.language(), trace, lastResult });
}

const header = headerSection(host, store);
const history = historySection({
  load: (e) => request.load(e),
  rerun: (e) => {
    request.load(e);
    void request.send(e.operation, e.sessionId ?? '');
  },
  save: (e) => saveAsRequestFile(host, e),
  copyCurl: (e) => copyAsCurl(host, e),
  clear: () => host.command('clearHistory', {}),
});
const response = responsePanel(
  store,
  { followUp: (op, id) => request.followUp(op, id), findExisting: (r) => request.findExisting(r) },
  history.elements,
);
const diagram = diagramSection({
  open: (e) => response.showExchange(e),
  copy: (text) => host.command('copyCode', { code: text }),
  saveSvg: (svgText) => host.command('saveSvg', { svg: svgText }),
});
/** Selecting a session on the timeline puts a Get of it on the form. */
const timeline = timelineSection((id) => request.putOnForm('getSession', id));
const auth = authSection(host, saved, store, {
  save,
  requestHint: () => loginHintFor(request.values().form),
  showExchange: (e) => response.showExchange(e),
});
const exporter = exportSection(host, saved?.language, () => request.current(), save);
const request = requestForm(host, saved, store, {
  save,
  changed: () => exporter.follow(),
  sending: () => response.sending(),
  failed: (text) => response.failed(text),
  showExchange: (e) => response.showExchange(e),
});

/** The device the request names (or the 3-legged sign-in's), for its network script. */
const device = () => scriptDevice(request.values().form, store.state.host?.signedIn?.subject);
const advisor = advisorSection(host, { useProfile: (name) => request.useProfile(name) });
const networkScript = networkScriptControl(host, { device });
request.deviceArea.append(networkScript.element);

store.watch(
  (s) => s.host?.sandboxOutcomes !== undefined,
  (sandbox) => networkScript.show(sandbox),
  true,
);
store.watch((s) => s.trace, diagram.render, true);
store.watch(
  (s) => s.sessions,
  (sessions) => timeline.render(sessions),
);
store.watch((s) => s.history, history.render);
store.watch((s) => s.trace, save);
store.watch((s) => s.lastResult, save);

const app = document.getElementById('app') as HTMLElement;
clear(
  app,
  header,
  h(
    'div',
    { class: 'columns' },
    auth.element,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'request-title' },
      h('h2', { id: 'request-title' }, 'Request'),
      ...request.elements,
      h('vscode-divider', {}),
      ...exporter.elements,
    ),
    response.element,
  ),
  h('div', { class: 'advisor-row' }, advisor.element),
  h('div', { class: 'columns wide' }, timeline.element, diagram.element),
);
app.removeAttribute('aria-busy');

host.onNotification((n) => store.receive(n));
// After a tab switch or a reload: the last answer comes back as it was (the trace came with the store).
store.update({ lastResult: saved?.lastResult });
host.command('ready', {});
