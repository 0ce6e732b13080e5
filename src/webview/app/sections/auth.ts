// Sign in: the flow (from the host's flow table), the login hint (checked by the host as it is typed; on the
// sandbox, its outcomes by last digit as one-click hints), the scopes with presets, the Sign in / Cancel buttons,
// who is signed in, and the step-by-step trace.
import { isThreeLegged } from '../../../core/auth/three-legged';
import type { ExchangeView, PlaygroundState, SandboxOutcome } from '../../../shared/protocol';
import { selectControl, setHelp, textControl } from '../controls';
import { clear, h } from '../dom';
import { claimsView } from '../json-view';
import { signInKey, type PageStore } from '../page-store';
import { failure, type Host } from '../rpc';
import type { SavedState } from '../store';
import { appendTrace, closeWait, mmss, type TraceEntry } from '../trace-model';
import { traceLine } from './trace';

export interface AuthSection {
  element: HTMLElement;
  /** What the page keeps of this section (the trace is the store's). */
  values(): { flow: string; loginHint: string; scope: string };
}

export interface AuthDeps {
  save(): void;
  /** The device of the request on the form, as a login_hint; undefined when the token names it. */
  requestHint(): string | undefined;
  /** Opens an exchange of the trace where there is room for it. */
  showExchange(exchange: ExchangeView): void;
}

