// The playground's `advise`: the needs read by the core's one parser, every operator the environment reaches (its
// own, or each one its aggregator lists) advised by the core, and the answer as the page shows it. No `vscode`
// here: the webview suite computes its README screenshot with this same function against real operators.
import { adviseAcross, advisorTargets, type OperatorAdvice } from '../../core/advisor/advise';
import type { NeedVerdict } from '../../core/advisor/match';
import { parseNeedsText } from '../../core/advisor/needs';
import { deviceOfHint } from '../../core/routing/route-target';
import type { Runtime } from '../../core/runtime';
import type { AdviceView, OperatorAdviceView } from '../../shared/protocol';

/** The advice for `needs` (the advisor's words) at every operator `runtime` reaches, for `device` when given. */
export async function adviseView(runtime: Runtime, needs: string, device?: string, signal?: AbortSignal): Promise<AdviceView> {
  const parsed = parseNeedsText(needs);
  if (!parsed.ok) {
    const [first] = parsed.issues;
    return { operators: [], problem: { path: first?.field ?? 'needs', message: parsed.issues.map((i) => i.message).join('; ') } };
  }
  const found = device?.trim() ? deviceOfHint(device) : undefined;
  if (found && 'problem' in found)
    return { operators: [], problem: { path: 'device', message: found.problem.replace(/^route:/, 'device:') } };
  const targets = await advisorTargets(runtime, signal);
  return toAdviceView(await adviseAcross(parsed.needs, targets, { device: found?.device, signal }));
}

/** How a need fares, as the table's reason starts. */
const STATUS_WORDS: Record<NeedVerdict['status'], string> = {
  met: 'Met',
  unmet: 'Not met',
  unstated: 'Not stated by the operator',
  // The core's sentence says "not guaranteed" itself.
  'not-guaranteed': '',
};

/** The core's advice per operator as the page's table rows: the one mapping. */
export function toAdviceView(results: readonly OperatorAdvice[]): AdviceView {
  return { operators: results.map(operatorView) };
}

function operatorView(r: OperatorAdvice): OperatorAdviceView {
  const who = { operatorId: r.id, operatorName: r.label };
  if (!r.ok) return { ...who, verdict: 'error', error: r.error, reasons: [], profiles: [] };
  const { recommended, closest, ranked, summary } = r.advice;
  const top = recommended ?? closest;
  const reasons = [
    summary,
    ...(top?.verdicts ?? []).map((v) => `${STATUS_WORDS[v.status] && `${STATUS_WORDS[v.status]}: `}${v.sentence}.`),
    ...(r.note ? [`Note: ${r.note}.`] : []),
  ];
  const relaxations = ranked.filter((p) => p.usable && p.relaxation).map((p) => `${p.name} ${p.relaxation}.`);
  return {
    ...who,
    ...(recommended ? { recommended: recommended.name } : {}),
    verdict: !recommended ? 'nothing-fits' : recommended.unstated > 0 ? 'fits-as-far-as-stated' : 'fits',
    reasons,
    ...(!recommended && relaxations.length ? { relaxations: relaxations.slice(0, 3) } : {}),
    profiles: ranked.map((p) => ({ name: p.name, fits: p.usable && p.fits, summary: p.reasons[0] ?? p.name })),
  };
}
