// What the local sandbox offers the scenarios: its deterministic devices (the last digit decides: 0–4 normal,
// 5 asynchronous, 8 unknown, 9 not applicable; src/sandbox/subscribers.ts), its public demo clients (a second
// client, one with 1-second tokens, one with a low rate limit; src/sandbox/demo-clients.ts — a test holds these
// facts to that file), its device-restricted profile (QOS_RESTRICTED, offered to identifiers ending in 3) and a
// loopback sink it may notify.
import type { Device } from '../camara/fields';
import type { Environment } from '../environments';
import type { CheckClient, CheckInputs } from './inputs';

/** Demo clients of a loopback sandbox (their secrets are public on purpose, as the README lists them). */
export const SANDBOX_CHECK_CLIENTS = {
  primary: { clientId: 'qod-demo', clientSecret: 'qod-demo-secret', authMethod: 'client_secret_basic' },
  second: { clientId: 'qod-demo-post', clientSecret: 'qod-demo-post-secret', authMethod: 'client_secret_post' },
  brief: { clientId: 'qod-demo-brief', clientSecret: 'qod-demo-brief-secret', authMethod: 'client_secret_basic' },
  limited: { clientId: 'qod-demo-limited', clientSecret: 'qod-demo-limited-secret', authMethod: 'client_secret_basic' },
} as const;

/** The sandbox's profile offered only to some devices (identifiers ending in 3). */
export const SANDBOX_RESTRICTED_PROFILE = 'QOS_RESTRICTED';

type Demo = (typeof SANDBOX_CHECK_CLIENTS)[keyof typeof SANDBOX_CHECK_CLIENTS];

function client(environment: Environment, demo: Demo): CheckClient {
  return {
    environment: { ...environment, clientId: demo.clientId, authMethod: demo.authMethod },
    credentials: async () => ({ clientSecret: demo.clientSecret }),
  };
}

/** A fresh phone number per call, ending in `digit`: no two scenarios share a device (no 409 between them). */
function phones(digit: number): () => Device {
  let n = 0;
  const run = Date.now() % 1000;
  return () => ({ phoneNumber: `+346${String(run).padStart(3, '0')}${String(++n).padStart(4, '0')}${digit}` });
}

/** The check's inputs for the local sandbox environment (as `sandboxEnvironment` makes it). */
export function sandboxCheckInputs(environment: Environment): CheckInputs {
  const primary = SANDBOX_CHECK_CLIENTS.primary;
  const hintPhone = /^tel:(\+\d+)$/.exec(environment.loginHint ?? '')?.[1];
  return {
    environment,
    credentials: async () => ({ clientSecret: environment.clientId === primary.clientId ? primary.clientSecret : undefined }),
    sandbox: true,
    secondClient: client(environment, SANDBOX_CHECK_CLIENTS.second),
    briefClient: client(environment, SANDBOX_CHECK_CLIENTS.brief),
    limitedClient: client(environment, SANDBOX_CHECK_CLIENTS.limited),
    devices: {
      valid: phones(1),
      async: phones(5),
      unknown: { phoneNumber: '+34666666668' },
      notApplicable: { phoneNumber: '+34666666669' },
    },
    ...(environment.loginHint ? { loginHint: environment.loginHint } : {}),
    ...(hintPhone ? { tokenDevice: { phoneNumber: hintPhone } } : {}),
    sink: 'local',
    // Only qod-demo-jwt has a PRIVATE_KEY_JWT configuration pre-shared with the sandbox.
    privateKeyJwtNotPreShared: environment.clientId !== 'qod-demo-jwt',
    revoke: { sync: true, async: true },
    restricted: { profile: SANDBOX_RESTRICTED_PROFILE, device: phones(3)() },
  };
}
