// QoS Provisioning as its own API: 0.3.0 under /qos-provisioning/v0.3 (validated as QoD 1.1's release, flavour
// 'v1') and 0.4.0-rc.1 under /qos-provisioning/v0.4rc1 (QoD 1.2's, 'v1.2'). The same prelude as QoD (prelude.ts),
// the same device rules, sink rules and profiles; its own store of assignments.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QosProfile } from '../../core/camara/fields';
import type { ProvisioningFlavour } from '../../core/camara/provisioning';
import type { QodOperation } from '../../core/camara/scopes';
import type { RequestKind } from '../../core/camara/validate';
import type { Caller } from '../auth/access-tokens';
import { sendJson } from '../http-util';
import { ApiError } from '../qod/api-error';
import { assertServiceApplicable, networkTerminates, resolveDevice } from '../qod/devices';
import { admit, answerError, decodePathParam, readJsonBody, requireScope, UUID, type GateDeps } from '../qod/prelude';
import { applicableProfile, type DeviceRestrictions } from '../qod/profiles';
import { guardSink, requestedSink, type SinkDeps } from '../qod/sink-request';
import { lastDigitOf, provisionsAsynchronously } from '../subscribers';
import type { Assignment, AssignmentStore } from './assignments';
import { renderAssignment } from './render';

export interface ProvisioningApiDeps extends GateDeps, SinkDeps {
  assignments: AssignmentStore;
  profiles: readonly QosProfile[];
  /** As QoD's: the profiles only some devices are offered, and (one of several operators) the devices it serves. */
  restrictions?: DeviceRestrictions;
  serves?: (key: string) => boolean;
  /** Plain-http sinks on loopback, only while the sandbox itself is bound to loopback. */
  allowLoopbackHttpSink: boolean;
}

interface Context {
  flavour: ProvisioningFlavour;
  caller: Caller;
  id: string;
  body: Record<string, unknown>;
}

interface Route {
  operation: QodOperation;
  body?: RequestKind;
  /** The path carries an assignmentId (AssignmentId: uuid, 0.4 maxLength 36). */
  byId?: boolean;
  run(ctx: Context): Promise<[number, unknown]> | [number, unknown];
}

export class ProvisioningApi {
  constructor(private readonly deps: ProvisioningApiDeps) {}

  readonly #routes: Record<string, Route> = {
    'POST /qos-assignments': { operation: 'createAssignment', body: 'createAssignment', run: (c) => this.#create(c) },
    'GET /qos-assignments/{}': { operation: 'getAssignment', byId: true, run: (c) => [200, renderAssignment(this.#owned(c))] },
    'DELETE /qos-assignments/{}': { operation: 'revokeAssignment', byId: true, run: (c) => this.#revoke(c) },
    'POST /retrieve-qos-assignment': { operation: 'retrieveAssignment', body: 'retrieveAssignment', run: (c) => this.#byDevice(c) },
  };

  async handle(flavour: ProvisioningFlavour, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const caller = await admit(this.deps, req, res);
      const [first, second, ...rest] = path.split('/').filter(Boolean);
      const key = `${req.method ?? 'GET'} /${first ?? ''}${second !== undefined ? '/{}' : ''}`;
      const route = rest.length === 0 ? this.#routes[key] : undefined;
      if (!route) throw new ApiError(404, 'NOT_FOUND', `No such operation: ${req.method} ${path.slice(0, 200)}`);
      const id = second === undefined ? '' : decodePathParam(second);
      if (route.byId && !UUID.test(id))
        throw new ApiError(400, 'INVALID_ARGUMENT', `assignmentId: must be a UUID (got "${id.slice(0, 80)}")`);
      requireScope(caller, route.operation);
      const body = route.body ? await readJsonBody(req, flavour, route.body, this.deps.allowLoopbackHttpSink) : {};
      const [status, payload] = await route.run({ flavour, caller, id, body });
      sendJson(res, status, payload);
    } catch (error) {
      answerError(flavour, error, req, res);
    }
  }

  async #create({ flavour, caller, body }: Context): Promise<[number, unknown]> {
    const sink = requestedSink(this.deps, caller, body);
    await guardSink(this.deps.sinkGuard, sink, 'sink');
    const device = body.device as Record<string, unknown> | undefined;
    const deviceKey = resolveDevice(caller, device, { serves: this.deps.serves });
    assertServiceApplicable(deviceKey);
    const profile = applicableProfile(
      this.deps.profiles,
      String(body.qosProfile),
      deviceKey,
      'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE',
      this.deps.restrictions,
    );
    const assignment = this.deps.assignments.create(
      {
        flavour,
        clientId: caller.clientId,
        subject: caller.subject,
        deviceKey,
        device,
        qosProfile: profile.name,
        sink,
        asynchronous: provisionsAsynchronously(lastDigitOf(deviceKey)),
      },
      // 0.4 says create may answer UNAVAILABLE when the network knows it cannot be fulfilled (sandbox: digit 7, as QoD 1.2).
      { networkTerminated: flavour === 'v1.2' && networkTerminates(deviceKey) },
    );
    return [201, renderAssignment(assignment)];
  }

  #revoke(ctx: Context): [number, unknown] {
    const assignment = this.#owned(ctx);
    return this.deps.assignments.revoke(assignment) === 'accepted' ? [202, renderAssignment(assignment)] : [204, undefined];
  }

  /** The caller's assignment holding the device (this version's); another client's → 403 (test 403.2); none → 404. */
  #byDevice({ flavour, caller, body }: Context): [number, unknown] {
    const key = resolveDevice(caller, body.device as Record<string, unknown> | undefined, { serves: this.deps.serves });
    assertServiceApplicable(key);
    const mine = this.deps.assignments.holding(caller.clientId, key);
    if (mine && mine.flavour === flavour) return [200, renderAssignment(mine)];
    if (this.deps.assignments.heldByAnotherClient(caller.clientId, key, flavour)) {
      throw new ApiError(403, 'PERMISSION_DENIED', "This device's QoS assignment was created by another API client");
    }
    throw new ApiError(404, 'NOT_FOUND', 'The device has no QoS assignment');
  }

  /** The assignment, if it exists in this version and the caller may act on it (as QoD's sessions: same client, same 3-legged device). */
  #owned({ flavour, caller, id }: Context): Assignment {
    const assignment = this.deps.assignments.find(id);
    if (!assignment || assignment.flavour !== flavour) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `The assignment ${id} does not exist (a revoked one stays readable for a few minutes; none survives a restart)`,
      );
    }
    if (assignment.clientId !== caller.clientId) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'This assignment was created by another API client');
    }
    if (caller.subject && assignment.deviceKey !== caller.subject) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'This assignment is for another device than the one the access token was issued for');
    }
    return assignment;
  }
}
