// What a check can be given against a real operator: only what its user supplies (a consenting test device, a
// login hint for 3-legged tokens, a public https sink, a second client, an expired token). Everything else —
// deterministic devices, rate limits, a sink this run can read — is the sandbox's; those scenarios are skipped
// with the reason. One place for every face (the CLI's flags, VS Code's prompts).
import type { ClientCredentials } from '../auth/client-auth';
import type { Environment } from '../environments';
import type { CheckClient, CheckInputs } from './inputs';

export interface OperatorOffer {
  /** A test device's phone number (E.164) the operator serves and its owner consents to use. */
  phoneNumber?: string;
  /** For 3-legged tokens (CIBA); the environment's own hint otherwise. */
  loginHint?: string;
  /** An https sink the operator can reach, and the bearer token it expects. */
  sink?: { url: string; token: string };
  secondClient?: CheckClient;
  expiredToken?: string;
}

export function operatorCheckInputs(
  environment: Environment,
  credentials: () => Promise<ClientCredentials>,
  offer: OperatorOffer = {},
): CheckInputs {
  const device = offer.phoneNumber ? { phoneNumber: offer.phoneNumber } : undefined;
  const hint = offer.loginHint ?? environment.loginHint;
  return {
    environment,
    credentials,
    devices: device ? { valid: () => device } : {},
    ...(hint ? { loginHint: hint } : {}),
    ...(hint?.startsWith('tel:') ? { tokenDevice: { phoneNumber: hint.slice(4) } } : {}),
    ...(offer.sink
      ? {
          sink: {
            url: offer.sink.url,
            credential: {
              credentialType: 'ACCESSTOKEN',
              accessToken: offer.sink.token,
              accessTokenExpiresUtc: new Date(Date.now() + 86_400_000).toISOString(),
              accessTokenType: 'bearer',
            },
          },
        }
      : {}),
    ...(offer.expiredToken ? { expiredToken: offer.expiredToken } : {}),
    ...(offer.secondClient ? { secondClient: offer.secondClient } : {}),
  };
}
