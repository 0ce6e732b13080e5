// What an application needs of the network, in one shape for every face of the QoS profile advisor (the CLI's
// flags, the agent tool's JSON, the playground's words, request files' variables), and the one parser that reads
// it. Values are held in base units (ms, bits per second, a loss fraction, seconds) so the matching rules compare
// numbers, never units. Bad input is answered per field, naming the field and the rule; nothing is guessed.

/** CAMARA's rate units (QoS Profiles' Rate.unit), in bits per second. */
export const RATE_UNITS = { bps: 1, kbps: 1e3, Mbps: 1e6, Gbps: 1e9, Tbps: 1e12 } as const;

/** The needs, each optional: a need left out is not asked of any profile. */
export interface AppNeeds {
  /** Longest acceptable one-way delay, ms (against a profile's packetDelayBudget). */
  maxLatencyMs?: number;
  /** Largest acceptable jitter, ms (against a profile's jitter). */
  maxJitterMs?: number;
  /** Upstream rate the app needs, bits per second (against targetMinUpstreamRate, else maxUpstreamRate). */
  minUpstreamBps?: number;
  /** Downstream rate the app needs, bits per second. */
  minDownstreamBps?: number;
  /** Largest acceptable packet loss as a fraction, e.g. 0.001 (against 10^-packetErrorLossRate). */
  maxLossRate?: number;
  /** How long a session must last, seconds (within minDuration..maxDuration). */
  durationSeconds?: number;
}

export type NeedKey = keyof AppNeeds;

/** Each need by the word users write for it. */
export const NEED_LABEL: Record<NeedKey, string> = {
  maxLatencyMs: 'latency',
  maxJitterMs: 'jitter',
  minUpstreamBps: 'up',
  minDownstreamBps: 'down',
  maxLossRate: 'loss',
  durationSeconds: 'duration',
};

export interface NeedIssue {
  /** The field as the user wrote it: `latency`, `up`, `--latency`, `networkQualityThresholds.jitter`. */
  field: string;
  rule: string;
  /** `latency: must be a time like 50ms (got "fast")`. */
  message: string;
}

export type NeedsResult = { ok: true; needs: AppNeeds } | { ok: false; issues: NeedIssue[] };

/** The words every face takes: a key, its direction, and where its value goes. */
interface KeySpec {
  need: NeedKey;
  /** `max`: the app needs at most this (latency); `min`: at least (rates); `exact`: this (duration). */
  direction: 'max' | 'min' | 'exact';
  read: (text: string) => number | string;
}

// Bounds: anything beyond them is a typo, not a need (a day of latency, a petabit, a session longer than CAMARA's day).
const MAX_MS = 60_000;
const MAX_BPS = 1e15;
const MAX_SECONDS = 86_400;

