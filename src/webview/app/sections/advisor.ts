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
  'Needs separated by spaces: latency<=50ms jitter<=10ms up>=2Mbps down>=10Mbps loss<=0.1% duration>=600s (any of them).';

export function advisorSection(
  host: Host,
  deps: { device(): string | undefined; useProfile(name: string): void },
): { element: HTMLElement } {
  const needs = textControl('advisor-needs', 'What the app needs', '', () => undefined);
  needs.el.setAttribute('placeholder', 'latency<=50ms up>=2Mbps');
  needs.el.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') void advise();
  });
  setHelp(needs.help, NEEDS_HINT, false);
  const status = h('div', { class: 'help', id: 'advice-status', role: 'status' });
  const button = h('vscode-button', { id: 'advise', onclick: () => void advise() }, 'Advise');
  const table = h('div', { id: 'advice' });

  async function advise(): Promise<void> {
    const device = deps.device();
    button.setAttribute('disabled', '');
    setHelp(status, `Asking each operator for its profiles${device ? ` for ${device}` : ''}…`, false);
    try {
      show(await host.request('advise', { needs: needs.el.value, device }));
    } catch (error) {
      setHelp(status, failure(error));
    } finally {
      button.removeAttribute('disabled');
    }
  }

  function show(advice: AdviceView): void {
    // A rule broken: it shows under the field, and the last table stays as it was.
    if (advice.problem) {
      setHelp(needs.help, `${advice.problem.path}: ${advice.problem.message}`);
      needs.el.setAttribute('aria-invalid', 'true');
      return setHelp(status, undefined);
    }
    setHelp(needs.help, NEEDS_HINT, false);
    needs.el.removeAttribute('aria-invalid');
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
    needs.field,
    h('div', { class: 'row' }, button),
    status,
    table,
  );
  return { element };
}
