// The QoS profile advisor's matching rules: one operator's catalogue against what the app needs. Pure: no network,
// no clock. Each rule is one entry of RULES with the sentence that explains it; the ranking is one comparator whose
// steps are said in words in RANKING. The playground, the CLI, the agent tool and request files all call
// adviseProfiles, so every face recommends the same profile for the same needs and catalogue.
import { durationSeconds, type QosProfile } from '../camara/fields';
import { RATE_UNITS, formatBps, formatLoss, formatMs, formatSeconds, NEED_LABEL, type AppNeeds, type NeedKey } from './needs';

/** How one need fares with one profile. */
export type NeedStatus =
  /** The profile states it, and states it well enough. */
  | 'met'
  /** The profile states it, and falls short. */
  | 'unmet'
  /** The operator's profile says nothing about it. */
  | 'unstated'
  /** Only a ceiling is stated that would allow it (a max rate): possible, not promised. */
  | 'not-guaranteed';

export interface NeedVerdict {
  need: NeedKey;
  status: NeedStatus;
  /** One sentence: `latency: the profile's packet delay budget is 20 ms, 30 ms within the 50 ms needed`. */
  sentence: string;
  /**
   * How far beyond the need the profile goes, as log10(offered / needed) in the better direction (0 exact, 1 ten
   * times better); for an unmet need, how far short it falls, the same way. Duration has none (0).
   */
  distance: number;
  /** For an unmet need: the need relaxed to what the profile offers (`latency ≤ 150 ms`). */
  relaxTo?: string;
}

/** One rule: which need, the sentence that explains it, and the verdict for a profile (undefined when not asked). */
interface Rule {
  need: NeedKey;
  explanation: string;
  judge(needed: number, profile: QosProfile): Omit<NeedVerdict, 'need'>;
}

const ms = (d: { value: number; unit: Parameters<typeof durationSeconds>[0]['unit'] }): number => durationSeconds(d) * 1000;
const bps = (r: { value: number; unit: keyof typeof RATE_UNITS }): number => r.value * RATE_UNITS[r.unit];
/** log10 of a ratio of two non-negative amounts; capped at ±3 (a thousand times) so a 0 cannot make it infinite. */
const log10Ratio = (better: number, worse: number): number =>
  Math.max(-3, Math.min(3, Math.log10(Math.max(better, 1e-9) / Math.max(worse, 1e-9))));

/** A ceiling the app needs to stay under (latency, jitter, loss): met when the profile's value is at most the need. */
function ceilingRule(
  need: NeedKey,
  label: string,
  field: string,
  read: (p: QosProfile) => number | undefined,
  format: (v: number) => string,
  explanation: string,
): Rule {
  return {
    need,
    explanation,
    judge(needed, profile) {
      const offered = read(profile);
      if (offered === undefined)
        return { status: 'unstated', distance: 0, sentence: `${label}: the operator states no ${field} for this profile` };
      if (offered <= needed)
        return {
          status: 'met',
          distance: log10Ratio(needed, offered),
          sentence:
            offered === needed
              ? `${label}: ${field} ${format(offered)}, exactly the ${format(needed)} needed`
              : `${label}: ${field} ${format(offered)}, ${format(needed)} needed (margin ${format(needed - offered)})`,
        };
      return {
        status: 'unmet',
        distance: log10Ratio(offered, needed),
        sentence: `${label}: ${field} ${format(offered)}, over the ${format(needed)} needed by ${format(offered - needed)}`,
        relaxTo: `${label} ≤ ${format(offered)}`,
      };
    },
  };
}

/**
 * A rate the app needs at least: met by a guaranteed minimum (targetMin…Rate) at or above it; a maximum alone that
 * reaches it is not a promise (not-guaranteed); a guaranteed minimum below it, or a maximum below it, falls short.
 */
