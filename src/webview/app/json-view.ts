// JSON shown formatted and highlighted with the theme's colours, built from text nodes (never HTML). Token
// times in claims (`iat`, `exp`, …) read as dates with the time from now.
import { h } from './dom';

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** `value` as indented JSON in a `<pre>`, keys, strings, numbers and literals each in their own span. */
export function jsonView(value: unknown, attrs: Record<string, unknown> = {}): HTMLElement {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  const pre = h('pre', { class: 'code json', ...attrs });
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) pre.append(text.slice(at, m.index));
    const kind = m[1] ? (m[2] ? 'key' : 'string') : m[3] ? 'literal' : 'number';
    pre.append(h('span', { class: `json-${kind}` }, m[1] ?? m[0]));
    if (m[2]) pre.append(m[2]);
    at = m.index + m[0].length;
  }
  pre.append(text.slice(at));
  return pre;
}

/** The JWT claims that are times (seconds since the epoch). */
const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf', 'auth_time']);

/** `in 59 min`, `3 s ago`. */
export function relative(ms: number, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  const abs = Math.abs(seconds);
  const amount =
    abs < 60
      ? `${abs} s`
      : abs < 5400
        ? `${Math.round(abs / 60)} min`
        : abs < 86400
          ? `${Math.round(abs / 3600)} h`
          : `${Math.round(abs / 86400)} d`;
  return seconds >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** Token claims as a table: each claim and its value, times as a date with the time from now. */
export function claimsView(claims: Record<string, unknown>, now = Date.now()): HTMLElement {
  return h(
    'table',
    { class: 'claims', id: 'claims' },
    ...Object.entries(claims).map(([name, value]) => {
      const isTime = TIME_CLAIMS.has(name) && typeof value === 'number' && Number.isFinite(value);
      const shown = isTime
        ? `${value} · ${new Date(value * 1000).toLocaleString()} (${relative(value * 1000, now)})`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
      return h('tr', {}, h('th', {}, name), h('td', {}, shown));
    }),
  );
}
