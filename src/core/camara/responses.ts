// What a successful QoD answer must look like, per flavour: every 2xx body is checked before it is used, so a
// provider that answers 200 with the wrong shape is a clear error, never `undefined` or `NaN` on screen.
import { z } from 'zod';
import { qosProfile } from './fields';
import type { Flavour } from './flavour';
import * as v0_8 from './v0_8';
import * as v0_10 from './v0_10';
import * as v1 from './v1';
import * as v1_2 from './v1_2';
import { assignmentInfo } from './provisioning';
import { toFieldIssues, type FieldIssue } from './validate';

export type ResponseKind = 'session' | 'sessions' | 'profiles' | 'profile' | 'assignment';

const SESSION_INFO: Record<Flavour, z.ZodType> = {
  'v1.2': v1_2.sessionInfo,
  v1: v1.sessionInfo,
  'v0.10': v0_10.sessionInfo,
  'v0.8': v0_8.sessionInfo,
};

/** How many items a list answer may hold: 1.2 caps sessions and profiles at 100. */
const maxListed = (flavour: Flavour) => (flavour === 'v1.2' ? v1_2.MAX_LISTED : Number.MAX_SAFE_INTEGER);
const atMost = (flavour: Flavour) => ({ error: `must hold at most ${maxListed(flavour)} items (QoD ${flavour})` });

const SCHEMAS: Record<ResponseKind, (flavour: Flavour) => z.ZodType> = {
  session: (flavour) => SESSION_INFO[flavour],
  sessions: (flavour) => z.array(SESSION_INFO[flavour]).max(maxListed(flavour), atMost(flavour)),
  profiles: (flavour) => z.array(qosProfile).max(maxListed(flavour), atMost(flavour)),
  profile: () => qosProfile,
  assignment: () => assignmentInfo,
};

/** In words, for the message: what was expected. */
export const EXPECTED: Record<ResponseKind, string> = {
  session: 'a SessionInfo object',
  sessions: 'an array of SessionInfo objects',
  profiles: 'an array of QosProfile objects',
  profile: 'a QosProfile object',
  assignment: 'an AssignmentInfo object',
};

export function checkResponse(flavour: Flavour, kind: ResponseKind, body: unknown): { ok: true } | { ok: false; issues: FieldIssue[] } {
  if (body === undefined) return { ok: false, issues: [{ path: '(body)', rule: 'is empty', message: '(body): is empty' }] };
  if (typeof body === 'string')
    return { ok: false, issues: [{ path: '(body)', rule: 'is not JSON', message: `(body): is not JSON (starts "${body.slice(0, 40)}")` }] };
  // No depth check needed: these schemas never walk into what they do not name, and messages preview values safely.
  const result = SCHEMAS[kind](flavour).safeParse(body);
  return result.success ? { ok: true } : { ok: false, issues: toFieldIssues(result.error.issues, body) };
}
