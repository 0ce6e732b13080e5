// Runs QoD operations for every face (palette commands, the playground, agent tools; the CLI and MCP can too)
// through the core's operation table, and keeps the sessions view true to what the API says: one place, so the
// faces cannot drift apart.
// - Every answer about a session updates it; a 404 removes it; a 401/403 keeps it, marked as not readable
//   with the current sign-in (another subscriber's token is no reason to forget a running session).
// - A session still REQUESTED is read again a few times (bounded) until its status settles, so the view
//   does not wait for a notification that may never come.
import type { Authenticator } from '../auth/authenticator';
import type { AssignmentView, SessionView } from '../camara/normalise';
import { QodError, type QodClient, type QodResult } from '../camara/qod-client';
import { answerOf, entryOf, type AnswerOf, type OperationInput, type OperationRef, type TableEntry } from '../operations';
import { CancelledError } from '../errors';
import { asOwnCall } from '../http/own-call';
import { sleepOn, systemClock } from '../clock';
import { settle } from './settle';
import { hasEnded, type SessionRegistry } from './session-registry';

/** When a REQUESTED session is read again, in ms after the answer that said so. */
export const SETTLE_READS_MS = [2_000, 5_000, 10_000, 20_000, 30_000];

/** Who the current sign-in is, as the registry records it. */
export function signInIdentity(auth: Pick<Authenticator, 'signedIn'>): string | undefined {
  const key = auth.signedIn;
  if (!key) return undefined;
  return key.flow === 'client_credentials' ? 'application' : key.subject;
}

export class SessionService {
  /** Aborted on dispose: ends every settle wait. */
  readonly #disposed = new AbortController();

  constructor(
    /** The environment's QoD client and sign-in (the services' runtime). */
    private readonly runtime: (environmentId: string) => Promise<{ client: QodClient; auth: Pick<Authenticator, 'signedIn'> }>,
    private readonly registry: SessionRegistry,
    /** Asked before an operation runs (the user's consent to a change on a provider); false cancels it. */
    private readonly confirm: (environmentId: string, spec: TableEntry, input: OperationInput) => Promise<boolean> = async () => true,
    private readonly settleReadsMs: readonly number[] = SETTLE_READS_MS,
  ) {}

  /** `consented`: the user already agreed to this very request (an agent tool's confirmation). */
  async run<R extends OperationRef>(
    environmentId: string,
    ref: R,
    input: OperationInput,
    signal?: AbortSignal,
    consented = false,
  ): Promise<QodResult<AnswerOf<R>>> {
    const spec = entryOf(ref);
    const { client, auth } = await this.runtime(environmentId);
    if (!consented && !(await this.confirm(environmentId, spec, input))) throw new CancelledError();
    const identity = signInIdentity(auth);
    let result: QodResult<AnswerOf<R>>;
    try {
      result = await client.run(ref, input, signal);
    } catch (error) {
      if (spec.needsId && input.id) this.#learnFromRefusal(environmentId, spec, input.id, error);
      throw error;
    }
    for (const session of sessionsIn(spec, result.value)) this.#learn(environmentId, session, identity);
    const assignment = assignmentIn(spec, result.value);
    if (assignment) this.registry.upsertAssignment(environmentId, assignment, identity);
    if (spec.endsSession && spec.resource === 'assignment') {
      // 204: revoked at once; 202 answered the assignment itself (DELETE_REQUESTED), learnt above.
      const known = this.registry.findAssignment(environmentId, input.id ?? '');
      if (known && !assignment)
        this.registry.upsertAssignment(environmentId, { ...known, status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
    } else if (spec.endsSession) {
      // The request ends the session (delete): the network tears it down next.
      const known = this.registry.find(environmentId, input.id ?? '');
      if (known) this.registry.upsert(environmentId, { ...known, status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
    }
    return result;
  }

  /** Reads every session of the environment that has not ended again; answers how many could not be read. */
  async refresh(environmentId: string): Promise<{ read: number; unreadable: number; gone: number }> {
    const counts = { read: 0, unreadable: 0, gone: 0 };
    await Promise.all(
      this.registry
        .list(environmentId)
        .filter((s) => !hasEnded(s))
        .map(async (known) => {
          try {
            await asOwnCall('re-reads a session for the sessions view', () => this.run(environmentId, 'getSession', { id: known.id }));
            counts.read += 1;
          } catch {
            if (this.registry.find(environmentId, known.id)) counts.unreadable += 1;
            else counts.gone += 1;
          }
        }),
    );
    return counts;
  }

  dispose(): void {
    this.#disposed.abort();
  }

  #learn(environmentId: string, session: SessionView, identity: string | undefined): void {
    const before = this.registry.find(environmentId, session.id)?.status;
    this.registry.upsert(environmentId, session, identity);
    if (session.status === 'REQUESTED' && before !== 'REQUESTED') this.#settle(environmentId, session.id);
  }

  #learnFromRefusal(environmentId: string, spec: TableEntry, id: string, error: unknown): void {
    if (!(error instanceof QodError)) return;
    if (spec.resource === 'assignment') {
      if (error.status === 404) this.registry.removeAssignment(environmentId, id);
      return;
    }
    if (error.status === 404) this.registry.remove(environmentId, id);
    if (error.status === 401 || error.status === 403) {
      this.registry.markUnreadable(environmentId, id, `not readable with the current sign-in (${error.status} ${error.code})`);
    }
  }

  /** Reads a REQUESTED session again after each delay, until it is not REQUESTED or the delays run out. */
  #settle(environmentId: string, id: string): void {
    const read = async (signal?: AbortSignal) => {
      // A notification or another read may have settled it meanwhile (or a 404 removed it): no read needed.
      const known = this.registry.find(environmentId, id);
      if (known?.status !== 'REQUESTED') return known && { value: known };
      const result = await asOwnCall('reads a REQUESTED session again until its status settles', () =>
        this.run(environmentId, 'getSession', { id }, signal),
      );
      return { value: result.value };
    };
    settle({ read, delaysMs: this.settleReadsMs, signal: this.#disposed.signal, sleep: sleepOn(systemClock) }).catch(() => undefined);
  }
}

/** The assignment an answer holds, by its entry's answer kind (a 204 revoke holds none). */
function assignmentIn(spec: TableEntry, value: unknown): AssignmentView | undefined {
  const answer = answerOf(spec, value);
  return answer.kind === 'assignment' || answer.kind === 'revoke' ? answer.value : undefined;
}

/** The sessions an answer holds, by its entry's answer kind. */
function sessionsIn(spec: TableEntry, value: unknown): SessionView[] {
  const answer = answerOf(spec, value);
  if (answer.kind === 'session') return [answer.value];
  return answer.kind === 'sessions' ? answer.value : [];
}
