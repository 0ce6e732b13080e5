// Reporters of a check: human text with counts per API and version, JUnit XML (CI), JSON, and a Markdown table.
// Results hold only redacted exchanges, so no reporter can print a token or a secret.
import type { CheckApi, CheckResult } from './model';
import { scenarioKey } from './model';

export const REPORTERS = ['text', 'junit', 'json', 'md'] as const;
export type Reporter = (typeof REPORTERS)[number];

export interface Tally {
  api: CheckApi;
  /** "quality-on-demand 1.1.0". */
  apiVersion: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Rows where the test file contradicts its API definition (run with the definition's expectation). */
  contradictions: number;
}

/** Counts per API and version, in the order the results came. */
export function tally(results: readonly CheckResult[]): Tally[] {
  const out = new Map<string, Tally>();
  for (const r of results) {
    const t = out.get(r.apiVersion) ?? { api: r.api, apiVersion: r.apiVersion, passed: 0, failed: 0, skipped: 0, contradictions: 0 };
    if (r.verdict === 'pass') t.passed++;
    else if (r.verdict === 'fail') t.failed++;
    else t.skipped++;
    if (r.contradiction) t.contradictions++;
    out.set(r.apiVersion, t);
  }
  return [...out.values()];
}

const countsLine = (t: Omit<Tally, 'api' | 'apiVersion'>) =>
  `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.contradictions} contradiction${t.contradictions === 1 ? '' : 's'}`;

export function summaryLines(results: readonly CheckResult[]): string[] {
  const tallies = tally(results);
  const total = tallies.reduce(
    (a, t) => ({
      passed: a.passed + t.passed,
      failed: a.failed + t.failed,
      skipped: a.skipped + t.skipped,
      contradictions: a.contradictions + t.contradictions,
    }),
    { passed: 0, failed: 0, skipped: 0, contradictions: 0 },
  );
  const width = Math.max(0, ...tallies.map((t) => t.apiVersion.length));
  return [...tallies.map((t) => `${t.apiVersion.padEnd(width)}  ${countsLine(t)}`), `${'total'.padEnd(width)}  ${countsLine(total)}`];
}

export function render(reporter: Reporter, results: readonly CheckResult[], release: string): string {
  switch (reporter) {
    case 'text':
      return textReport(results, release);
    case 'junit':
      return junitReport(results, release);
    case 'json':
      return JSON.stringify({ release, summary: tally(results), results }, null, 2);
    case 'md':
      return markdownReport(results, release);
  }
}

function textReport(results: readonly CheckResult[], release: string): string {
  const lines = [`CAMARA ${release} scenarios`, ...summaryLines(results)];
  const failed = results.filter((r) => r.verdict === 'fail');
  if (failed.length) lines.push('', 'Failed:', ...failed.map((r) => `  ✗ ${scenarioKey(r)}: ${r.reason ?? ''}`));
  const skipped = results.filter((r) => r.verdict === 'skipped');
  if (skipped.length) lines.push('', 'Skipped:', ...skipped.map((r) => `  - ${scenarioKey(r)}: ${r.reason ?? ''}`));
  const contradicted = results.filter((r) => r.contradiction);
  if (contradicted.length)
    lines.push('', 'Contradictions (the API definition wins):', ...contradicted.map((r) => `  ! ${scenarioKey(r)}: ${r.contradiction}`));
  return lines.join('\n');
}

/** Control characters other than tab and line breaks are not allowed in XML 1.0. */
// eslint-disable-next-line no-control-regex -- they are what it removes
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

const xml = (text: string) =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function exchangesText(r: CheckResult): string {
  return r.exchanges
    .map((e) => {
      const head = `${e.method} ${e.url} → ${e.status ?? e.error ?? 'no answer'}`;
      return [head, e.requestBody ? `  request: ${e.requestBody}` : '', e.responseBody ? `  response: ${e.responseBody}` : '']
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
}

function junitReport(results: readonly CheckResult[], release: string): string {
  const suites = tally(results).map((t) => {
    const mine = results.filter((r) => r.apiVersion === t.apiVersion);
    const cases = mine.map((r) => {
      const time = (r.ms / 1000).toFixed(3);
      const open = `    <testcase classname="${xml(`${release}.${r.api}.${r.operation}`)}" name="${xml(scenarioKey(r))}" time="${time}"`;
      const inner = [
        r.verdict === 'fail' ? `      <failure message="${xml(r.reason ?? 'failed')}">${xml(exchangesText(r))}</failure>` : '',
        r.verdict === 'skipped' ? `      <skipped message="${xml(r.reason ?? 'skipped')}"/>` : '',
        r.contradiction ? `      <system-out>${xml(`contradiction: ${r.contradiction}`)}</system-out>` : '',
      ].filter(Boolean);
      return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
    });
    const counts = `tests="${mine.length}" failures="${t.failed}" skipped="${t.skipped}" errors="0"`;
    const attrs = `name="${xml(`${t.apiVersion} (${release})`)}" ${counts}`;
    return `  <testsuite ${attrs}>\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(`CAMARA ${release}`)}">\n${suites.join('\n')}\n</testsuites>`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdownReport(results: readonly CheckResult[], release: string): string {
  const icon = { pass: '✅ pass', fail: '❌ fail', skipped: '⏭ skipped' } as const;
  return [
    `# CAMARA ${release} scenarios`,
    '',
    '| API | passed | failed | skipped | contradictions |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...tally(results).map((t) => `| ${t.apiVersion} | ${t.passed} | ${t.failed} | ${t.skipped} | ${t.contradictions} |`),
    '',
    '| scenario | API | result | reason |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => {
      const why = [r.reason, r.contradiction && `contradiction: ${r.contradiction}`].filter(Boolean).join(' — ');
      return `| ${cell(scenarioKey(r))} | ${cell(r.apiVersion)} | ${icon[r.verdict]} | ${cell(why)} |`;
    }),
  ].join('\n');
}
