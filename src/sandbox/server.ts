// The embedded operator: one loopback HTTP server holding the authorization server (oidc-provider) and the
// QoD resource server for every flavour (0.8, 0.10, 1.1 and 1.2.0-rc.3), and QoS Provisioning 0.3.0 and 0.4.0-rc.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import type { QosProfile } from '../core/camara/fields';
import type { ProvisioningFlavour } from '../core/camara/provisioning';
import { AccessTokens } from './auth/access-tokens';
import { CibaPolls, paceCibaPolls } from './auth/ciba-polls';
import { handleInteraction } from './auth/interaction';
import { introspectAccessTokens } from './auth/introspection';
import { apiAudience, createAuthServer, escapeHtml, oidcEndpointMethods } from './auth/provider';
import { Revocations } from './auth/revocations';
import { systemClock, type Clock } from './clock';
import { DEMO_CLIENTS, perRunClients, type DemoClient } from './demo-clients';
import { BodyTooLargeError, isClientAbort, isLoopbackHost, readBody, replayRequest, sendHtml, sendJson } from './http-util';
import { QodApi, type ApiMount } from './qod/api';
import { NOTIFICATION_JWKS_PATH, NotificationSigner } from './qod/notification-signer';
import { Notifier, type DeliveryReport, type NotifierStats } from './qod/notifier';
import { DEFAULT_PROFILES, DEFAULT_RESTRICTIONS, type DeviceRestrictions } from './qod/profiles';
import { deviceScope, operatorProblems, type OperatorIdentity } from './operators/ranges';
import { SessionStore } from './qod/sessions';
import { parseNetworkScripts } from './qod/network-scripts';
import { DeviceNetworks, MAX_SCRIPTED_DEVICES } from './qod/network-timeline';
import { NETWORK_CONTROL_PATH, NetworkControl } from './network-control';
import { SinkGuard } from './qod/sink-guard';
import { ProvisioningApi } from './provisioning/api';
import { AssignmentStore } from './provisioning/assignments';
import { assignmentEvent } from './provisioning/render';
import { RateLimiter, type RateLimitOptions } from './rate-limit';

export interface SandboxOptions {
  /** Loopback by default; the sandbox is not meant to be reachable from other machines. */
  host?: string;
  port?: number;
  /** Binding to a non-loopback address exposes public demo credentials: it must be asked for explicitly. */
  allowRemote?: boolean;
  /** The base URL clients use (the issuer and every printed URL), when it differs from the bound address. */
  publicUrl?: string;
  /**
   * Off loopback the sandbox refuses notification sinks that lead to loopback, private, link-local, … addresses;
   * these host names, addresses or CIDR ranges are allowed anyway (`--allow-sink-host`).
   */
  allowSinkHosts?: readonly string[];
  /** How sink host names resolve (node's dns.lookup); tests answer without asking any DNS server. */
  sinkLookup?: LookupFunction;
  clock?: Clock;
  /** CIBA polling interval the sandbox asks for, seconds. */
  cibaInterval?: number;
  /** CIBA request lifetime (expires_in), seconds. */
  cibaExpiresIn?: number;
  accessTokenTtl?: number;
  /** How long a session stays REQUESTED before it becomes AVAILABLE, ms. */
  activationDelayMs?: number;
  /** How long a terminated session (or revoked QoS assignment) stays readable, seconds. */
  retentionSeconds?: number;
  /** Live sessions at once; also the bound on QoS assignments kept (revoked ones still readable included). */
  maxSessions?: number;
  /** Per-client token bucket on the QoD API; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Which flavour answers on `/qod/v0` (both are always at `/v0.8/qod/v0` and `/v0.10/qod/v0`). */
  v0Flavour?: 'v0.8' | 'v0.10';
  profiles?: readonly QosProfile[];
  /** Which of `profiles` only some devices are offered, by last digit (default: QOS_RESTRICTED to those ending in 3). */
  restrictedProfiles?: DeviceRestrictions;
  /**
   * One of several operators (`qod sandbox --operators`): the sandbox knows only the devices in its number and
   * address ranges; any other is unknown everywhere (404 IDENTIFIER_NOT_FOUND, CIBA unknown_user_id), as digit 8 is.
   * Without it, every device is known.
   */
  operator?: OperatorIdentity;
  notificationAttempts?: number;
  notificationBackoffMs?: number;
  /** Per attempt, until the sink answers. */
  notificationTimeoutMs?: number;
  notificationConcurrency?: number;
  notificationQueue?: number;
  onNotification?: (report: DeliveryReport) => void;
  /**
   * What the network does to a device's sessions, by device (`+34666666661`, `203.0.113.5`): `available-after:10s`,
   * `unavailable-on-create`, `network-ends:30s`, `profile-withdrawn:20s` (qod/network-scripts.ts). Also settable at run
   * time on `urls.networkControl`.
   */
  networkScripts?: Record<string, string>;
}

