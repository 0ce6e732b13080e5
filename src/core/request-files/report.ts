// Reporters of request-file runs: JUnit XML (CI systems), TAP, JSON and plain text (a terminal). They print what
// the runner put in the results: labels, lines, expected vs actual, the core's cleaned problem messages. Never the
// exchanges (the playground shows those) and so never a header or a token.
import type { FileResult, RequestResult } from './results';

export type ReporterName = 'text' | 'junit' | 'tap' | 'json';
export const REPORTERS: Record<ReporterName, (results: FileResult[]) => string> = { text, junit, tap, json };

/** The failure lines of a request, each with `file:line`. */
function failures(file: string, r: RequestResult): string[] {
  if (r.skipped) return [`skipped: ${r.skipped} (${file}:${r.request.line})`];
  const lines = r.assertions.filter((a) => !a.ok).map((a) => `${a.message} (${file}:${a.assertion.line})`);
  if (r.error) lines.push(`${r.error.message} (${file}:${r.error.line})`);
  if (!lines.length && !r.ok) lines.push(`answered ${r.status ?? 'nothing'}, not a 2xx (${file}:${r.request.line})`);
  return lines;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** XML 1.0 text: the five escapes, and no character XML cannot hold. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export function junit(results: FileResult[]): string {
  const count = (f: FileResult, p: (r: RequestResult) => boolean) => f.requests.filter(p).length;
  const all = results.flatMap((f) => f.requests);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qod run" tests="${all.length}" failures="${all.filter((r) => !r.ok && !r.skipped).length}" ` +
      `skipped="${all.filter((r) => r.skipped).length}">`,
  ];
  for (const f of results) {
    lines.push(
      `  <testsuite name="${xml(f.file)}" tests="${f.requests.length}" failures="${count(f, (r) => !r.ok && !r.skipped)}" ` +
        `skipped="${count(f, (r) => !!r.skipped)}" time="${seconds(f.durationMs)}">`,
    );
    for (const r of f.requests) {
      const open =
        `    <testcase name="${xml(r.label)}" classname="${xml(f.file)}" file="${xml(f.file)}" ` +
        `line="${r.request.line}" time="${seconds(r.durationMs)}"`;
      if (r.ok) {
        lines.push(`${open}/>`);
        continue;
      }
      const text = failures(f.file, r).join('\n');
      lines.push(`${open}>`);
      if (r.skipped) lines.push(`      <skipped message="${xml(r.skipped)}"/>`);
      else lines.push(`      <failure message="${xml(text.split('\n')[0] ?? '')}">${xml(text)}</failure>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

export function tap(results: FileResult[]): string {
  const all = results.flatMap((f) => f.requests.map((r) => ({ file: f.file, r })));
  const lines = ['TAP version 13', `1..${all.length}`];
  all.forEach(({ file, r }, i) => {
    const name = `${file}:${r.request.line} ${r.label}`.replace(/[\r\n#]/g, ' ');
    if (r.skipped) lines.push(`ok ${i + 1} - ${name} # SKIP ${r.skipped.replace(/[\r\n]/g, ' ')}`);
    else if (r.ok) lines.push(`ok ${i + 1} - ${name}`);
    else {
      lines.push(`not ok ${i + 1} - ${name}`, '  ---', '  failures:');
      for (const line of failures(file, r)) lines.push(`    - ${JSON.stringify(line)}`);
      lines.push('  ...');
    }
  });
  return `${lines.join('\n')}\n`;
}

export function json(results: FileResult[]): string {
  const shown = results.map((f) => ({
    file: f.file,
    ok: f.ok,
    durationMs: Math.round(f.durationMs),
    requests: f.requests.map((r) => ({
      label: r.label,
      line: r.request.line,
      ok: r.ok,
      ...(r.skipped ? { skipped: r.skipped } : {}),
      ...(r.operation ? { operation: r.operation } : {}),
      ...(r.status === undefined ? {} : { status: r.status }),
      durationMs: Math.round(r.durationMs),
      assertions: r.assertions.map((a) => ({
        line: a.assertion.line,
        source: a.assertion.source,
        ok: a.ok,
        actual: a.actual,
        message: a.message,
      })),
      ...(r.error ? { error: r.error } : {}),
    })),
  }));
  return `${JSON.stringify({ ok: results.every((f) => f.ok), files: shown }, null, 2)}\n`;
}

export function text(results: FileResult[]): string {
  const lines: string[] = [];
  for (const f of results) {
    lines.push(f.file);
    for (const r of f.requests) {
      const mark = r.skipped ? '-' : r.ok ? '✓' : '✗';
      const status = r.status === undefined ? '' : ` → ${r.status}`;
      lines.push(`  ${mark} ${r.label}${status} (${Math.round(r.durationMs)} ms)`);
      if (!r.ok) for (const line of failures(f.file, r)) lines.push(`      ${line}`);
    }
  }
  const all = results.flatMap((f) => f.requests);
  const passed = all.filter((r) => r.ok).length;
  const skipped = all.filter((r) => r.skipped).length;
  lines.push(`${passed} passed, ${all.length - passed - skipped} failed, ${skipped} skipped`);
  return `${lines.join('\n')}\n`;
}
