// The create-session body from command-line flags, in the shape of the environment's flavour. `--body` takes a
// whole JSON body instead: inline, `@file` or `-` (stdin), the last two keeping credentials out of the process list.
import { readFile } from 'node:fs/promises';
import { createSessionBody, deviceInput, type DeviceInput } from '../core/camara/create-body';
import type { Flavour } from '../core/camara/flavour';
import type { FieldIssue } from '../core/camara/validate';
import { isSecretName, secretStringNames } from '../core/http/redact';
import { flagIssue } from './check-input';
import { UsageError } from './options';

export const CREATE_OPTIONS = {
  phone: { type: 'string' },
  ipv4: { type: 'string' },
  ipv6: { type: 'string' },
  as: { type: 'string' },
  profile: { type: 'string' },
  duration: { type: 'string' },
  sink: { type: 'string' },
  body: { type: 'string' },
} as const;

export interface CreateValues {
  phone?: string;
  ipv4?: string;
  ipv6?: string;
  as?: string;
  profile?: string;
  duration?: string;
  sink?: string;
  body?: string;
}

export function deviceFrom(v: CreateValues): DeviceInput | undefined {
  return deviceInput({ phoneNumber: v.phone, ipv4Address: v.ipv4, ipv6Address: v.ipv6 });
}

/**
 * The body, and the problems of the flags it was built from: a `--duration` that is not a number is left out of
 * the body and reported by its flag, so that the body's own problems are reported with it (not instead of it).
 */
export function buildCreateBody(flavour: Flavour, v: CreateValues): { body: unknown; flagIssues: FieldIssue[] } {
  if (v.body) return { body: bodyFlag(v.body), flagIssues: [] };
  const duration = v.duration === undefined ? undefined : Number(v.duration);
  const durationOk = duration === undefined || Number.isFinite(duration);
  const body = createSessionBody(flavour, {
    device: deviceFrom(v),
    applicationServer: v.as ?? '',
    qosProfile: v.profile ?? '',
    duration: durationOk ? duration : undefined,
    sink: v.sink ? { url: v.sink } : undefined,
  });
  return { body, flagIssues: durationOk ? [] : [flagIssue('--duration', 'must be a number of seconds', v.duration)] };
}

/** `--body @file.json` reads the file, `--body -` standard input; anything else is the JSON itself. */
export async function readBodyArgument(value: string, readStdin: () => Promise<string>): Promise<string> {
  if (value === '-') return readStdin();
  if (!value.startsWith('@')) return value;
  try {
    return await readFile(value.slice(1), 'utf8');
  } catch (error) {
    throw new UsageError(`--body ${value}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Which options, as typed on the command line, carry a credential (a sink token in --body or in --sink's query). */
export function credentialsOnCommandLine(v: CreateValues, argv: readonly string[]): string[] {
  const found: string[] = [];
  const inline = argv.includes('--body') && v.body !== undefined && argv.includes(v.body) ? v.body : undefined;
  if (inline) for (const name of secretStringNames(inline)) found.push(`--body (${name})`);
  if (v.sink && URL.canParse(v.sink) && [...new URL(v.sink).searchParams.keys()].some((k) => isSecretName(k, 'form')))
    found.push('--sink (its query)');
  return found;
}

/** `--body`'s JSON, read already (inline, @file or stdin); not JSON is a usage error naming the flag. */
export function bodyFlag(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--body is not valid JSON: ${(error as Error).message}`);
  }
}
