// The sandbox's pretend subscribers. Behaviour is decided by the last digit of the device identifier
// (phone number, or IP address), so every outcome can be reproduced on purpose. The README shows this table.
import type { LoginHint } from '../core/auth/login-hint';
import type { SandboxOutcome } from '../shared/protocol';

export type CibaOutcome = { kind: 'approve'; afterPolls: number } | { kind: 'deny' } | { kind: 'never' };

export interface Subscriber {
  /** `tel:+34666666661`, `ipport:203.0.113.25`, … as the subject of tokens. */
  subject: string;
  lastDigit: number;
}

/**
 * The behaviour by last digit, in words, as the CLI banner, the playground (next to the login hint, each row a
 * one-click hint) and the README show it; the rules below decide it, and a test holds the two together.
 */
export const BEHAVIOUR_TABLE: readonly SandboxOutcome[] = [
  {
    digits: '0–4',
    label: 'approve',
    example: 'tel:+34666666661',
    ciba: 'approved: the first poll returns the tokens',
    qod: 'sessions work normally; ending in 3: also offered the device-restricted profile QOS_RESTRICTED',
  },
  {
    digits: '5',
    label: 'approve after 3 polls',
    example: 'tel:+34666666665',
    ciba: 'approved after 3 polls (two authorization_pending first)',
    qod: 'sessions work normally; QoS Provisioning is asynchronous: 201 REQUESTED then AVAILABLE, revoke 202 then UNAVAILABLE',
  },
  {
    digits: '6',
    label: 'deny',
    example: 'tel:+34666666666',
    ciba: 'the user denies: access_denied',
    qod: 'sessions work normally (2-legged)',
  },
  {
    digits: '7',
    label: 'never approve',
    example: 'tel:+34666666667',
    ciba: 'never approved: authorization_pending until expired_token (after expires_in, 120 s)',
    qod:
      'sessions work normally (2-legged); QoD 1.2 and QoS Provisioning 0.4: 201 UNAVAILABLE, NETWORK_TERMINATED ' +
      '(the network cannot provide it)',
  },
  {
    digits: '8',
    label: 'unknown subscriber',
    example: 'tel:+34666666668',
    ciba: 'unknown subscriber: unknown_user_id',
    qod: '404 IDENTIFIER_NOT_FOUND',
  },
  {
    digits: '9',
    label: 'not applicable',
    example: 'tel:+34666666669',
    ciba: 'approved: the first poll returns the tokens',
    qod: '422 SERVICE_NOT_APPLICABLE (network cannot serve QoD or QoS Provisioning)',
  },
];

export function cibaOutcome(lastDigit: number): CibaOutcome {
  if (lastDigit === 5) return { kind: 'approve', afterPolls: 3 };
  if (lastDigit === 6) return { kind: 'deny' };
  if (lastDigit === 7) return { kind: 'never' };
  return { kind: 'approve', afterPolls: 1 };
}

export const isKnown = (lastDigit: number): boolean => lastDigit !== 8;
export const canServeQod = (lastDigit: number): boolean => lastDigit !== 9;
/**
 * QoD 1.2 only: the network knows at creation that it cannot provide the QoS, so create answers 201 with
 * UNAVAILABLE/NETWORK_TERMINATED (1.1 has no such answer; its sessions for these devices work normally).
 */
export const networkTerminatesAtCreation = (lastDigit: number): boolean => lastDigit === 7;

/** The deciding digit: the last decimal digit in the identifier (a phone number or an IP address; none → 0). */
export function lastDigitOf(identifier: string): number {
  const digits = identifier.match(/\d/g);
  return Number(digits?.at(-1) ?? '0');
}

export function subscriberForHint(hint: LoginHint): Subscriber {
  switch (hint.kind) {
    case 'tel':
      return { subject: `tel:${hint.phoneNumber}`, lastDigit: lastDigitOf(hint.phoneNumber) };
    case 'ipport':
      return { subject: `ip:${hint.address}`, lastDigit: lastDigitOf(hint.address) };
    case 'operatortoken':
      return { subject: `operatortoken:${hint.token}`, lastDigit: lastDigitOf(hint.token) };
  }
}

/**
 * QoS Provisioning: the network provisions (and revokes) this device asynchronously: create answers 201 REQUESTED and
 * becomes AVAILABLE after the activation delay; revoke answers 202 (AVAILABLE, DELETE_REQUESTED) and ends shortly after.
 */
export const provisionsAsynchronously = (lastDigit: number): boolean => lastDigit === 5;

/** The device-restricted QoS profile (QOS_RESTRICTED) is offered to these devices only: listed for them, assignable by them. */
export const offeredRestrictedProfiles = (lastDigit: number): boolean => lastDigit === 3;
