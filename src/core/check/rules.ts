// Rules a success answer must meet beyond its schema, as the test definitions state them (where a rule
// contradicts the API definition, the definition's rule is the one here; contradictions.ts says which).
import { isDeepStrictEqual } from 'node:util';
import type { BodyRule } from './model';

/** Clocks differ: "in the past" allows this much skew between the provider and this machine. */
const SKEW_MS = 5_000;

const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 120));

/** The answer's property equals the one sent (or is absent when none was sent). */
export const echoes =
  (property: string): BodyRule =>
  (body, ctx) => {
    const sent = ctx.created?.[property];
    return isDeepStrictEqual(body[property], sent) ? undefined : `$.${property} is ${show(body[property])}, sent ${show(sent)}`;
  };

/** Present only when the status property has one of these values. */
export const onlyWhen =
  (property: string, statusProperty: string, values: readonly string[]): BodyRule =>
  (body) => {
    const status = String(body[statusProperty]);
    const present = body[property] !== undefined;
    if (present && !values.includes(status)) return `$.${property} is present while $.${statusProperty} is ${status}`;
    if (!present && values.includes(status) && property === 'statusInfo')
      return `$.${property} is absent while $.${statusProperty} is ${status}`;
    return undefined;
  };

/**
 * startedAt: the spec (QoD SessionInfo, AssignmentInfo) gives the time the status became AVAILABLE and says it is
 * not returned while REQUESTED; an UNAVAILABLE one that was once AVAILABLE keeps it (contradiction #5). When
 * present it is in the past.
 */
export const startedAtRule =
  (statusProperty: string): BodyRule =>
  (body) => {
    const status = body[statusProperty];
    if (body.startedAt === undefined)
      return status === 'AVAILABLE' ? `$.startedAt is absent while $.${statusProperty} is AVAILABLE` : undefined;
    if (status === 'REQUESTED') return `$.startedAt is present while $.${statusProperty} is REQUESTED`;
    const at = Date.parse(String(body.startedAt));
    return Number.isNaN(at) || at > Date.now() + SKEW_MS ? `$.startedAt ${show(body.startedAt)} is not a time in the past` : undefined;
  };

/** expiresAt: present once the session is not REQUESTED, and later than startedAt when both are there. */
export const expiresAtRule: BodyRule = (body) => {
  if (body.qosStatus === 'REQUESTED') return body.expiresAt === undefined ? undefined : '$.expiresAt is present while REQUESTED';
  if (body.expiresAt === undefined) return `$.expiresAt is absent while $.qosStatus is ${String(body.qosStatus)}`;
  if (body.startedAt !== undefined && Date.parse(String(body.expiresAt)) <= Date.parse(String(body.startedAt)))
    return '$.expiresAt is not later than $.startedAt';
  return undefined;
};

export const equals =
  (property: string, value: unknown): BodyRule =>
  (body) =>
    isDeepStrictEqual(body[property], value) ? undefined : `$.${property} is ${show(body[property])}, expected ${show(value)}`;

export const absent =
  (property: string): BodyRule =>
  (body) =>
    body[property] === undefined ? undefined : `$.${property} is present (${show(body[property])})`;

/** A list answer: every item's property has this value. */
export const everyItem =
  (property: string, value: unknown): BodyRule =>
  (body) => {
    const items = body as unknown as Record<string, unknown>[];
    const bad = items.find((i) => i[property] !== value);
    return bad ? `an item has ${property} ${show(bad[property])}, expected ${show(value)}` : undefined;
  };

export const length =
  (n: number): BodyRule =>
  (body) => {
    const items = body as unknown as unknown[];
    return items.length === n ? undefined : `the array has ${items.length} items, expected ${n}`;
  };

/** Each item is one of the sessions this run made for the device (a list answer). */
export const holdsCreated: BodyRule = (body, ctx) => {
  const items = body as unknown as Record<string, unknown>[];
  return items.some((i) => i.sessionId === ctx.resourceId) ? undefined : `the session ${ctx.resourceId} is not in the list`;
};

/** The extended duration never passes the profile's maxDuration. */
export const withinMaxDuration: BodyRule = (body, ctx) => {
  const max = ctx.profile.maxSeconds;
  return max === undefined || Number(body.duration) <= max ? undefined : `$.duration ${show(body.duration)} exceeds maxDuration ${max}`;
};