const NUMBER = /^([0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?)\s*([a-zµ%^0-9-]*)$/i;

/** `50ms`, `0.2 s`, `50` (ms): a time in ms, or the rule it breaks. */
function readTimeMs(text: string): number | string {
  const m = NUMBER.exec(text.trim());
  const rule = 'must be a time like 50ms (units ms, s, us)';
  if (!m) return rule;
  const factor = { '': 1, ms: 1, s: 1000, us: 1e-3, µs: 1e-3 }[(m[2] ?? '').toLowerCase()];
  if (factor === undefined) return rule;
  const value = Number(m[1] ?? '') * factor;
  return value > MAX_MS ? `must be at most ${MAX_MS} ms` : value;
}

/** `2Mbps`, `500 kbps`: a rate in bits per second; a bare number is refused (bits or kilobits?). */
function readRateBps(text: string): number | string {
  const m = NUMBER.exec(text.trim());
  const rule = 'must be a rate like 2Mbps (units bps, kbps, Mbps, Gbps, Tbps)';
  if (!m) return rule;
  const unit = Object.keys(RATE_UNITS).find((u) => u.toLowerCase() === (m[2] ?? '').toLowerCase()) as keyof typeof RATE_UNITS | undefined;
  if (!unit) return rule;
  const value = Number(m[1] ?? '') * RATE_UNITS[unit];
  return value > MAX_BPS ? 'must be at most 1000 Tbps' : value;
}

/** `1e-3`, `0.001`, `0.1%`, `10^-3`: a loss fraction above 0 and below 1. */
function readLoss(text: string): number | string {
  const t = text.trim();
  const rule = 'must be a loss rate like 1e-3, 0.1% or 10^-3 (above 0, below 1)';
  const power = /^10\^-([0-9]{1,2})$/.exec(t);
  let value: number;
  if (power) value = 10 ** -Number(power[1]);
  else if (/^[0-9.]+(e-?[0-9]+)?%$/i.test(t)) value = Number(t.slice(0, -1)) / 100;
  else if (/^[0-9.]+(e-?[0-9]+)?$/i.test(t)) value = Number(t);
  else return rule;
  return Number.isFinite(value) && value > 0 && value < 1 ? value : rule;
}

/** `10m`, `600s`, `600`, `1h`: seconds, 1..86400. */
function readDurationSeconds(text: string): number | string {
  const m = NUMBER.exec(text.trim());
  const rule = 'must be a duration like 600s, 10m or 1h (1 s to 24 h)';
  if (!m) return rule;
  const factor = { '': 1, s: 1, m: 60, min: 60, h: 3600, d: 86400 }[(m[2] ?? '').toLowerCase()];
  if (factor === undefined) return rule;
  const value = Number(m[1] ?? '') * factor;
  if (value > MAX_SECONDS) return `must be at most ${MAX_SECONDS} s (24 h, CAMARA's longest session)`;
  return value >= 1 ? value : rule;
}

/** The keys of the words and of the tool's JSON; `upstream` and `downstream` are spelled out too. */
const KEYS: Record<string, KeySpec> = {
  latency: { need: 'maxLatencyMs', direction: 'max', read: readTimeMs },
  jitter: { need: 'maxJitterMs', direction: 'max', read: readTimeMs },
  up: { need: 'minUpstreamBps', direction: 'min', read: readRateBps },
  upstream: { need: 'minUpstreamBps', direction: 'min', read: readRateBps },
  down: { need: 'minDownstreamBps', direction: 'min', read: readRateBps },
  downstream: { need: 'minDownstreamBps', direction: 'min', read: readRateBps },
  loss: { need: 'maxLossRate', direction: 'max', read: readLoss },
  duration: { need: 'durationSeconds', direction: 'exact', read: readDurationSeconds },
};

/** The keys a user may write, for help texts and errors. */
export const NEED_KEYS = ['latency', 'jitter', 'up', 'down', 'loss', 'duration'] as const;

const issue = (field: string, rule: string, got?: unknown): NeedIssue => ({
  field,
  rule,
  message: `${field}: ${rule}${got === undefined ? '' : ` (got ${JSON.stringify(String(got).slice(0, 40))})`}`,
});

/** Collects fields into needs, or every issue at once; at least one need must be given. */
function collect(entries: Array<{ field: string; key: string; op: string; value: unknown }>): NeedsResult {
  const needs: AppNeeds = {};
  const issues: NeedIssue[] = [];
  for (const { field, key, op, value } of entries) {
    const spec = Object.hasOwn(KEYS, key.toLowerCase()) ? KEYS[key.toLowerCase()] : undefined;
    if (!spec) {
      issues.push(issue(field, `is not a need; the needs are ${NEED_KEYS.join(', ')}`));
      continue;
    }
    const wrongWay =
      (spec.direction === 'max' && !['<=', '<', '=', '≤'].includes(op)) ||
      (spec.direction === 'min' && !['>=', '>', '=', '≥'].includes(op)) ||
      (spec.direction === 'exact' && op !== '=');
    if (wrongWay) {
      const written = spec.direction === 'max' ? '<=' : spec.direction === 'min' ? '>=' : '=';
      issues.push(issue(field, `is a ${spec.direction === 'exact' ? 'value' : spec.direction + 'imum'}: write ${key}${written}…`));
      continue;
    }
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      issues.push(issue(field, 'must be a value with its unit, like 50ms or 2Mbps', value));
      continue;
    }
    const text = String(value);
    if (text.trim().startsWith('-')) {
      issues.push(issue(field, 'must not be negative', value));
      continue;
    }
    const read = spec.read(text);
    if (typeof read === 'string') issues.push(issue(field, read, value));
    else if (!Number.isFinite(read) || read < 0) issues.push(issue(field, 'must be a finite number', value));
    else if (needs[spec.need] !== undefined) issues.push(issue(field, 'is given twice'));
    else needs[spec.need] = read;
  }
  if (issues.length === 0 && Object.keys(needs).length === 0)
    issues.push(issue('needs', `must state at least one of ${NEED_KEYS.join(', ')}`));
  return issues.length ? { ok: false, issues } : { ok: true, needs };
}

/**
 * Needs from words: `latency<=50ms jitter<=10ms up>=2Mbps down>=4Mbps loss<=1e-3 duration=10m` (spaces or commas
 * between; `=` is accepted for any need).
 */