function rateRule(need: NeedKey, label: string, direction: 'Upstream' | 'Downstream'): Rule {
  const target = `targetMin${direction}Rate` as const;
  const max = `max${direction}Rate` as const;
  return {
    need,
    explanation:
      `${label}: met when the profile's guaranteed ${target} is at least the rate needed; a ${max} alone that reaches ` +
      'it is "not guaranteed" (the network may deliver it, it does not promise it); below either, unmet.',
    judge(needed, profile) {
      const guaranteed = profile[target] ? bps(profile[target]) : undefined;
      const ceiling = profile[max] ? bps(profile[max]) : undefined;
      if (guaranteed !== undefined && guaranteed >= needed)
        return {
          status: 'met',
          distance: log10Ratio(guaranteed, needed),
          sentence:
            guaranteed === needed
              ? `${label}: ${target} ${formatBps(guaranteed)}, exactly the ${formatBps(needed)} needed`
              : `${label}: ${target} ${formatBps(guaranteed)}, ${formatBps(needed)} needed (margin ${formatBps(guaranteed - needed)})`,
        };
      if (ceiling !== undefined && ceiling < needed)
        return {
          status: 'unmet',
          distance: log10Ratio(needed, ceiling),
          sentence: `${label}: ${max} ${formatBps(ceiling)}, short of the ${formatBps(needed)} needed by ${formatBps(needed - ceiling)}`,
          relaxTo: `${label} ≥ ${formatBps(ceiling)}`,
        };
      if (ceiling !== undefined)
        return {
          status: 'not-guaranteed',
          distance: 0,
          sentence:
            `${label}: not guaranteed: only ${max} ${formatBps(ceiling)} is stated` +
            `${guaranteed !== undefined ? ` (${target} ${formatBps(guaranteed)} is below the ${formatBps(needed)} needed)` : ''}, ` +
            `so ${formatBps(needed)} may be reached but is not promised`,
        };
      if (guaranteed !== undefined)
        return {
          status: 'unmet',
          distance: log10Ratio(needed, guaranteed),
          sentence:
            `${label}: ${target} ${formatBps(guaranteed)}, ` +
            `short of the ${formatBps(needed)} needed by ${formatBps(needed - guaranteed)}`,
          relaxTo: `${label} ≥ ${formatBps(guaranteed)}`,
        };
      return { status: 'unstated', distance: 0, sentence: `${label}: the operator states no ${target} or ${max} for this profile` };
    },
  };
}

/** The rules, one per need, in the order answers list them. */
export const RULES: readonly Rule[] = [
  ceilingRule(
    'maxLatencyMs',
    'latency',
    'packet delay budget',
    (p) => (p.packetDelayBudget ? ms(p.packetDelayBudget) : undefined),
    formatMs,
    "latency: met when the profile's packetDelayBudget is at most the latency needed.",
  ),
  ceilingRule(
    'maxJitterMs',
    'jitter',
    'jitter',
    (p) => (p.jitter ? ms(p.jitter) : undefined),
    formatMs,
    "jitter: met when the profile's jitter is at most the jitter needed.",
  ),
  rateRule('minUpstreamBps', 'up', 'Upstream'),
  rateRule('minDownstreamBps', 'down', 'Downstream'),
  ceilingRule(
    'maxLossRate',
    'loss',
    'packet loss',
    (p) => (p.packetErrorLossRate === undefined ? undefined : 10 ** -p.packetErrorLossRate),
    formatLoss,
    "loss: met when the profile's loss rate, 10^-packetErrorLossRate, is at most the loss the app tolerates.",
  ),
  {
    need: 'durationSeconds',
    explanation:
      "duration: met when it lies within the profile's minDuration..maxDuration (a bound the operator leaves out is " +
      "CAMARA's 1 s..24 h, and said).",
    judge(needed, profile) {
      const min = profile.minDuration ? durationSeconds(profile.minDuration) : undefined;
      const max = profile.maxDuration ? durationSeconds(profile.maxDuration) : undefined;
      const defaulted = min === undefined || max === undefined ? " (CAMARA's default bound where none is stated)" : '';
      const range = `${formatSeconds(min ?? 1)}..${formatSeconds(max ?? 86400)}${defaulted}`;
      if (max !== undefined && needed > max)
        return {
          status: 'unmet',
          distance: log10Ratio(needed, max),
          sentence: `duration: ${formatSeconds(needed)} is longer than the profile's maximum (${range})`,
          relaxTo: `duration ${formatSeconds(max)}`,
        };
      if (min !== undefined && needed < min)
        return {
          status: 'unmet',
          distance: log10Ratio(min, needed),
          sentence: `duration: ${formatSeconds(needed)} is shorter than the profile's minimum (${range})`,
          relaxTo: `duration ${formatSeconds(min)}`,
        };
      return { status: 'met', distance: 0, sentence: `duration: ${formatSeconds(needed)} is within ${range}` };
    },
  },
];

/** The ranking, in words, step by step (the comparator below follows it). */
export const RANKING: readonly string[] = [
  'INACTIVE profiles are never recommended (the operator refuses them); they are listed last.',
  'A profile that meets every need it states ranks above one that misses any; a profile that states none of the ' +
    'needs is no fit (nothing it says supports the app) and ranks below every profile that states something.',
  'Among those that fit: ACTIVE before DEPRECATED (a deprecated profile is going away).',
  'Then fewer needs the operator does not state or only does not guarantee: a full fit ranks above a partial one.',
  'Then the least over-provisioned: the smallest sum, over the needs met, of log10(offered / needed) in the better ' +
    'direction (0 is an exact fit, 1 is ten times what is needed), so the smaller adequate profile is chosen.',
  'Among those that do not fit: fewer unmet needs first, then the smallest shortfall (the same log10 measure), ' +
    'then the least over-provisioned.',
  'Ties: by profile name, in code-point order.',
];