export interface Sandbox {
  /** Base URL, also the OpenID issuer. */
  url: string;
  urls: {
    discovery: string;
    qodV1: string;
    qosProfilesV1: string;
    /** QoD 1.2.0-rc.3 and QoS Profiles 1.2.0-rc.3, where their `servers` entries put them. */
    qodV1_2: string;
    qosProfilesV1_2: string;
    /** The operator's notification keys (QoD 1.2's `jwksUri`): an app's PRIVATE_KEY_JWT token endpoint trusts these. */
    notificationJwks: string;
    /** QoS Provisioning 0.3.0 (with QoD 1.1) and 0.4.0-rc.1 (with QoD 1.2). */
    provisioningV0_3: string;
    provisioningV0_4: string;
    qodV0: string;
    qodV0_8: string;
    qodV0_10: string;
    /** Device network scripts: PUT/GET/DELETE `{networkControl}/{device}` with any access token of this sandbox. */
    networkControl: string;
  };
  clock: Clock;
  /**
   * The clients and credentials that work on this run: the public demo clients on loopback, per-run secrets and
   * key (and no public client) when other machines reach it.
   */
  clients: readonly DemoClient[];
  /** Bound to another address than loopback, or published under a public URL that is not loopback. */
  reachableFromOtherMachines: boolean;
  /** Resolves when notifications under way have been delivered or given up. */
  notificationsSettled(): Promise<void>;
  /** Notifications delivered, failed, dropped (queue full), waiting and under way. */
  notificationStats(): NotifierStats;
  close(): Promise<void>;
}

export const SANDBOX_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  cibaInterval: 2,
  cibaExpiresIn: 120,
  accessTokenTtl: 3600,
  activationDelayMs: 500,
  retentionSeconds: 360,
  maxSessions: 10_000,
  rateLimit: { perSecond: 50, burst: 100 } as RateLimitOptions | false,
  v0Flavour: 'v0.10' as 'v0.8' | 'v0.10',
  notificationAttempts: 3,
  notificationBackoffMs: 250,
};

