// Tokens as the product keeps them, whichever flow produced them.
import type { TokenEndpointResponse } from 'oauth4webapi';

/** The sign-in flows, in the order the faces offer them (the playground protocol checks a flow against this list). */
export const FLOW_IDS = ['ciba', 'authorization_code', 'client_credentials'] as const;
export type Flow = (typeof FLOW_IDS)[number];

export interface TokenSet {
  accessToken: string;
  tokenType: string;
  /** Epoch ms; undefined when the server did not say. */
  expiresAt?: number;
  refreshToken?: string;
  idToken?: string;
  scope?: string;
  flow: Flow;
  /** The login_hint or device the token was issued for (3-legged flows). */
  subject?: string;
}

export function toTokenSet(response: TokenEndpointResponse, flow: Flow, now: number, subject?: string): TokenSet {
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    expiresAt: typeof response.expires_in === 'number' ? now + response.expires_in * 1000 : undefined,
    refreshToken: response.refresh_token,
    idToken: response.id_token,
    scope: response.scope,
    flow,
    subject,
  };
}
