// Sign in: the flow (from the host's flow table), the login hint (checked by the host as it is typed), the
// scopes with presets, the Sign in / Cancel buttons, who is signed in, and the step-by-step trace.
import type { ExchangeView, PlaygroundState } from '../../../shared/protocol';
import { selectControl, setHelp, textControl } from '../controls';
import { clear, h } from '../dom';
import { claimsView } from '../json-view';
import { failure, type Host } from '../rpc';
import type { SavedState } from '../store';
import { appendTrace, mmss, type TraceEntry } from '../trace-model';
import { traceLine } from './trace';

export interface AuthSection {
  element: HTMLElement;
  /** What the page keeps of this section. */
  values(): { flow: string; loginHint: string; scope: string; trace: TraceEntry[] };
  addTrace(entry: TraceEntry): void;
  /** Shows the state; answers whether the sign-in is another than the one shown before. */
  apply(next: PlaygroundState): boolean;
}

export interface AuthDeps {
  save(): void;
  /** The device of the request on the form, as a login_hint; undefined when the token names it. */
  requestHint(): string | undefined;
  /** Opens an exchange of the trace where there is room for it. */
  showExchange(exchange: ExchangeView): void;
  /** The trace changed (the sequence diagram follows it). */
  onTrace(trace: TraceEntry[]): void;
}

export function authSection(host: Host, saved: SavedState | undefined, deps: AuthDeps): AuthSection {
  let traceEntries: TraceEntry[] = saved?.trace ?? [];
  /** The sign-in last shown, so the flow list follows a new sign-in but not every state push. */
  let shownSignIn: string | undefined;
  /** What the user typed is theirs: the environment's default hint fills only a hint never typed into. */
  let hintTyped = saved?.loginHint !== undefined;
  const flow = selectControl('flow', 'Flow', [['ciba', 'CIBA (backend)'], ['authorization_code', 'Authorization code'], ['client_credentials', 'Client credentials']], saved?.flow ?? 'ciba', () => deps.save());
  const loginHint = textControl('login-hint', 'Login hint (tel:+<E.164>, ipport:<IPv4>[:port], ipport:[<IPv6>][:port])', saved?.loginHint ?? 'tel:+34666666661', (v) => { hintTyped = true; deps.save(); void checkHint(v); });
  const scope = textControl('scope', 'Scopes', saved?.scope ?? '', () => deps.save());
  const presets = h('div', { class: 'presets' });
  const signedIn = h('div', { id: 'signed-in', class: 'muted' }, 'Not signed in');
  const trace = h('ol', { id: 'trace', class: 'trace', 'aria-label': 'Sign-in trace' });
  const traceActions = { open: deps.showExchange, cancel: () => host.command('cancelSignIn', {}) };
  const renderTrace = () => {
    clear(trace, ...traceEntries.map((e) => traceLine(e, traceActions)));
    deps.onTrace(traceEntries);
  };
  renderTrace();
  // The CIBA wait's countdown, once a second while a wait is open (and only then).
  setInterval(() => {
    for (const line of trace.querySelectorAll<HTMLElement>('li.polls[data-expires-at]')) {
      const label = line.querySelector('button');
      const expiresAt = Number(line.dataset.expiresAt);
      if (label && line.querySelector('.cancel-wait')) label.textContent = (label.textContent ?? '').replace(/expires in \d+:\d\d$/, `expires in ${mmss(expiresAt - Date.now())}`);
    }
  }, 1000);

  /** The host checks the login_hint with the core's parser, as it is typed. */
  async function checkHint(value: string): Promise<void> {
    const { error } = await host.request('checkLoginHint', { loginHint: value }).catch((e: unknown) => ({ error: failure(e) }));
    setHelp(loginHint.help, error);
    signInButton.toggleAttribute('disabled', !!error && flow.el.value !== 'client_credentials');
  }
  /** The hint builder: the device of the request, written as a login_hint. */
  const hintFromDevice = h('vscode-button', {
    id: 'hint-from-device', secondary: true,
    onclick: () => {
      const hint = deps.requestHint();
      if (!hint) return setHelp(loginHint.help, 'The request names no device (the token does): type the login hint above.', false);
      loginHint.el.value = hint;
      deps.save();
      void checkHint(hint);
    },
  }, 'Use the request\'s device');
  loginHint.field.append(h('div', { class: 'row' }, hintFromDevice));

  function addTrace(entry: TraceEntry): void {
    traceEntries = appendTrace(traceEntries, entry, Date.now());
    renderTrace();
    deps.save();
  }

  const signInButton = h('vscode-button', {
    id: 'sign-in',
    onclick: async () => {
      traceEntries = [];
      renderTrace();
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

  function apply(next: PlaygroundState): boolean {
    if (next.flows?.length) {
      const chosen = next.flows.some((f) => f.id === flow.el.value) ? flow.el.value : next.flows[0]?.id;
      clear(flow.el, ...next.flows.map((f) => h('vscode-option', { value: f.id, selected: f.id === chosen }, f.label)));
      if (chosen) flow.el.value = chosen;
    }
    clear(presets, ...Object.entries(next.scopePresets).map(([name, value]) =>
      h('vscode-button', { secondary: true, class: 'preset', onclick: () => { scope.el.value = value; deps.save(); } }, name)));
    if (!scope.el.value) scope.el.value = Object.values(next.scopePresets)[0] ?? '';
    if (next.defaultLoginHint && !hintTyped) loginHint.el.value = next.defaultLoginHint;
    const s = next.signedIn;
    // The flow shown is the flow signed in with (an automatic 2-legged sign-in on the sandbox included).
    const signInKey = s ? `${s.flow} ${s.subject ?? ''}` : undefined;
    if (signInKey !== shownSignIn && s && [...flow.el.querySelectorAll('vscode-option')].some((o) => o.getAttribute('value') === s.flow)) {
      flow.el.value = s.flow;
      deps.save();
    }
    const changed = signInKey !== shownSignIn;
    shownSignIn = signInKey;
    clear(signedIn, s ? `Signed in with ${s.flow}${s.subject ? ` as ${s.subject}` : ''}${s.expiresAt ? `, token expires ${new Date(s.expiresAt).toLocaleTimeString()}` : ''}` : 'Not signed in',
      ...(s?.claims ? [h('details', {}, h('summary', {}, 'Token claims (decoded, not verified)'), claimsView(s.claims))] : []),
      // The raw token only on request, and then to the clipboard by the host: it never comes to this page.
      ...(s ? [h('div', { class: 'row' }, h('vscode-button', { secondary: true, id: 'copy-token', onclick: () => host.command('copyToken', {}) }, 'Copy access token'))] : []));
    return changed;
  }

  const element = h('section', { class: 'panel', 'aria-labelledby': 'auth-title' }, h('h2', { id: 'auth-title' }, 'Sign in'), flow.field, loginHint.field, scope.field, presets,
    h('div', { class: 'row' }, signInButton, cancelSignIn), signedIn, trace);
  return {
    element,
    values: () => ({ flow: flow.el.value, loginHint: loginHint.el.value, scope: scope.el.value, trace: traceEntries }),
    addTrace,
    apply,
  };
}
