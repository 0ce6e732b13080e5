// One exchange as log lines (the extension's output channel and its files on disk, the CLI's --verbose). The
// exchange is already redacted, so nothing here needs to know what a secret is; what the provider wrote may hold
// escape sequences, which a log shows as text (a log file is read in a terminal too).
import type { Exchange } from './exchange';
import { forTerminal } from './provider-text';

export function formatExchange(exchange: Exchange, verbose = false): string {
  const bytes = exchange.responseBytes === undefined ? '' : `, ${exchange.responseBytes} B`;
  const timing = exchange.totalMs === undefined ? '' : ` (${Math.round(exchange.totalMs)} ms${bytes})`;
  const outcome = exchange.error ? `failed: ${exchange.error}` : `${exchange.status}`;
  const correlator = exchange.correlator
    ? ` x-correlator ${exchange.correlator}${exchange.correlatorEchoed === false ? ' (not echoed)' : ''}`
    : '';
  const head = `[${exchange.kind}] ${exchange.method} ${exchange.url} → ${outcome}${timing}${correlator}`;
  if (!verbose) return forTerminal(head);
  const headers = (h: Record<string, string> | undefined) => Object.entries(h ?? {}).map(([k, v]) => `    ${k}: ${v}`);
  return [
    head,
    '  request',
    ...headers(exchange.requestHeaders),
    ...(exchange.requestBody ? [indent(exchange.requestBody)] : []),
    ...(exchange.status !== undefined
      ? ['  response', ...headers(exchange.responseHeaders), ...(exchange.responseBody ? [indent(exchange.responseBody)] : [])]
      : []),
  ]
    .map(forTerminal)
    .join('\n');
}

/** A QoD or OAuth body is well under this; a log line never carries a provider's flood (the playground has it whole). */
export const LOG_BODY_CHARS = 4096;

function indent(text: string): string {
  const cut = text.length - LOG_BODY_CHARS;
  const shown = cut > 0 ? `${text.slice(0, LOG_BODY_CHARS)}… (${cut} more characters not shown)` : text;
  return shown
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
