// Runs QoD operations for every VS Code face (palette commands, the playground, agent tools later) through the
// core's operation table, and keeps the sessions view current from what each answer says: one place, so the
// faces cannot drift apart.
import type { SessionView } from '../core/camara/normalise';
import type { QodClient, QodResult } from '../core/camara/qod-client';
import { OPERATION_TABLE, type OperationInput } from '../core/operations';
import type { Operation } from '../shared/protocol';
import type { SessionRegistry } from './session-registry';

export class SessionService {
  constructor(
    /** The environment's QoD client (the services' runtime; only the client is needed here). */
    private readonly runtime: (environmentId: string) => Promise<{ client: QodClient }>,
    private readonly registry: SessionRegistry,
  ) {}

  async run(environmentId: string, name: Operation, input: OperationInput, signal?: AbortSignal): Promise<QodResult<unknown>> {
    const spec = OPERATION_TABLE[name];
    const { client } = await this.runtime(environmentId);
    const result = await spec.run(client, input, signal);
    if (spec.answer === 'session') this.registry.upsert(environmentId, result.value as SessionView);
    if (spec.answer === 'sessions') for (const session of result.value as SessionView[]) this.registry.upsert(environmentId, session);
    if (name === 'deleteSession') {
      const known = this.registry.find(environmentId, input.sessionId ?? '');
      if (known) this.registry.upsert(environmentId, { ...known, status: 'UNAVAILABLE', statusInfo: 'DELETE_REQUESTED' });
    }
    return result;
  }
}
