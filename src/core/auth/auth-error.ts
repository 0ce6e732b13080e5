// One error type for sign-in failures, with the OAuth error code and words a developer can act on.

export type AuthErrorCode =
  | 'access_denied'
  | 'expired_token'
  | 'invalid_grant'
  | 'unknown_user_id'
  | 'invalid_client'
  | 'invalid_scope'
  | 'invalid_request'
  | 'invalid_login_hint'
  | 'invalid_configuration'
  | 'state_mismatch'
  | 'server_error'
  | string;

const HINTS: Record<string, string> = {
  access_denied: 'The subscriber (or the operator) declined the request.',
  expired_token: 'Nobody approved the request before it expired; start the sign-in again.',
  invalid_grant: 'The grant is invalid or was already used (a wrong PKCE verifier, an old auth_req_id or code); sign in again.',
  unknown_user_id: 'The operator does not know the device in login_hint; check the phone number or IP address.',
  invalid_client: 'The client id, secret or key was not accepted; check the credentials and the authentication method.',
  invalid_scope: 'The operator does not offer one of the requested scopes; try the scope preset for this provider.',
  invalid_request: 'The operator rejected the request as malformed; the description says which parameter.',
};

/** Only the table's own entries: a provider's `error` may be `constructor` or `__proto__`. */
function hintFor(code: string): string | undefined {
  return Object.hasOwn(HINTS, code) ? HINTS[code] : undefined;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    readonly description?: string,
    readonly status?: number,
  ) {
    const hint = hintFor(code);
    super(`${code}${description ? `: ${description}` : ''}${hint ? ` ${hint}` : ''}`);
  }

  get hint(): string | undefined {
    return hintFor(this.code);
  }
}
