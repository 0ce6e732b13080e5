// The QoD resource server: every operation of v0.8, v0.10, v1 and v1.2 (+ qos-profiles 1.1 and 1.2) over one session store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QosProfile } from '../../core/camara/fields';
import { isLoopbackHttpUrl } from '../../core/camara/fields';
import { isV1Family, type Flavour } from '../../core/camara/flavour';
import { MAX_LISTED } from '../../core/camara/v1_2';
import type { QodOperation } from '../../core/camara/scopes';
import type { RequestKind } from '../../core/camara/validate';
import type { AccessTokens, Caller } from '../auth/access-tokens';
import { sendJson } from '../http-util';
import type { RateLimiter } from '../rate-limit';
import { ApiError } from './api-error';
import { assertServiceApplicable, networkTerminates, resolveDevice } from './devices';
import { profileBounds } from '../../core/camara/profiles';
import { applicableProfile, offeredTo, type DeviceRestrictions } from './profiles';
import type { DeviceNetworks } from './network-timeline';
import { admit, answerError, decodePathParam, readJsonBody, requireScope, UUID } from './prelude';
import { refuseV0_8Masks } from './refusals';
import { guardSink, requestedSink } from './sink-request';
import { renderSession } from './render';
import type { Session, SessionStore, Sink } from './sessions';
import type { SinkGuard } from './sink-guard';

/** Which API a request arrived on; v0.8 and v0.10 share `/qod/v0`, so the mount decides. */
export type ApiMount = 'v1-sessions' | 'v1-profiles' | 'v1.2-sessions' | 'v1.2-profiles' | 'v0.10' | 'v0.8';

const MOUNT_FLAVOURS: Record<ApiMount, Flavour> = {
  'v1-sessions': 'v1',
  'v1-profiles': 'v1',
  'v1.2-sessions': 'v1.2',
  'v1.2-profiles': 'v1.2',
  'v0.10': 'v0.10',
  'v0.8': 'v0.8',
};

export interface QodApiDeps {
  tokens: AccessTokens;
  sessions: SessionStore;
  profiles: readonly QosProfile[];
  /** Which of the profiles only some devices are offered (by default QOS_RESTRICTED, to identifiers ending in 3). */
  restrictions?: DeviceRestrictions;
  /** One of several operators: the devices it serves (others are unknown); absent, every device is known. */
  serves?: (key: string) => boolean;
  rateLimiter?: RateLimiter;
  /** Plain-http sinks on loopback, only while the sandbox itself is bound to loopback. */
  allowLoopbackHttpSink: boolean;
  /** Refuses sinks that lead inside while the sandbox is reachable from other machines. */
  sinkGuard: SinkGuard;
  /** API clients with a pre-shared PRIVATE_KEY_JWT configuration (QoD 1.2); others get 422 PRIVATE_KEY_JWT_NOT_CONFIGURED. */
  privateKeyJwtSinkClients?: ReadonlySet<string>;
  /** Devices whose network does things (network scripts): their timelines and withdrawn profiles. */
  networks?: DeviceNetworks;
  now(): number;
}

interface Route {
  operation: QodOperation;
  run(ctx: RequestContext): Promise<[number, unknown]> | [number, unknown];
  body?: RequestKind | 'none';
  /** What the path parameter is, checked against the specification's schema before anything else. */
  param?: keyof typeof PATH_PARAMS;
}

interface RequestContext {
  flavour: Flavour;
  caller: Caller;
  param?: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** Path parameters as every flavour's specification declares them (SessionId: uuid; QosProfileName: 3..256 of [a-zA-Z0-9_.-]). */
const PATH_PARAMS = {
  sessionId: { test: (v: string) => UUID.test(v), rule: 'must be a UUID' },
  profileName: { test: (v: string) => /^[a-zA-Z0-9_.-]{3,256}$/.test(v), rule: 'must be 3 to 256 characters of a-z, A-Z, 0-9, _ . -' },
};

export class QodApi {
  /** When this sandbox started: its sessions live in memory, so none from before then exists any more. */
  readonly #startedAt: number;

