// Which QoD flavour a provider serves at an API base, found before any credentials exist.
//
// The probe is one harmless GET per base path, without a token: "read session 00000000-…" exists in all three
// flavours, changes nothing, and names no real session. A protected API answers 401 (or 403) before it looks at
// the path's parameters, and the shape of that error tells the flavours apart: v1 and v0.10 answer CAMARA's
// `{status, code, message}`, v0.8 its older `{code, message}`. A 404 means nothing is served there (a served path
// would have asked for the token first). v0.10 and v0.8 share `/qod/v0`; an answer that carries no body (only
// WWW-Authenticate) cannot tell them apart, and the user is asked.
import { isLoopbackHttpUrl } from './fields';
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
}

/** The API base a user pasted, without a trailing `/quality-on-demand/v1` or `/qod/v0` (the flavour adds it). */
export function apiBaseFrom(input: string): string {
  const base = input.trim().replace(/\/+$/, '');
  for (const suffix of [BASE_PATHS.v1.sessions, BASE_PATHS['v0.10'].sessions, BASE_PATHS.v1.profiles as string]) {
    if (base.endsWith(suffix)) return base.slice(0, -suffix.length);
  }
  return base;
}

/** Probes both base paths; throws NetworkError only when neither could be reached at all. */
export async function probeFlavour(input: string, transport: HttpTransport, signal?: AbortSignal): Promise<FlavourProbe> {
  const apiBase = apiBaseFrom(input);
  if (!URL.canParse(apiBase)) throw new NetworkError(`${apiBase} is not a URL`, 'other');
  if (!apiBase.startsWith('https://') && !isLoopbackHttpUrl(apiBase)) throw new NetworkError(`${apiBase} must use https:// (plain http only on 127.0.0.1/localhost)`, 'other');
  const paths = [BASE_PATHS.v1.sessions, BASE_PATHS['v0.10'].sessions];
  const findings = await Promise.all(paths.map((path) => probeOne(apiBase, path, transport, signal)));
  const unreachable = findings.filter((f) => f.error);
  if (unreachable.length === findings.length) throw unreachable[0]!.error!;
  const found = FLAVOURS.slice().reverse().filter((f) => findings.some((p) => p.served.includes(f)));
  return { apiBase, found, findings: findings.map(({ error: _, ...f }) => f) };
}

async function probeOne(apiBase: string, path: string, transport: HttpTransport, signal?: AbortSignal): Promise<ProbeFinding & { error?: Error }> {
  const url = `${apiBase}${path}/sessions/${NO_SESSION}`;
  const candidates: Flavour[] = path === BASE_PATHS.v1.sessions ? ['v1'] : ['v0.10', 'v0.8'];
  const finding = (served: Flavour[], evidence: string) => ({ path, url, served, evidence });
  let answer: Awaited<ReturnType<HttpTransport['send']>>;
  try {
    answer = await transport.send(url, { method: 'GET', headers: { accept: 'application/json' } }, { kind: 'other', signal });
  } catch (error) {
    if (error instanceof CancelledError || signal?.aborted) throw error;
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ...finding([], `failed: ${failure.message}`), error: failure };
  }
  const { status, text } = answer;
  if (status === 404) return finding([], 'answered 404: nothing served at this path');
  if (status !== 401 && status !== 403) {
    const summary = summariseErrorBody(status, answer.headers['content-type'], status < 300 ? '' : text);
    return finding([], status < 300 ? `answered HTTP ${status} without a token: not a protected QoD API` : `answered ${summary.message}: not a QoD API answer`);
  }
  const body = parseObject(text);
  const said = `answered ${status}${typeof body?.code === 'string' ? ` ${summariseErrorBody(status, 'application/json', text).code}` : ''}`;
  if (candidates.length === 1) return finding(candidates, `${said}: the API is here and asks for a token`);
  if (body && typeof body.code === 'string' && typeof body.status === 'number') return finding(['v0.10'], `${said} as {status, code, message}: v0.10's error shape`);
  if (body && typeof body.code === 'string') return finding(['v0.8'], `${said} as {code, message} with no status: v0.8's error shape`);
  return finding(candidates, `${said} with no CAMARA body: /qod/v0 is served, but v0.10 and v0.8 cannot be told apart`);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
