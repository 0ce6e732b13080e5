// Whether an answer is the one a scenario expects: status, Content-Type, the x-correlator echo, the ErrorInfo
// shape and code, the 2xx body's schema (the core's zod schemas, never the YAML) and the scenario's rules.
import { z } from 'zod';
import { checkResponse } from '../camara/responses';
import type { Flavour } from '../camara/flavour';
import type { HttpResult } from '../http/transport';
import type { CheckContext, Expectation } from './model';

/** ErrorInfo as every version declares it (status, code, message required). */
const errorInfo = z.looseObject({ status: z.int(), code: z.string(), message: z.string() });

/** What is wrong with the answer, in one sentence per problem; empty when it is as expected. */
export function evaluate(
  expect: Expectation,
  answer: HttpResult,
  sent: { correlator: string; correlatorValid: boolean },
  flavour: Flavour,
  ctx: CheckContext,
): string[] {
  const problems: string[] = [];
  const type = answer.headers['content-type'] ?? '';
  const parsed = parse(answer.text);
  if (answer.status !== expect.status) {
    const said = parsed.ok && isRecord(parsed.value) && typeof parsed.value.code === 'string' ? ` ${parsed.value.code}` : '';
    problems.push(`expected HTTP ${expect.status}, got ${answer.status}${said}${describeNonJson(answer, parsed.ok)}`);
    return problems;
  }
  // Every response of these APIs declares the x-correlator header, and the test files ask for the echo.
  const echoed = answer.headers['x-correlator'];
  if (sent.correlatorValid && echoed !== sent.correlator)
    problems.push(
      echoed === undefined
        ? `x-correlator not echoed (sent "${sent.correlator}")`
        : `x-correlator echoed as "${echoed.slice(0, 80)}", sent "${sent.correlator}"`,
    );
  if (expect.body === 'none') {
    if (answer.text.length > 0) problems.push(`a ${answer.status} must have no body (got ${answer.text.length} characters)`);
    return problems;
  }
  if (!expect.noContentTypeCheck && !/^application\/json\s*(;|$)/i.test(type))
    problems.push(`Content-Type is "${type.slice(0, 60) || 'absent'}", expected application/json`);
  if (!parsed.ok) {
    problems.push(`the body is not JSON${describeNonJson(answer, false)}`);
    return problems;
  }
  if (expect.status >= 400) {
    const error = errorInfo.safeParse(parsed.value);
    if (!error.success) problems.push('the error body is not ErrorInfo {status, code, message}');
    else {
      if (error.data.status !== answer.status) problems.push(`"$.status" is ${error.data.status}, the HTTP status ${answer.status}`);
      if (expect.codes && !expect.codes.includes(error.data.code))
        problems.push(`"$.code" is ${error.data.code}, expected ${expect.codes.join(' or ')}`);
      if (!error.data.message.trim()) problems.push('"$.message" is empty');
    }
    return problems;
  }
  if (expect.body) {
    const checked = checkResponse(flavour, expect.body, parsed.value);
    if (!checked.ok)
      problems.push(
        `the body is not ${expect.body} as the definition says: ${checked.issues
          .map((i) => i.message)
          .slice(0, 3)
          .join('; ')}`,
      );
  }
  if (problems.length === 0)
    for (const rule of expect.rules ?? []) {
      const broken = rule(parsed.value as Record<string, unknown>, ctx);
      if (broken) problems.push(broken);
    }
  return problems;
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** HTML, text or a cut-off JSON answer, said plainly (the start of it, as the exchange shows it redacted). */
function describeNonJson(answer: HttpResult, isJson: boolean): string {
  if (isJson || !answer.text) return '';
  const type = answer.headers['content-type'] ?? 'no Content-Type';
  const kind =
    /html/i.test(type) || /^\s*</.test(answer.text) ? 'an HTML page' : /^\s*[[{]/.test(answer.text) ? 'truncated or broken JSON' : 'text';
  return ` (${kind}, ${type.slice(0, 60)})`;
}