  constructor(private readonly deps: QodApiDeps) {
    this.#startedAt = deps.now();
  }

  async handle(mount: ApiMount, path: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const flavour = MOUNT_FLAVOURS[mount];
    try {
      const caller = await admit(this.deps, req, res);
      const match = this.#route(mount, req.method ?? 'GET', path);
      if (!match) throw new ApiError(404, 'NOT_FOUND', `No such operation: ${req.method} ${path}`);
      const { route, param } = match;
      if (route.param && param !== undefined && !PATH_PARAMS[route.param].test(param)) {
        // v0.8 declares no 400 on these operations: an id no session can have is simply not found.
        if (flavour === 'v0.8') throw new ApiError(404, 'NOT_FOUND', `No session ${param.slice(0, 80)} (a session id is a UUID)`);
        throw new ApiError(400, 'INVALID_ARGUMENT', `${route.param}: ${PATH_PARAMS[route.param].rule} (got "${param.slice(0, 80)}")`);
      }
      requireScope(caller, route.operation);
      const body = route.body && route.body !== 'none' ? await readJsonBody(req, flavour, route.body, this.deps.allowLoopbackHttpSink) : {};
      const [status, payload] = await route.run({ flavour, caller, param, query, body });
      sendJson(res, status, payload);
    } catch (error) {
      answerError(flavour, error, req, res);
    }
  }

  #route(mount: ApiMount, method: string, path: string): { route: Route; param?: string } | undefined {
    const parts = path.split('/').filter(Boolean);
    const [first, second, third] = parts;
    const key = `${method} /${first ?? ''}${second !== undefined ? '/{}' : ''}${third !== undefined ? `/${third}` : ''}`;
    const table = this.#tables[mount];
    const route = parts.length <= 3 ? table[key] : undefined;
    return route ? { route, param: second !== undefined ? decodePathParam(second) : undefined } : undefined;
  }

