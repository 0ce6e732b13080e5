// CIBA (backchannel) sign-in done properly: bc-authorize, then poll at `interval`, +5 s on every slow_down
// for all later polls, stop at `expires_in`, cancellable mid-wait, each step reported.
import * as oauth from 'oauth4webapi';
import { sleep as realSleep, throwIfCancelled } from '../errors';
import { AuthError } from './auth-error';
import { rememberTokens, requestOptions, toAuthError, type AuthContext } from './auth-context';
import { parseLoginHint } from './login-hint';
import { toTokenSet, type TokenSet } from './token-set';

export type CibaProgress =
  | { step: 'requested'; authReqExpiresIn: number; interval: number }
  | { step: 'poll'; poll: number; outcome: 'authorization_pending' | 'slow_down'; interval: number }
  | { step: 'approved'; poll: number };

export interface CibaOptions {
  loginHint: string;
  scope: string;
  bindingMessage?: string;
  signal?: AbortSignal;
  onProgress?: (progress: CibaProgress) => void;
  /** For tests: how to wait and what time it is (defaults: real time). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** The CIBA spec's default when the server does not send `interval`. */
const DEFAULT_INTERVAL_SECONDS = 5;
const MAX_POLLS = 10_000;

export async function signInWithCiba(ctx: AuthContext, options: CibaOptions): Promise<TokenSet> {
  const { signal, onProgress } = options;
  const wait = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const hint = parseLoginHint(options.loginHint);
  if (!hint.ok) throw new AuthError('invalid_login_hint', hint.error);
  try {
    const parameters: Record<string, string> = { login_hint: options.loginHint, scope: options.scope };
    if (options.bindingMessage) parameters.binding_message = options.bindingMessage;
    const started = await oauth.processBackchannelAuthenticationResponse(
      ctx.as,
      ctx.client,
      await oauth.backchannelAuthenticationRequest(
        ctx.as,
        ctx.client,
        ctx.clientAuth,
        parameters,
        requestOptions(ctx, 'bc-authorize', signal),
      ),
    );
    ctx.transport.redactor.addSecret(started.auth_req_id);
    let interval = started.interval ?? DEFAULT_INTERVAL_SECONDS;
    const deadline = now() + started.expires_in * 1000;
    onProgress?.({ step: 'requested', authReqExpiresIn: started.expires_in, interval });
    for (let poll = 1; poll <= MAX_POLLS; poll++) {
      await wait(interval * 1000, signal);
      throwIfCancelled(signal);
      if (now() >= deadline) throw new AuthError('expired_token', 'the request expired before it was approved');
      try {
        const response = await oauth.processBackchannelAuthenticationGrantResponse(
          ctx.as,
          ctx.client,
          await oauth.backchannelAuthenticationGrantRequest(
            ctx.as,
            ctx.client,
            ctx.clientAuth,
            started.auth_req_id,
            requestOptions(ctx, 'ciba-poll', signal),
          ),
        );
        rememberTokens(ctx, response);
        onProgress?.({ step: 'approved', poll });
        return toTokenSet(response, 'ciba', now(), options.loginHint);
      } catch (error) {
        if (!(error instanceof oauth.ResponseBodyError)) throw error;
        if (error.error === 'authorization_pending') {
          onProgress?.({ step: 'poll', poll, outcome: 'authorization_pending', interval });
          continue;
        }
        if (error.error === 'slow_down') {
          interval += 5;
          onProgress?.({ step: 'poll', poll, outcome: 'slow_down', interval });
          continue;
        }
        throw error;
      }
    }
    throw new AuthError('expired_token', 'gave up after too many polls');
  } catch (error) {
    throw toAuthError(ctx, error);
  }
}