/** The section renders the store's host state and trace; it writes the trace when a sign-in starts or ends here. */
export function authSection(host: Host, saved: SavedState | undefined, store: PageStore, deps: AuthDeps): AuthSection {
  /**
   * The flow the user picked (CIBA until they pick one) is how Sign in signs in, until they pick another: no state
   * push moves it, not even a sign-in made elsewhere (the sandbox's automatic 2-legged one: the line under the
   * buttons says who is signed in). It is kept across a tab switch and a reload, and shown whenever the
   * environment offers it; where it does not, the first flow offered stands in.
   */
  let wantedFlow = saved?.flow ?? 'ciba';
  /** How the last sign-in tried here ended when it did not sign in. */
  let attempt: 'failed' | 'cancelled' | undefined;
  /** What the user typed is theirs: the environment's default hint fills only a hint never typed into. */
  let hintTyped = saved?.loginHint !== undefined;
  const flow = selectControl(
    'flow',
    'Flow',
    [
      ['ciba', 'CIBA (backend)'],
      ['authorization_code', 'Authorization code (frontend)'],
      ['client_credentials', 'Client credentials (2-legged)'],
    ],
    wantedFlow,
    (v) => {
      wantedFlow = v;
      deps.save();
    },
  );
  const loginHint = textControl(
    'login-hint',
    'Login hint (tel:+<E.164>, ipport:<IPv4>[:port], ipport:[<IPv6>][:port])',
    saved?.loginHint ?? 'tel:+34666666661',
    (v) => {
      hintTyped = true;
      deps.save();
      void checkHint(v);
    },
  );
  const scope = textControl('scope', 'Scopes', saved?.scope ?? '', () => deps.save());
  const presets = h('div', { class: 'presets' });
  const signedIn = h('div', { id: 'signed-in', class: 'muted' }, 'Not signed in');
  const trace = h('ol', { id: 'trace', class: 'trace', 'aria-label': 'Sign-in trace' });
  const traceActions = { open: deps.showExchange, cancel: () => host.command('cancelSignIn', {}) };
  store.watch(
    (s) => s.trace,
    (entries) => clear(trace, ...entries.map((e, i) => traceLine(e, traceActions, i + 1))),
    true,
  );
  // The CIBA wait's countdown, once a second while a wait is open (and only then).
  setInterval(() => {
    for (const line of trace.querySelectorAll<HTMLElement>('li.polls[data-expires-at]')) {
      const label = line.querySelector('button');
      const expiresAt = Number(line.dataset.expiresAt);
      if (label && line.querySelector('.cancel-wait'))
        label.textContent = (label.textContent ?? '').replace(/expires in \d+:\d\d$/, `expires in ${mmss(expiresAt - Date.now())}`);
    }
  }, 1000);

  /** The host checks the login_hint with the core's parser, as it is typed. */
  async function checkHint(value: string): Promise<void> {
    const { error } = await host.request('checkLoginHint', { loginHint: value }).catch((e: unknown) => ({ error: failure(e) }));
    setHelp(loginHint.help, error);
    signInButton.toggleAttribute('disabled', !!error && isThreeLegged(flow.el.value));
  }
  /** The hint builder: the device of the request, written as a login_hint. */
  const hintFromDevice = h(
    'vscode-button',
    {
      id: 'hint-from-device',
      secondary: true,
      onclick: () => {
        const hint = deps.requestHint();
        if (!hint) return setHelp(loginHint.help, 'The request names no device (the token does): type the login hint above.', false);
        loginHint.el.value = hint;
        deps.save();
        void checkHint(hint);
      },
    },
    "Use the request's device",
  );
  loginHint.field.append(h('div', { class: 'row' }, hintFromDevice));
  /** The sandbox's outcomes by the hint's last digit (its own table, sent by the host), each a hint to use. */
  const outcomes = h('div', { id: 'sandbox-outcomes', class: 'outcomes', hidden: true });
  let shownOutcomes: readonly SandboxOutcome[] | undefined;
  function renderOutcomes(rows: readonly SandboxOutcome[] | undefined): void {
    if (JSON.stringify(rows) === JSON.stringify(shownOutcomes)) return;
    shownOutcomes = rows;
    outcomes.hidden = !rows?.length;
    clear(
      outcomes,
      h('div', { class: 'muted' }, "The sandbox answers CIBA by the hint's last digit; pick one to use it:"),
      h(
        'ul',
        { 'aria-label': 'Sandbox outcomes by last digit' },
        ...(rows ?? []).map((row) =>
          h(
            'li',
            {},
            h(
              'vscode-button',
              {
                secondary: true,
                class: 'outcome',
                'data-digits': row.digits,
                title: `Use ${row.example}`,
                onclick: () => {
                  loginHint.el.value = row.example;
                  hintTyped = true;
                  deps.save();
                  void checkHint(row.example);
                },
              },
              `${row.digits}: ${row.label}`,
            ),
            h('span', { class: 'muted' }, `CIBA: ${row.ciba}; QoD: ${row.qod}`),
          ),
        ),
      ),
    );
  }
  loginHint.field.append(outcomes);

  function addTrace(entries: TraceEntry[], entry: TraceEntry): void {
    store.update({ trace: appendTrace(entries, entry, Date.now()) });
  }

  const signInButton = h(
    'vscode-button',
    {
      id: 'sign-in',
      onclick: async () => {
        store.update({ trace: [] });
        signInButton.setAttribute('disabled', '');
        cancelSignIn.hidden = false;
        attempt = undefined;
        renderSignedIn();
        try {
          const result = await host.request('signIn', {
            flow: flow.el.value as 'ciba',
            loginHint: loginHint.el.value.trim() || undefined,
            scope: scope.el.value.trim() || undefined,
          });
          if (result.cancelled) ended('cancelled', { step: 'Cancelled', detail: 'the sign-in was stopped' });
          else if (!result.ok) ended('failed', { error: result.message ?? 'sign-in failed' });
        } catch (error) {
          ended('failed', { error: failure(error) });
        } finally {
          signInButton.removeAttribute('disabled');
          cancelSignIn.hidden = true;
        }
      },
    },
    'Sign in',
  );
  /** Stops a sign-in under way (a CIBA approval that will not come, a browser round trip abandoned). */
  const cancelSignIn = h(
    'vscode-button',
    { id: 'cancel-sign-in', secondary: true, hidden: true, onclick: () => host.command('cancelSignIn', {}) },
    'Cancel',
  );

  /** A sign-in tried here ended without signing in: its wait (if open) is over, and the line says so. */
  function ended(how: 'failed' | 'cancelled', entry: TraceEntry): void {
    attempt = how;
    addTrace(closeWait(store.state.trace, how === 'cancelled' ? 'cancelled' : 'stopped'), entry);
    renderSignedIn();
  }

  /** Who is signed in; after a sign-in that failed or was cancelled, that the earlier one is still in use. */
  function renderSignedIn(): void {
    const s = store.state.host?.signedIn;
    // A 2-legged token is the application's own: no subscriber consented, so the request names the device.
    const how = s?.flow === 'client_credentials' ? `${s.flow} (2-legged: the application alone, no user consent)` : s?.flow;
    const who = s ? `${s.flow}${s.subject ? ` as ${s.subject}` : ''}` : '';
    clear(
      signedIn,
      s ? `Signed in with ${how}${s.subject ? ` as ${s.subject}` : ''}${expiry(s.expiresAt)}` : 'Not signed in',
      ...(s && attempt
        ? [
            h(
              'div',
              { id: 'sign-in-kept', class: 'kept' },
              `The earlier sign-in (${who}) is still the one in use: the new one ${attempt === 'cancelled' ? 'was cancelled' : 'failed'}.`,
            ),
          ]
        : []),
      ...(s?.claims ? [h('details', {}, h('summary', {}, 'Token claims (decoded, not verified)'), claimsView(s.claims))] : []),
      // The raw token only on request, and then to the clipboard by the host: it never comes to this page.
      ...(s
        ? [
            h(
              'div',
              { class: 'row' },
              h('vscode-button', { secondary: true, id: 'copy-token', onclick: () => host.command('copyToken', {}) }, 'Copy access token'),
            ),
          ]
        : []),
    );
  }

  // Another sign-in (made here or elsewhere) is the one in use now: the note about the earlier one is done.
  store.watch(
    (s) => signInKey(s.host),
    () => (attempt = undefined),
  );
  store.watch(
    (s) => s.host,
    (next) => {
      if (next) apply(next);
    },
  );

  function apply(next: PlaygroundState): void {
    // The flow to show, decided before the options are touched: the select re-reads its options' `selected` after
    // they change, so a value set in between would be undone.
    const options = next.flows?.length
      ? next.flows
      : [...flow.el.querySelectorAll('vscode-option')].map((o) => ({ id: o.getAttribute('value') ?? '', label: o.textContent ?? '' }));
    const chosen = options.some((f) => f.id === wantedFlow) ? wantedFlow : (options[0]?.id ?? wantedFlow);
    const shown = [...flow.el.querySelectorAll('vscode-option')].map((o) => `${o.getAttribute('value')}=${o.textContent}`).join();
    if (options.map((f) => `${f.id}=${f.label}`).join() !== shown) {
      clear(flow.el, ...options.map((f) => h('vscode-option', { value: f.id, selected: f.id === chosen }, f.label)));
    }
    if (flow.el.value !== chosen) flow.el.value = chosen;
    clear(
      presets,
      ...Object.entries(next.scopePresets).map(([name, value]) =>
        h(
          'vscode-button',
          {
            secondary: true,
            class: 'preset',
            onclick: () => {
              scope.el.value = value;
              deps.save();
            },
          },
          name,
        ),
      ),
    );
    if (!scope.el.value) scope.el.value = Object.values(next.scopePresets)[0] ?? '';
    if (next.defaultLoginHint && !hintTyped) loginHint.el.value = next.defaultLoginHint;
    renderSignedIn();
    renderOutcomes(next.sandboxOutcomes);
  }

  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'auth-title' },
    h('h2', { id: 'auth-title' }, 'Sign in'),
    flow.field,
    loginHint.field,
    scope.field,
    presets,
    h('div', { class: 'row' }, signInButton, cancelSignIn),
    signedIn,
    trace,
  );
  return {
    element,
    values: () => ({ flow: wantedFlow, loginHint: loginHint.el.value, scope: scope.el.value }),
  };
}

/** `, token expires 10:42:07`, or nothing without an expiry. */
function expiry(expiresAt: number | undefined): string {
  return expiresAt ? `, token expires ${new Date(expiresAt).toLocaleTimeString()}` : '';
}