export interface ProfileVerdict {
  name: string;
  status: QosProfile['status'];
  /** Every stated need is met (unstated and not-guaranteed needs do not prevent a fit; they rank it lower). */
  fits: boolean;
  /** Usable at all: not INACTIVE. */
  usable: boolean;
  /** States none of the needs asked (so no fit, whatever else). */
  silent: boolean;
  verdicts: NeedVerdict[];
  unmet: number;
  /** Needs the operator does not state or only does not guarantee. */
  unstated: number;
  /** Sum of the met needs' distances (the over-provisioning measure). */
  overProvision: number;
  /** Sum of the unmet needs' distances. */
  shortfall: number;
  /** The sentences that explain this profile's place: a headline, then one per need. */
  reasons: string[];
  /** For a profile that does not fit: `would fit if latency were relaxed to ≤ 150 ms and …`. */
  relaxation?: string;
}

export interface Advice {
  /** The profile to use; undefined when none fits. */
  recommended?: ProfileVerdict;
  /** When none fits: the closest usable profile, with what relaxing would make it fit. */
  closest?: ProfileVerdict;
  /** One sentence: what to use, or that nothing fits and what is closest. */
  summary: string;
  /** Every profile, best first (the recommended one first when there is one). */
  ranked: ProfileVerdict[];
}

function verdictOf(needs: AppNeeds, profile: QosProfile): ProfileVerdict {
  const verdicts: NeedVerdict[] = [];
  for (const rule of RULES) {
    const needed = needs[rule.need];
    if (needed !== undefined) verdicts.push({ need: rule.need, ...rule.judge(needed, profile) });
  }
  const unmet = verdicts.filter((v) => v.status === 'unmet');
  const unstated = verdicts.filter((v) => v.status === 'unstated' || v.status === 'not-guaranteed');
  const usable = profile.status !== 'INACTIVE';
  const silent = verdicts.length > 0 && unstated.length === verdicts.length && verdicts.every((v) => v.status === 'unstated');
  const fits = unmet.length === 0 && !silent;
  const relaxation = unmet.length ? `would fit if ${unmet.map((v) => v.relaxTo).join(' and ')}` : undefined;
  const headline = !usable
    ? `${profile.name} is INACTIVE: the operator does not offer it now`
    : silent
      ? `${profile.name} states none of the needs: nothing it says shows it fits`
      : fits
        ? `${profile.name} meets every stated need${silentAbout(unstated)}${profile.status === 'DEPRECATED' ? ' (it is DEPRECATED)' : ''}`
        : `${profile.name} misses ${unmet.length} need${unmet.length > 1 ? 's' : ''}: ${relaxation}`;
  return {
    name: profile.name,
    status: profile.status,
    fits,
    usable,
    silent,
    verdicts,
    unmet: unmet.length,
    unstated: unstated.length,
    overProvision: round(verdicts.filter((v) => v.status === 'met').reduce((sum, v) => sum + v.distance, 0)),
    shortfall: round(unmet.reduce((sum, v) => sum + v.distance, 0)),
    reasons: [headline, ...verdicts.map((v) => v.sentence)],
    ...(relaxation ? { relaxation } : {}),
  };
}

const silentAbout = (unstated: NeedVerdict[]): string =>
  unstated.length ? `, but the operator does not state or guarantee ${unstated.map((v) => NEED_LABEL[v.need]).join(', ')}` : '';

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The comparator RANKING describes. */
function compare(a: ProfileVerdict, b: ProfileVerdict): number {
  return (
    Number(b.usable) - Number(a.usable) ||
    Number(b.fits) - Number(a.fits) ||
    (a.fits
      ? Number(a.status === 'DEPRECATED') - Number(b.status === 'DEPRECATED') ||
        a.unstated - b.unstated ||
        a.overProvision - b.overProvision
      : 0) ||
    (!a.fits
      ? Number(a.silent) - Number(b.silent) || a.unmet - b.unmet || a.shortfall - b.shortfall || a.overProvision - b.overProvision
      : 0) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** The advice for one operator's catalogue: the recommended profile with its reasons, and every profile ranked. */
export function adviseProfiles(needs: AppNeeds, profiles: readonly QosProfile[]): Advice {
  const ranked = profiles.map((p) => verdictOf(needs, p)).sort(compare);
  const best = ranked[0];
  if (best?.usable && best.fits) {
    const partial = best.unstated
      ? ` (partly: ${best.unstated} need${best.unstated > 1 ? 's' : ''} not stated or not guaranteed by the operator)`
      : '';
    return { recommended: best, ranked, summary: `Use ${best.name}${partial}.` };
  }
  if (!best?.usable)
    return {
      ranked,
      summary: profiles.length ? 'No profile fits: every profile is INACTIVE.' : 'No profile fits: the operator lists no profiles.',
    };
  const why = best.relaxation ?? 'states none of the needs';
  return { closest: best, ranked, summary: `No profile fits; the closest is ${best.name}, which ${why}.` };
}