  /** QoD 1.1 and 1.2 have the same operations at the same paths; the flavour carries what differs. */
  readonly #v1Sessions: Record<string, Route> = {
    'POST /sessions': { operation: 'createSession', body: 'createSession', run: (c) => this.#create(c) },
    'GET /sessions/{}': { operation: 'getSession', param: 'sessionId', run: (c) => [200, renderSession(this.#owned(c))] },
    'DELETE /sessions/{}': { operation: 'deleteSession', param: 'sessionId', run: (c) => this.#delete(c) },
    'POST /sessions/{}/extend': { operation: 'extendSession', param: 'sessionId', body: 'extendSession', run: (c) => this.#extend(c) },
    'POST /retrieve-sessions': { operation: 'retrieveSessions', body: 'retrieveSessions', run: (c) => this.#retrieve(c) },
  };

  readonly #v1Profiles: Record<string, Route> = {
    'POST /retrieve-qos-profiles': { operation: 'readProfiles', body: 'retrieveQosProfiles', run: (c) => this.#retrieveProfiles(c) },
    'GET /qos-profiles/{}': { operation: 'readProfiles', param: 'profileName', run: (c) => [200, this.#profile(c.param)] },
  };

  readonly #tables: Record<ApiMount, Record<string, Route>> = {
    'v1-sessions': this.#v1Sessions,
    'v1-profiles': this.#v1Profiles,
    'v1.2-sessions': this.#v1Sessions,
    'v1.2-profiles': this.#v1Profiles,
    'v0.10': {
      'POST /sessions': { operation: 'createSession', body: 'createSession', run: (c) => this.#create(c) },
      'GET /sessions/{}': { operation: 'getSession', param: 'sessionId', run: (c) => [200, renderSession(this.#owned(c))] },
      'DELETE /sessions/{}': { operation: 'deleteSession', param: 'sessionId', run: (c) => this.#delete(c) },
      'POST /sessions/{}/extend': { operation: 'extendSession', param: 'sessionId', body: 'extendSession', run: (c) => this.#extend(c) },
      'GET /qos-profiles': { operation: 'readProfiles', run: (c) => this.#listProfilesV0(c.query) },
      'GET /qos-profiles/{}': { operation: 'readProfiles', param: 'profileName', run: (c) => [200, this.#profile(c.param)] },
    },
    'v0.8': {
      'POST /sessions': { operation: 'createSession', body: 'createSession', run: (c) => this.#create(c) },
      'GET /sessions/{}': { operation: 'getSession', param: 'sessionId', run: (c) => [200, renderSession(this.#owned(c))] },
      'DELETE /sessions/{}': { operation: 'deleteSession', param: 'sessionId', run: (c) => this.#delete(c) },
    },
  };

  async #create({ flavour, caller, body }: RequestContext): Promise<[number, unknown]> {
    if (flavour === 'v0.8') refuseV0_8Masks(body);
    const sink = this.#sink(flavour, caller, body);
    await guardSink(this.deps.sinkGuard, sink, isV1Family(flavour) ? 'sink' : 'notificationUrl');
    const device = (flavour === 'v0.8' ? body.ueId : body.device) as Record<string, unknown> | undefined;
    const deviceKey = resolveDevice(caller, device, { bodyAlwaysNamesDevice: !isV1Family(flavour), serves: this.deps.serves });
    assertServiceApplicable(deviceKey);
    const profileName = String(flavour === 'v0.8' ? body.qos : body.qosProfile);
    const profile = applicableProfile(
      this.deps.profiles,
      profileName,
      deviceKey,
      'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
      this.deps.restrictions,
    );
    if (this.deps.networks?.isWithdrawn(deviceKey, profile.name, caller.clientId)) {
      throw new ApiError(
        422,
        'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE',
        `The QoS profile ${profile.name} has been withdrawn for this device (sandbox: its network script)`,
      );
    }
    const bounds = profileBounds(profile);
    const duration = typeof body.duration === 'number' ? body.duration : Math.min(86400, bounds.max);
    if (duration < bounds.min || duration > bounds.max) {
      throw new ApiError(
        400,
        'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE',
        `duration: ${profile.name} allows ${bounds.min}..${bounds.max} seconds (got ${duration})`,
      );
    }
    const session = this.deps.sessions.create(
      {
        flavour,
        clientId: caller.clientId,
        subject: caller.subject,
        deviceKey,
        request: body,
        qosProfile: profile.name,
        duration,
        maxDuration: bounds.max,
        sink,
      },
      // The device's network script, if it has one; else 1.2 lets create say at once that the network cannot provide
      // the QoS (201 UNAVAILABLE/NETWORK_TERMINATED).
      this.deps.networks?.plan(flavour, deviceKey, caller.clientId) ?? {
        networkTerminated: flavour === 'v1.2' && networkTerminates(deviceKey),
      },
    );
    return [201, renderSession(session)];
  }

  #sink(flavour: Flavour, caller: Caller, body: Record<string, unknown>): Sink | undefined {
    if (isV1Family(flavour)) return requestedSink(this.deps, caller, body);
    const holder = (flavour === 'v0.10' ? body.webhook : body) as { notificationUrl?: string; notificationAuthToken?: string } | undefined;
    if (!holder?.notificationUrl) return undefined;
    if (!holder.notificationUrl.startsWith('https://') && !(this.deps.allowLoopbackHttpSink && isLoopbackHttpUrl(holder.notificationUrl))) {
      throw new ApiError(400, 'INVALID_ARGUMENT', 'notificationUrl must be https:// (the sandbox also accepts http:// on loopback)');
    }
    return { url: holder.notificationUrl, token: holder.notificationAuthToken };
  }

  /**
   * The session, if it exists in this flavour and the caller may act on it: the same API client, and with a
   * 3-legged token the same device, however the session was created.
   */
  #owned({ flavour, caller, param }: RequestContext): Session {
    const session = this.deps.sessions.find(param ?? '');
    // v0.8 has no status to show an ended session with: it is gone.
    if (!session || session.flavour !== flavour || (flavour === 'v0.8' && session.status === 'UNAVAILABLE')) {
      // A client that kept an id across a restart (a history re-run, a saved request) learns why it is gone.
      const started = new Date(this.#startedAt).toISOString().replace('T', ' ').slice(0, 19);
      throw new ApiError(
        404,
        'NOT_FOUND',
        `The session ${param} does not exist. This sandbox started at ${started} UTC: sessions created before then are gone.`,
      );
    }
    if (session.clientId !== caller.clientId)
      throw new ApiError(403, 'PERMISSION_DENIED', 'This session was created by another API client');
    if (caller.subject && session.deviceKey !== caller.subject) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'This session is for another device than the one the access token was issued for');
    }
    return session;
  }

  #delete(ctx: RequestContext): [number, unknown] {
    this.deps.sessions.delete(this.#owned(ctx));
    return [204, undefined];
  }

  #extend(ctx: RequestContext): [number, unknown] {
    const session = this.#owned(ctx);
    return [200, renderSession(this.deps.sessions.extend(session, Number(ctx.body.requestedAdditionalDuration)))];
  }

  /** The caller's sessions for the device created through this flavour (1.1's list holds no 1.2 session, nor the reverse). */
  #retrieve({ flavour, caller, body }: RequestContext): [number, unknown] {
    const key = resolveDevice(caller, body.device as Record<string, unknown> | undefined, { serves: this.deps.serves });
    assertServiceApplicable(key);
    const mine = this.deps.sessions.activeForDevice(caller.clientId, key).filter((s) => s.flavour === flavour);
    return [200, listed(flavour, mine.map(renderSession))];
  }

  /**
   * The device is optional here; when the request names one (body or 3-legged token) it must be servable.
   * An empty match is an empty list.
   */
  #retrieveProfiles({ flavour, caller, body }: RequestContext): [number, unknown] {
    const named = body.device !== undefined || caller.subject;
    const key = named ? resolveDevice(caller, body.device as Record<string, unknown> | undefined, { serves: this.deps.serves }) : undefined;
    if (key) assertServiceApplicable(key);
    const found = this.deps.profiles.filter(
      (p) =>
        (body.name === undefined || p.name === body.name) &&
        (body.status === undefined || p.status === body.status) &&
        offeredTo(p, key, this.deps.restrictions) &&
        !this.deps.networks?.isWithdrawn(key, p.name, caller.clientId),
    );
    return [200, listed(flavour, found)];
  }

  /** v0.10 filters by the `name` and `status` query parameters and answers 404 when nothing matches. */
  #listProfilesV0(query: URLSearchParams): [number, unknown] {
    const name = query.get('name');
    const status = query.get('status');
    if (status !== null && !['ACTIVE', 'INACTIVE', 'DEPRECATED'].includes(status)) {
      throw new ApiError(400, 'INVALID_ARGUMENT', `status: must be ACTIVE, INACTIVE or DEPRECATED (got "${status}")`);
    }
    // v0.10's list names no device: a device-restricted profile is never listed.
    const found = this.deps.profiles.filter(
      (p) =>
        (name === null || p.name === name) && (status === null || p.status === status) && offeredTo(p, undefined, this.deps.restrictions),
    );
    if (found.length === 0) throw new ApiError(404, 'NOT_FOUND', 'No QoS profile matches the criteria');
    return [200, found];
  }

  #profile(name: string | undefined): QosProfile {
    const profile = this.deps.profiles.find((p) => p.name === name);
    if (!profile) throw new ApiError(404, 'NOT_FOUND', `No QoS profile is named "${name}"`);
    return profile;
  }
}

/** 1.2 declares `maxItems: 100` on both lists (retrieve-sessions, retrieve-qos-profiles); 1.1 declares no bound. */
function listed<T>(flavour: Flavour, items: T[]): T[] {
  return flavour === 'v1.2' ? items.slice(0, MAX_LISTED) : items;
}
