// One problem model for every failure: each face (CLI, agent tools, playground, VS Code messages) renders a
// Problem its own way instead of keeping its own instanceof ladder. The texts are already cleaned and bounded
// by the core (QodError's message, catalogue words); nothing here adds a secret or a stack trace.
import { AuthError } from './auth/auth-error';
import { QodConfigurationError, QodError, QodResponseError, QodValidationError } from './camara/qod-client';
import type { FieldIssue } from './camara/validate';
import { distinctTexts } from './distinct-texts';
import { CancelledError, codeOf, messageOf, NetworkError } from './errors';
import type { Exchange } from './http/exchange';

/** The CLI's exit codes (README "Exit codes"). */
export const EXIT = { ok: 0, api: 1, usage: 2, signIn: 3, network: 4, cancelled: 130 } as const;

export interface FollowUp {
  label: 'explanation' | 'fix';
  text: string;
}

interface Common {
  /** A short headline for the failure. */
  title: string;
  /** CAMARA code, OAuth code, or this project's own (INVALID_INPUT, NETWORK_TIMEOUT, …). */
  code: string;
  /** The error's own message, as the core cleaned it. */
  message: string;
  explanation?: string;
  fix?: string;
  /** What to read after the message: the explanation and fix that do not repeat it or each other (distinctTexts). */
  followUps: FollowUp[];
  exitCode: number;
}

export type Problem =
  | (Common & {
      kind: 'api';
      status: number;
      providerMessage: string;
      correlator?: string;
      retryAfterSeconds?: number;
      exchange?: Exchange;
    })
  | (Common & { kind: 'wrong-shape'; status: number; expected: string; issues: FieldIssue[]; exchange?: Exchange })
  | (Common & {
      kind: 'sign-in';
      authCode: string;
      status?: number;
      /** The provider's error_description (the message already holds it, with the hint). */
      description?: string;
    })
  | (Common & { kind: 'network'; networkKind: NetworkError['kind'] })
  | (Common & { kind: 'invalid-input'; issues: FieldIssue[] })
  | (Common & { kind: 'configuration' })
  | (Common & { kind: 'usage' })
  | (Common & { kind: 'cancelled' })
  | (Common & { kind: 'unexpected' });

function isUsage(error: unknown): error is Error {
  // The CLI's UsageError lives above the core, and node:util's parseArgs marks its errors with ERR_PARSE_ARGS_*.
  return error instanceof Error && (error.name === 'UsageError' || !!codeOf(error)?.startsWith('ERR_PARSE_ARGS'));
}

export function toProblem(error: unknown): Problem {
  if (error instanceof CancelledError) {
    return { kind: 'cancelled', title: 'Cancelled', code: 'CANCELLED', message: error.message, followUps: [], exitCode: EXIT.cancelled };
  }
  if (error instanceof QodError) {
    const [, explanation, fix] = distinctTexts([error.apiMessage, error.explanation, error.fix]);
    return {
      kind: 'api',
      title: `${error.status} ${error.code}`,
      code: error.code,
      status: error.status,
      message: error.apiMessage,
      providerMessage: error.apiMessage,
      explanation: error.explanation,
      fix: error.fix,
      followUps: [
        ...(explanation ? [{ label: 'explanation' as const, text: explanation }] : []),
        ...(fix ? [{ label: 'fix' as const, text: fix }] : []),
      ],
      correlator: error.correlator,
      retryAfterSeconds: error.retryAfterSeconds,
      exchange: error.exchange,
      exitCode: EXIT.api,
    };
  }
  if (error instanceof QodResponseError) {
    return {
      kind: 'wrong-shape',
      title: `The API answered ${error.status} but not with ${error.expected}`,
      code: 'UNEXPECTED_RESPONSE',
      status: error.status,
      expected: error.expected,
      issues: error.issues,
      exchange: error.exchange,
      message: error.message,
      followUps: [],
      exitCode: EXIT.api,
    };
  }
  if (error instanceof QodConfigurationError) {
    return {
      kind: 'configuration',
      title: 'Configuration',
      code: 'CONFIGURATION',
      message: error.message,
      followUps: [],
      exitCode: EXIT.usage,
    };
  }
  if (error instanceof QodValidationError) {
    return {
      kind: 'invalid-input',
      title: 'Not sent',
      code: 'INVALID_INPUT',
      issues: error.issues,
      message: error.message,
      followUps: [],
      exitCode: EXIT.usage,
    };
  }
  if (isUsage(error)) return { kind: 'usage', title: 'Usage', code: 'USAGE', message: error.message, followUps: [], exitCode: EXIT.usage };
  if (error instanceof AuthError) {
    return {
      kind: 'sign-in',
      title: 'Sign-in failed',
      code: error.code,
      authCode: error.code,
      status: error.status,
      message: error.message,
      description: error.description,
      fix: error.hint,
      followUps: [],
      exitCode: EXIT.signIn,
    };
  }
  if (error instanceof NetworkError) {
    return {
      kind: 'network',
      title: 'Network error',
      code: `NETWORK_${error.kind.toUpperCase()}`,
      networkKind: error.kind,
      message: error.message,
      followUps: [],
      exitCode: EXIT.network,
    };
  }
  return { kind: 'unexpected', title: 'Error', code: 'UNEXPECTED', message: messageOf(error), followUps: [], exitCode: EXIT.api };
}
