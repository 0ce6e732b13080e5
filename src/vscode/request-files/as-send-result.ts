// A request file's answer as the playground's response view shows one (the `didShowResult` notification), so
// Send and Send All have one place to read answers. Also how the playground turns a recorded exchange into what
// the page sees (the controller's send uses the same two helpers). No vscode here: unit-tested.
import type { Exchange } from '../../core/http/exchange';
import { safeJson } from '../../core/http/safe-json';
import type { RequestResult } from '../../core/request-files/results';
import type { ExchangeView, SendResult } from '../../shared/protocol';

export function asSendResult(r: RequestResult): SendResult & { title: string } {
  const failed = r.assertions.filter((a) => !a.ok).map((a) => `line ${a.assertion.line}: ${a.message}`);
  const message = r.ok ? undefined : (r.skipped ?? r.error?.message ?? (failed.length ? failed.join('\n') : undefined));
  return {
    title: r.label,
    ok: r.ok,
    status: r.status,
    body: answerBody(r.exchange?.responseBody),
    correlator: r.exchange?.correlator,
    exchange: r.exchange && toView(r.exchange),
    ...(message === undefined ? {} : { message }),
  };
}

export function toView(e: Exchange): ExchangeView {
  return {
    id: e.id,
    kind: e.kind,
    method: e.method,
    url: e.url,
    status: e.status,
    totalMs: e.totalMs,
    timeToFirstByteMs: e.timeToFirstByteMs,
    correlator: e.correlator,
    requestHeaders: e.requestHeaders,
    requestBody: e.requestBody,
    responseHeaders: e.responseHeaders,
    responseBody: e.responseBody,
    responseBytes: e.responseBytes,
    error: e.error,
    own: e.own,
  };
}

/** The recorded answer as JSON when it is, else its text; none when there was no body. */
export function answerBody(text: string | undefined): unknown {
  return text ? safeJson(text) : undefined;
}