export function parseNeedsText(text: string): NeedsResult {
  const words = text
    .split(/[\s,;]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length > 20) return { ok: false, issues: [issue('needs', 'must be at most 20 words')] };
  const entries: Array<{ field: string; key: string; op: string; value: unknown }> = [];
  const issues: NeedIssue[] = [];
  for (const word of words) {
    const m = /^([a-zA-Z]+)\s*(<=|>=|≤|≥|<|>|=)(.*)$/.exec(word);
    if (m) entries.push({ field: m[1] ?? '', key: m[1] ?? '', op: m[2] ?? '', value: m[3] ?? '' });
    else issues.push(issue(word.slice(0, 40), 'must be written key<=value, key>=value or key=value, like latency<=50ms'));
  }
  return issues.length ? { ok: false, issues } : collect(entries);
}

/**
 * Needs from JSON (the agent tool, request files): `{"latency":"50ms","up":"2Mbps","loss":"1e-3","duration":"10m"}`;
 * a bare number is ms for times and seconds for a duration. Each key is read in its own direction (at most or at least).
 */
export function parseNeedsObject(input: unknown, prefix = ''): NeedsResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: [issue(prefix || 'needs', `must be an object with ${NEED_KEYS.join(', ')}`)] };
  }
  return collect(
    Object.entries(input).map(([key, value]) => ({
      field: `${prefix}${key}`,
      key,
      op: { max: '<=', min: '>=', exact: '=' }[(Object.hasOwn(KEYS, key.toLowerCase()) && KEYS[key.toLowerCase()]?.direction) || 'exact'],
      value,
    })),
  );
}

// ---- A CAMARA Application Profile ----------------------------------------------------------------------------------
// Followed: camaraproject/ApplicationProfiles, code/API_definitions/application-profiles.yaml on main (version "wip",
// commit 1455828): ApplicationProfile.networkQualityThresholds {packetDelayBudget, jitter: Duration;
// targetMinDownstreamRate, targetMinUpstreamRate: Rate; packetLossErrorRate: integer N meaning 10^-N}. Earlier
// drafts spell the loss `packetlossErrorRate` (and QoS Profiles `packetErrorLossRate`), and rate units Bps/Kbps
// besides bps/kbps: all are read. computeResources say nothing about the network and are ignored.

const TIME_UNITS_MS: Record<string, number> = {
  Days: 86_400_000,
  Hours: 3_600_000,
  Minutes: 60_000,
  Seconds: 1000,
  Milliseconds: 1,
  Microseconds: 1e-3,
  Nanoseconds: 1e-6,
};

function durationMs(value: unknown, field: string, issues: NeedIssue[]): number | undefined {
  const d = value as { value?: unknown; unit?: unknown };
  const factor = typeof d?.unit === 'string' && Object.hasOwn(TIME_UNITS_MS, d.unit) ? TIME_UNITS_MS[d.unit] : undefined;
  if (typeof d?.value !== 'number' || !Number.isInteger(d.value) || d.value < 0 || factor === undefined) {
    issues.push(issue(field, `must be {value: integer ≥ 0, unit: ${Object.keys(TIME_UNITS_MS).join('|')}}`));
    return undefined;
  }
  const ms = d.value * factor;
  if (ms > MAX_MS) issues.push(issue(field, `must be at most ${MAX_MS} ms`));
  return ms;
}

function rateBps(value: unknown, field: string, issues: NeedIssue[]): number | undefined {
  const r = value as { value?: unknown; unit?: unknown };
  const unit =
    typeof r?.unit === 'string' ? Object.keys(RATE_UNITS).find((u) => u.toLowerCase() === String(r.unit).toLowerCase()) : undefined;
  if (typeof r?.value !== 'number' || !Number.isInteger(r.value) || r.value < 0 || !unit) {
    issues.push(issue(field, 'must be {value: integer ≥ 0, unit: bps|kbps|Mbps|Gbps|Tbps}'));
    return undefined;
  }
  const bps = r.value * RATE_UNITS[unit as keyof typeof RATE_UNITS];
  if (bps > MAX_BPS) issues.push(issue(field, 'must be at most 1000 Tbps'));
  return bps;
}

const LOSS_SPELLINGS = ['packetLossErrorRate', 'packetlossErrorRate', 'packetErrorLossRate'];
const THRESHOLD_KEYS = new Set(['packetDelayBudget', 'jitter', 'targetMinDownstreamRate', 'targetMinUpstreamRate', ...LOSS_SPELLINGS]);