export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const o = { ...SANDBOX_DEFAULTS, ...options };
  const clock = o.clock ?? systemClock;
  const loopback = isLoopbackHost(o.host);
  if (!loopback && !o.allowRemote) {
    throw new SandboxConfigError(
      `${o.host} is not a loopback address: the sandbox's demo credentials are public, ` +
        'so binding it where other machines can reach it needs allowRemote (--allow-remote)',
    );
  }
  const publicHost = o.publicUrl === undefined ? undefined : URL.parse(o.publicUrl)?.hostname;
  if (o.publicUrl !== undefined && (publicHost === undefined || !/^https?:\/\/[^/?#]+$/.test(o.publicUrl.replace(/\/+$/, '')))) {
    throw new SandboxConfigError(`the public URL must be http(s)://host[:port] with no path (got ${o.publicUrl})`);
  }
  const badEntry = (o.allowSinkHosts ?? []).map((entry) => SinkGuard.validateAllowEntry(entry)).find(Boolean);
  if (badEntry) throw new SandboxConfigError(`allowed sink host: ${badEntry}`);
  const scripted = parseNetworkScripts(Object.entries(o.networkScripts ?? {}), (device) => `networkScripts[${JSON.stringify(device)}]`);
  if (scripted.scripts.size > MAX_SCRIPTED_DEVICES) scripted.problems.push(`networkScripts: at most ${MAX_SCRIPTED_DEVICES} devices`);
  if (o.operator) scripted.problems.push(...operatorProblems(o.operator));
  if (scripted.problems.length > 0) throw new SandboxConfigError(scripted.problems.join('; '));
  const serves = o.operator ? deviceScope(o.operator) : undefined;
  // Published under a public URL that is not loopback (a reverse or port proxy in front of a loopback bind), the
  // sandbox is reached from other machines just as when it is bound elsewhere.
  const published = publicHost !== undefined && !isLoopbackHost(publicHost);
  const reachable = !loopback || published;
  // Anyone who reaches it from elsewhere could use the public demo credentials: it makes its own for this run.
  const clients = reachable ? perRunClients() : DEMO_CLIENTS;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port, address: bound } = server.address() as AddressInfo;
  // A name that looked like loopback (`localhost`, `*.localhost`) but resolved elsewhere is not loopback.
  if (loopback && !isLoopbackHost(bound)) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new SandboxConfigError(
      `${o.host} resolved to ${bound}, which is not a loopback address: ` +
        `bind to 127.0.0.1, or to ${bound} with allowRemote (--allow-remote)`,
    );
  }
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  const issuer = o.publicUrl?.replace(/\/+$/, '') ?? `http://${host}:${port}`;

  const polls = new CibaPolls(() => auth.provider, clock, o.cibaInterval, o.cibaExpiresIn);
  const auth = createAuthServer({
    issuer,
    cibaExpiresIn: o.cibaExpiresIn,
    accessTokenTtl: o.accessTokenTtl,
    onBackchannelRequest: (id, subject) => polls.register(id, subject),
    clients,
    serves,
  });
  // CAMARA's bc-authorize answer carries `interval`; oidc-provider leaves it out (the spec's default is 5 s).
  auth.provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'backchannel_authentication' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      (ctx.body as Record<string, unknown>).interval = polls.intervalSeconds;
    }
  });
  paceCibaPolls(auth.provider, polls);
  const revocations = new Revocations(clock, o.accessTokenTtl);
  const tokens = new AccessTokens(issuer, apiAudience(issuer), auth.publicKeys, clock, revocations);
  introspectAccessTokens(auth.provider, tokens);
  auth.provider.on('grant.revoked', (_ctx: unknown, grantId: string) => revocations.revokeGrant(grantId));
  // oidc-provider does not revoke structured (JWT) access tokens; the sandbox does, for its own clients' tokens,
  // answering 200 whatever the token was (RFC 7009 §2.2).
  auth.provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { error?: string } | undefined;
    if (ctx.oidc?.route !== 'revocation' || body?.error !== 'unsupported_token_type' || !ctx.oidc.client) return;
    const claims = await tokens.verify(String(ctx.oidc.params?.token ?? ''), { ignoreExpiry: true }).catch(() => undefined);
    if (claims?.jti && claims.client_id === ctx.oidc.client.clientId) revocations.revokeToken(claims.jti, claims.exp);
    ctx.status = 200;
    ctx.body = '';
  });
  const oidc = auth.provider.callback();

  // Reached from other machines, the sandbox is no proxy into its own networks (bound elsewhere or published).
  const sinkGuard = new SinkGuard({ restrict: reachable, allowHosts: o.allowSinkHosts, lookup: o.sinkLookup });
  const signer = await NotificationSigner.create();
  const notifier = new Notifier({
    attempts: o.notificationAttempts,
    firstBackoffMs: o.notificationBackoffMs,
    timeoutMs: o.notificationTimeoutMs ?? 5000,
    maxConcurrent: o.notificationConcurrency,
    maxQueued: o.notificationQueue,
    source: issuer,
    onDelivery: o.onNotification,
    connect: sinkGuard.connector(),
    signer,
  });
  const sessions = new SessionStore(
    clock,
    { activationDelayMs: o.activationDelayMs, retentionSeconds: o.retentionSeconds, maxSessions: o.maxSessions },
    (session) => notifier.notify(session),
  );
  // One gate for every API: the same tokens, rate limits, sink rules and profiles.
  const shared = {
    tokens,
    allowLoopbackHttpSink: loopback,
    sinkGuard,
    profiles: o.profiles ?? DEFAULT_PROFILES,
    restrictions: o.restrictedProfiles ?? DEFAULT_RESTRICTIONS,
    serves,
    privateKeyJwtSinkClients: new Set(clients.filter((c) => c.sinkJwksPreShared).map((c) => c.clientId)),
    // A client with its own limit (qod-demo-limited) keeps it even when the sandbox's is off.
    rateLimiter: new RateLimiter(o.rateLimit || undefined, clock, ownRateLimits(clients)),
    now: () => clock.now(),
  };
  const networks = new DeviceNetworks((session) => sessions.networkTerminate(session));
  for (const [device, script] of scripted.scripts) networks.set(device, script);
  const networkControl = new NetworkControl({ ...shared, networks });
  const api = new QodApi({ ...shared, sessions, networks });
  const assignments = new AssignmentStore(
    clock,
    { activationDelayMs: o.activationDelayMs, retentionSeconds: o.retentionSeconds, maxAssignments: o.maxSessions },
    (assignment) => {
      if (assignment.sink) notifier.send(assignment.id, assignment.sink, assignmentEvent(assignment, issuer));
    },
  );
  const provisioning = new ProvisioningApi({ ...shared, assignments });
  const provisioningMounts: Array<[string, ProvisioningFlavour]> = [
    ['/qos-provisioning/v0.3', 'v1'],
    ['/qos-provisioning/v0.4rc1', 'v1.2'],
  ];

  const mounts: Array<[string, ApiMount]> = [
    ['/quality-on-demand/v1', 'v1-sessions'],
    ['/qos-profiles/v1', 'v1-profiles'],
    ['/quality-on-demand/v1rc3', 'v1.2-sessions'],
    ['/qos-profiles/v1rc3', 'v1.2-profiles'],
    ['/v0.8/qod/v0', 'v0.8'],
    ['/v0.10/qod/v0', 'v0.10'],
    ['/qod/v0', o.v0Flavour],
  ];

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A request target that is not a path (`http://[/`, `*`) never reaches a handler.
    const target = req.url ?? '';
    const parsed = target.startsWith('/') ? URL.parse(target, issuer) : null;
    if (!parsed)
      return sendJson(res, 400, { status: 400, code: 'INVALID_ARGUMENT', message: 'The request target must be an absolute path' });
    const { pathname: path, searchParams } = parsed;
    // Browsers and HTTP clients resolve `.` and `..` before sending; a raw one would reach oidc-provider, which
    // routes on the target as sent and answers a text 404.
    if (hasDotSegment(target)) {
      return sendJson(res, 404, { status: 404, code: 'NOT_FOUND', message: 'No such endpoint: the path has . or .. segments' });
    }
    for (const [prefix, mount] of mounts) {
      if (path === prefix || path.startsWith(`${prefix}/`)) return api.handle(mount, path.slice(prefix.length), searchParams, req, res);
    }
    if (path === NETWORK_CONTROL_PATH || path.startsWith(`${NETWORK_CONTROL_PATH}/`)) {
      return networkControl.handle(path.slice(NETWORK_CONTROL_PATH.length), req, res);
    }
    for (const [prefix, flavour] of provisioningMounts) {
      if (path === prefix || path.startsWith(`${prefix}/`)) return provisioning.handle(flavour, path.slice(prefix.length), req, res);
    }
    if (path === NOTIFICATION_JWKS_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, signer.jwks);
    }
    if (path.startsWith('/interaction/')) return handleInteraction(auth.provider, req, res, serves);
    const methods = oidcEndpointMethods(path);
    if (!methods) return sendJson(res, 404, { status: 404, code: 'NOT_FOUND', message: `No such endpoint: ${path}` });
    if (!methods.includes(req.method ?? '')) {
      req.resume();
      return sendJson(
        res,
        405,
        {
          error: 'invalid_request',
          error_description: `${req.method} is not allowed on ${path}; use ${methods.filter((m) => m !== 'OPTIONS').join(' or ')}`,
        },
        { allow: methods.join(', ') },
      );
    }
    if (req.method === 'POST' && path === '/bc-authorize') return addOpenidScope(req, res);
    oidc(req, res);
  }

  /**
   * A bc-authorize without `openid` (Telefónica's legacy `dpv:RequestedServiceProvision#qod` alone) gets it added,
   * as operators accept that scope on its own; oidc-provider then reads the request as it would have come.
   */
  async function addOpenidScope(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = await readBody(req);
    const form = new URLSearchParams(raw.toString('utf8'));
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (form.has('scope') && !scopes.includes('openid')) {
      form.set('scope', ['openid', ...scopes].join(' '));
      raw = Buffer.from(form.toString());
    }
    oidc(replayRequest(req, raw), res);
  }

  handler = (req, res) => {
    route(req, res).catch((error: unknown) => {
      // The client went away mid-request: nobody is left to answer, and nothing went wrong here.
      if (isClientAbort(error, req)) return res.destroy();
      if (res.headersSent) return res.destroy();
      if (error instanceof BodyTooLargeError) return sendJson(res, 400, { error: 'invalid_request', error_description: error.message });
      // oidc-provider's own errors (an expired or unknown interaction, for instance) carry a status and a description.
      const oidcError = error as { statusCode?: number; error_description?: string; message?: string };
      if (typeof oidcError.statusCode === 'number' && oidcError.statusCode < 500) {
        return sendHtml(
          res,
          oidcError.statusCode,
          `<!doctype html><title>Sandbox</title><p>${escapeHtml(oidcError.error_description ?? oidcError.message ?? 'bad request')}</p>`,
        );
      }
      console.error('[sandbox] unexpected error', error);
      sendHtml(res, 500, '<!doctype html><title>Sandbox error</title><p>The sandbox failed unexpectedly.</p>');
    });
  };

  return {
    url: issuer,
    urls: {
      discovery: `${issuer}/.well-known/openid-configuration`,
      qodV1: `${issuer}/quality-on-demand/v1`,
      qosProfilesV1: `${issuer}/qos-profiles/v1`,
      qodV1_2: `${issuer}/quality-on-demand/v1rc3`,
      qosProfilesV1_2: `${issuer}/qos-profiles/v1rc3`,
      notificationJwks: `${issuer}${NOTIFICATION_JWKS_PATH}`,
      provisioningV0_3: `${issuer}/qos-provisioning/v0.3`,
      provisioningV0_4: `${issuer}/qos-provisioning/v0.4rc1`,
      qodV0: `${issuer}/qod/v0`,
      qodV0_8: `${issuer}/v0.8/qod/v0`,
      qodV0_10: `${issuer}/v0.10/qod/v0`,
      networkControl: `${issuer}${NETWORK_CONTROL_PATH}`,
    },
    clock,
    clients,
    reachableFromOtherMachines: reachable,
    notificationsSettled: () => notifier.settled(),
    notificationStats: () => notifier.stats(),
    async close() {
      notifier.close();
      sessions.close();
      assignments.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function ownRateLimits(clients: readonly DemoClient[]): Map<string, RateLimitOptions> {
  const limits = new Map<string, RateLimitOptions>();
  for (const c of clients) if (c.rateLimit) limits.set(c.clientId, c.rateLimit);
  return limits;
}

/** A `.` or `..` path segment, also percent-encoded or between backslashes (URL parsing treats both as dots and slashes). */
function hasDotSegment(target: string): boolean {
  const path = target.split(/[?#]/, 1)[0] ?? '';
  return path.split(/[/\\]/).some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}
