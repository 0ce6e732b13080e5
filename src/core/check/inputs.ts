// What a face gives `runCheck`: the environment and its client, and whatever else this environment can offer
// the scenarios (a second client, devices in given states, a sink). What is absent skips the scenarios needing it.
import type { ClientCredentials } from '../auth/client-auth';
import type { Device } from '../camara/fields';
import type { Environment } from '../environments';
import type { TransportOptions } from '../http/transport';
import type { CheckApi, Release } from './model';

/** An API client of the same provider: its environment (client id, auth method, scope) and credentials. */
export interface CheckClient {
  environment: Environment;
  credentials: () => Promise<ClientCredentials>;
}

export interface CheckInputs {
  /** The environment checked (flavour v1 for r3.2, v1.2 for r4.1; another flavour is read as the release's). */
  environment: Environment;
  credentials: () => Promise<ClientCredentials>;
  /** A token signed in elsewhere, used instead of signing in 2-legged. */
  accessToken?: string;
  /** The local sandbox: rate-limit scenarios are allowed (never against a real operator). */
  sandbox?: boolean;
  /** Another API client: 403 for a resource the first one created. */
  secondClient?: CheckClient;
  /** A client whose tokens expire within seconds: the expired-token scenarios wait for one to expire. */
  briefClient?: CheckClient;
  /** A client with a low rate limit (sandbox only). */
  limitedClient?: CheckClient;
  /** An access token known to be expired. */
  expiredToken?: string;
  devices: {
    /** A testing device the service applies to: a fresh one per call where the environment has many. */
    valid?: () => Device;
    /** One whose QoS assignments are created and revoked asynchronously (201 REQUESTED, 202). */
    async?: () => Device;
    unknown?: Device;
    notApplicable?: Device;
  };
  /** The login hint of a consenting test device, for 3-legged tokens (CIBA); its device for C01.04's body. */
  loginHint?: string;
  tokenDevice?: Device;
  /** 'local': a loopback sink this run starts and reads (the provider must reach loopback: the sandbox). */
  sink?: 'local' | { url: string; credential: Record<string, unknown> };
  /** The primary client has no PRIVATE_KEY_JWT configuration pre-shared (so 422 PRIVATE_KEY_JWT_NOT_CONFIGURED applies). */
  privateKeyJwtNotPreShared?: boolean;
  /** A profile restricted to certain devices and a device suitable for it. */
  restricted?: { profile: string; device: Device };
  /** How this provider revokes QoS assignments; the scenario of the other way is skipped. */
  revoke?: { sync: boolean; async: boolean };
  transport?: TransportOptions;
}

export interface CheckOptions {
  release: Release;
  api?: CheckApi;
  /** Only these scenarios (their keys, `id` or `id [row]`): the Testing view's "run this one". */
  only?: readonly string[];
  signal?: AbortSignal;
  /** Longest wait for an event at the sink, and for a session or assignment to leave REQUESTED. */
  waitMs?: number;
}
