// Which QoD flavour a provider serves at an API base, found before any credentials exist.
//
// The probe is one harmless GET per base path, without a token: "read session 00000000-…" exists in all three
// flavours, changes nothing, and names no real session. A protected API answers 401 (or 403) before it looks at
// the path's parameters, and the shape of that error tells the flavours apart: v1 and v0.10 answer CAMARA's
// `{status, code, message}`, v0.8 its older `{code, message}`. A 404 means nothing is served there (a served path
// would have asked for the token first). v0.10 and v0.8 share `/qod/v0`; an answer that carries no body (only
// WWW-Authenticate) cannot tell them apart, and the user is asked.
//
// All of that holds only where the gateway routes before it authenticates. One that checks the token first
// answers 401 on every path, served or not; so a third GET goes to a path no API has, and when that one asks for
// a token too, no answer tells a flavour: the probe says so and the user picks.
import { urlProblem } from '../environments';
import { CancelledError, NetworkError } from '../errors';
import type { HttpTransport } from '../http/transport';
import { BASE_PATHS, FLAVOURS, type Flavour } from './flavour';
import { summariseErrorBody } from './error-body';

const NO_SESSION = '00000000-0000-4000-8000-000000000000';

export interface ProbeFinding {
  /** The base path probed: /quality-on-demand/v1 or /qod/v0. */
  path: string;
  url: string;
  /** The flavours this answer shows are served (empty: none here). */
  served: Flavour[];
  /** What came back from `url` and what it means, in one line. */
  evidence: string;
}

export interface FlavourProbe {
  /** The API base to store: the input without a trailing flavour path. */
  apiBase: string;
  /** Served flavours, most recent first. */
  found: Flavour[];
  findings: ProbeFinding[];
  /** Set when no answer can tell the flavour (a gateway that authenticates before it routes): why, in words. */
  undecidable?: string;
}

/** The API base a user pasted, without a trailing `/quality-on-demand/v1` or `/qod/v0` (the flavour adds it). */
export function apiBaseFrom(input: string): string {
  const base = input.trim().replace(/\/+$/, '');
  const suffixes = [BASE_PATHS['v1.2'].sessions, BASE_PATHS.v1.sessions, BASE_PATHS['v0.10'].sessions];
  for (const suffix of [...suffixes, BASE_PATHS['v1.2'].profiles as string, BASE_PATHS.v1.profiles as string]) {
    if (base.endsWith(suffix)) return base.slice(0, -suffix.length);
  }
  return base;
}

/** Probes both base paths (and one that cannot exist); throws NetworkError only when neither could be reached at all. */
export async function probeFlavour(input: string, transport: HttpTransport, signal?: AbortSignal): Promise<FlavourProbe> {
  const apiBase = apiBaseFrom(input);
  const problem = urlProblem('apiBase', apiBase);
  if (problem) throw new NetworkError(problem, 'other');
  // Random, so no gateway can have a route (or a cached answer) for it.
  const nowhere = `/qod-playground-probe-${globalThis.crypto.randomUUID().slice(0, 8)}`;
  const paths = [BASE_PATHS['v1.2'].sessions, BASE_PATHS.v1.sessions, BASE_PATHS['v0.10'].sessions];
  const [control, ...findings] = await Promise.all([nowhere, ...paths].map((path) => probeOne(apiBase, path, transport, signal)));
  const unreachable = findings.filter((f) => f.error);
  if (unreachable.length === findings.length) throw unreachable[0]!.error!;
  const plain = (f: ProbeFinding & { error?: Error; status?: number }): ProbeFinding => ({
    path: f.path,
    url: f.url,
    served: f.served,
    evidence: f.evidence,
  });
  if (control!.status === 401 || control!.status === 403) {
    const status = control!.status;
    const undecidable =
      `The gateway answers ${status} before routing (${control!.url}, a path no API has, answered ${status} too), ` +
      'so the flavour cannot be told from outside: pick it';
    const evidence = (f: ProbeFinding & { status?: number }) =>
      f.status === 401 || f.status === 403
        ? `answered ${f.status}, as a path that cannot exist does: ` +
          'the gateway asks for a token before it routes, so this says nothing about the flavour'
        : f.evidence;
    return { apiBase, found: [], findings: findings.map((f) => ({ ...plain(f), served: [], evidence: evidence(f) })), undecidable };
  }
  const found = FLAVOURS.slice()
    .reverse()
    .filter((f) => findings.some((p) => p.served.includes(f)));
  return { apiBase, found, findings: findings.map(plain) };
}

async function probeOne(
  apiBase: string,
  path: string,
  transport: HttpTransport,
  signal?: AbortSignal,
): Promise<ProbeFinding & { error?: Error; status?: number }> {
  const url = `${apiBase}${path}/sessions/${NO_SESSION}`;
  const candidates: Flavour[] =
    path === BASE_PATHS['v1.2'].sessions ? ['v1.2'] : path === BASE_PATHS.v1.sessions ? ['v1'] : ['v0.10', 'v0.8'];
  const finding = (served: Flavour[], evidence: string) => ({ path, url, served, evidence });
  let answer: Awaited<ReturnType<HttpTransport['send']>>;
  try {
    answer = await transport.send(url, { method: 'GET', headers: { accept: 'application/json' } }, { kind: 'other', signal });
  } catch (error) {
    if (error instanceof CancelledError || signal?.aborted) throw error;
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ...finding([], `failed: ${failure.message}`), error: failure };
  }
  const { text, status } = answer;
  const answered = (served: Flavour[], evidence: string) => ({ ...finding(served, evidence), status });
  if (status === 404) return answered([], 'answered 404: nothing served at this path');
  if (status !== 401 && status !== 403) {
    const summary = summariseErrorBody(status, answer.headers['content-type'], status < 300 ? '' : text);
    return answered(
      [],
      status < 300
        ? `answered HTTP ${status} without a token: not a protected QoD API`
        : `answered ${summary.message}: not a QoD API answer`,
    );
  }
  const body = parseObject(text);
  const said = `answered ${status}${typeof body?.code === 'string' ? ` ${summariseErrorBody(status, 'application/json', text).code}` : ''}`;
  if (candidates.length === 1) return answered(candidates, `${said}: the API is here and asks for a token`);
  if (body && typeof body.code === 'string' && typeof body.status === 'number')
    return answered(['v0.10'], `${said} as {status, code, message}: v0.10's error shape`);
  if (body && typeof body.code === 'string') return answered(['v0.8'], `${said} as {code, message} with no status: v0.8's error shape`);
  return answered(candidates, `${said} with no CAMARA body: /qod/v0 is served, but v0.10 and v0.8 cannot be told apart`);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