/**
 * Needs from a CAMARA Application Profile (the whole ApplicationProfile, or its networkQualityThresholds alone).
 * A duration is not part of an application profile: pass it separately.
 */
export function needsFromApplicationProfile(profile: unknown, durationSeconds?: number): NeedsResult {
  const p = profile as Record<string, unknown> | null;
  if (p === null || typeof p !== 'object' || Array.isArray(p))
    return { ok: false, issues: [issue('applicationProfile', 'must be a JSON object (an ApplicationProfile)')] };
  const nested = Object.hasOwn(p, 'networkQualityThresholds');
  const thresholds = (nested ? p.networkQualityThresholds : p) as Record<string, unknown> | null;
  const at = nested ? 'networkQualityThresholds.' : '';
  if (thresholds === null || typeof thresholds !== 'object' || Array.isArray(thresholds))
    return { ok: false, issues: [issue('networkQualityThresholds', 'must be an object')] };
  const issues: NeedIssue[] = [];
  const needs: AppNeeds = {};
  for (const key of Object.keys(thresholds)) {
    if (!THRESHOLD_KEYS.has(key))
      issues.push(issue(`${at}${key}`, `is not a network quality threshold; they are ${[...THRESHOLD_KEYS].slice(0, 5).join(', ')}`));
  }
  if (thresholds.packetDelayBudget !== undefined)
    needs.maxLatencyMs = durationMs(thresholds.packetDelayBudget, `${at}packetDelayBudget`, issues);
  if (thresholds.jitter !== undefined) needs.maxJitterMs = durationMs(thresholds.jitter, `${at}jitter`, issues);
  if (thresholds.targetMinUpstreamRate !== undefined)
    needs.minUpstreamBps = rateBps(thresholds.targetMinUpstreamRate, `${at}targetMinUpstreamRate`, issues);
  if (thresholds.targetMinDownstreamRate !== undefined)
    needs.minDownstreamBps = rateBps(thresholds.targetMinDownstreamRate, `${at}targetMinDownstreamRate`, issues);
  const lossKey = LOSS_SPELLINGS.find((k) => thresholds[k] !== undefined);
  if (lossKey) {
    const n = thresholds[lossKey];
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10) needs.maxLossRate = 10 ** -n;
    else issues.push(issue(`${at}${lossKey}`, 'must be an integer 1..10 (the loss rate is 10^-N)', n));
  }
  if (durationSeconds !== undefined) needs.durationSeconds = durationSeconds;
  for (const key of Object.keys(needs) as NeedKey[]) if (needs[key] === undefined) delete needs[key];
  if (issues.length === 0 && Object.keys(needs).length === 0)
    issues.push(issue(`${at || 'networkQualityThresholds'}`, 'must state at least one network quality threshold'));
  return issues.length ? { ok: false, issues } : { ok: true, needs };
}

// ---- Words ---------------------------------------------------------------------------------------------------------

const trim = (n: number): string => String(Number(n.toPrecision(6)));

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${trim(ms)} ms`;
}

export function formatBps(bps: number): string {
  const unit = (['Tbps', 'Gbps', 'Mbps', 'kbps'] as const).find((u) => bps >= RATE_UNITS[u]) ?? 'bps';
  return `${trim(bps / RATE_UNITS[unit])} ${unit}`;
}

export function formatLoss(rate: number): string {
  const exponent = Math.log10(rate);
  return Number.isInteger(Number(exponent.toFixed(9))) ? `1e${Math.round(exponent)}` : trim(rate);
}

export function formatSeconds(s: number): string {
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${trim(s)} s`;
}

/** `latency ≤ 50 ms, up ≥ 2 Mbps, duration 10 min`: the needs as the advisor's answers repeat them. */
export function describeNeeds(needs: AppNeeds): string {
  const parts: string[] = [];
  if (needs.maxLatencyMs !== undefined) parts.push(`latency ≤ ${formatMs(needs.maxLatencyMs)}`);
  if (needs.maxJitterMs !== undefined) parts.push(`jitter ≤ ${formatMs(needs.maxJitterMs)}`);
  if (needs.minUpstreamBps !== undefined) parts.push(`up ≥ ${formatBps(needs.minUpstreamBps)}`);
  if (needs.minDownstreamBps !== undefined) parts.push(`down ≥ ${formatBps(needs.minDownstreamBps)}`);
  if (needs.maxLossRate !== undefined) parts.push(`loss ≤ ${formatLoss(needs.maxLossRate)}`);
  if (needs.durationSeconds !== undefined) parts.push(`duration ${formatSeconds(needs.durationSeconds)}`);
  return parts.join(', ');
}
