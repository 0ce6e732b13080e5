// The QoS profile advisor: what the app needs in the advisor's words, and per operator reached (one, or each an
// aggregator routes to) the profile it recommends with the reasons as sentences — which needs are met and by what
// margin, which the operator does not state — what would fit if the needs were relaxed, and "Use this profile",
// which puts the profile on the request. The host runs the core's advisor; this section only asks and shows.
import type { AdviceView, OperatorAdviceView } from '../../../shared/protocol';
import { verdictWords } from '../advisor-model';
import { setHelp, textControl } from '../controls';
import { clear, h } from '../dom';
import { failure, type Host } from '../rpc';

/** The needs' grammar, under the field until a rule is broken. */
export const NEEDS_HINT =
  'Any of, separated by spaces: latency<=50ms jitter<=10ms up>=2Mbps down>=10Mbps loss<=1e-3 duration=10m ' +
  '(units ms, s; bps, kbps, Mbps, Gbps).';

export function advisorSection(host: Host, deps: { useProfile(name: string): void }): { element: HTMLElement } {
  const needs = textControl('advisor-needs', 'What the app needs', '', () => undefined);
  needs.el.setAttribute('placeholder', 'latency<=50ms up>=2Mbps');
  needs.el.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') void advise();
  });
  setHelp(needs.help, NEEDS_HINT, false);
  // Optional: an operator's API may list the profiles offered to one device (through an aggregator, only the
  // operator serving it knows the device; the others say so in their row).
  const device = textControl('advisor-device', 'For the device (optional)', '', () => undefined);
  device.el.setAttribute('placeholder', '+34666666661 or 203.0.113.5');
  setHelp(device.help, 'Empty: each operator’s whole catalogue.', false);
  const status = h('div', { class: 'help', id: 'advice-status', role: 'status' });
  const button = h('vscode-button', { id: 'advise', onclick: () => void advise() }, 'Advise');
  const table = h('div', { id: 'advice' });

  async function advise(): Promise<void> {
    const forDevice = device.el.value.trim() || undefined;
    button.setAttribute('disabled', '');
    setHelp(status, `Asking each operator for its profiles${forDevice ? ` for ${forDevice}` : ''}…`, false);
    try {
      show(await host.request('advise', { needs: needs.el.value, device: forDevice }));
    } catch (error) {
      setHelp(status, failure(error));
    } finally {
      button.removeAttribute('disabled');
    }
  }

  function show(advice: AdviceView): void {
    // A rule broken: it shows under the field, and the last table stays as it was.
    const onDevice = advice.problem?.path === 'device';
    setHelp(needs.help, advice.problem && !onDevice ? advice.problem.message : NEEDS_HINT, Boolean(advice.problem && !onDevice));
    setHelp(device.help, onDevice ? advice.problem?.message : 'Empty: each operator’s whole catalogue.', onDevice);
    if (advice.problem && !onDevice) needs.el.setAttribute('aria-invalid', 'true');
    else needs.el.removeAttribute('aria-invalid');
    if (advice.problem) return setHelp(status, undefined);
    setHelp(status, advice.operators.length ? undefined : 'No operator answered.', false);
    clear(
      table,
      h(
        'table',
        { class: 'advice' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Operator'), h('th', {}, 'Recommended'), h('th', {}, 'Why'), h('th', {}, ''))),
        h('tbody', {}, ...advice.operators.map(row)),
      ),
    );
  }

  function row(o: OperatorAdviceView): HTMLElement {
    const relaxed = o.verdict === 'nothing-fits' && (o.relaxations?.length ?? 0) > 0;
    return h(
      'tr',
      { 'data-operator': o.operatorId, class: `verdict-${o.verdict}` },
      h('td', {}, o.operatorName),
      h('td', {}, o.recommended ? h('code', {}, o.recommended) : '—', h('div', { class: 'muted' }, verdictWords(o))),
      h(
        'td',
        {},
        h('ul', { class: 'reasons' }, ...o.reasons.map((r) => h('li', {}, r))),
        relaxed &&
          h(
            'div',
            { class: 'relaxations' },
            'If the needs were relaxed: ',
            h('ul', {}, ...(o.relaxations ?? []).map((r) => h('li', {}, r))),
          ),
        o.profiles.length > 0 &&
          h(
            'details',
            {},
            h('summary', {}, `All ${o.profiles.length} profiles`),
            h('ul', {}, ...o.profiles.map((p) => h('li', {}, `${p.fits ? '✓' : '✗'} ${p.name}: ${p.summary}`))),
          ),
      ),
      h(
        'td',
        {},
        o.recommended &&
          h(
            'vscode-button',
            { class: 'use-profile', secondary: true, onclick: () => deps.useProfile(o.recommended ?? '') },
            'Use this profile',
          ),
      ),
    );
  }

  const element = h(
    'section',
    { class: 'panel advisor', 'aria-labelledby': 'advisor-title' },
    h('h2', { id: 'advisor-title' }, 'Choose a profile'),
    h('div', { class: 'row advisor-fields' }, needs.field, device.field),
    h('div', { class: 'row' }, button),
    status,
    table,
  );
  return { element };
}
