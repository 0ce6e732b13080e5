import assert from 'node:assert/strict';
import { request } from 'undici';
import { AuthError } from '../../../src/core/auth/auth-error';
import { signInWithAuthorizationCode } from '../../../src/core/auth/authorization-code';
import { signInWithCiba, type CibaProgress } from '../../../src/core/auth/ciba';
import { refreshTokens, revokeToken, signInWithClientCredentials } from '../../../src/core/auth/client-credentials';
import { startLoopbackRedirect } from '../../../src/core/auth/redirect';
import { CancelledError, TimeoutError } from '../../../src/core/errors';
import { completeInBrowser } from '../../support/browser';
import { sandboxContext } from '../../support/core';
import { withSandbox } from '../../support/sandbox';

const LEGACY = 'dpv:RequestedServiceProvision#qod';

describe('Core auth flows against the sandbox (oauth4webapi over undici)', () => {
  const { sb, clock } = withSandbox({}, { perTest: true, manualClock: true });
  /** Waiting in the client moves the sandbox clock: polls happen instantly but at the right pace. */
  const travel = async (ms: number) => clock.advance(ms);

  describe('CIBA', () => {
    it('approves on the first poll, after waiting the interval, and records every step', async () => {
      const ctx = await sandboxContext(sb);
      const progress: CibaProgress[] = [];
      const tokens = await signInWithCiba(ctx, {
        loginHint: 'tel:+34666666661',
        scope: LEGACY,
        sleep: travel,
        now: () => clock.now(),
        onProgress: (p) => progress.push(p),
      });
      assert.equal(tokens.flow, 'ciba');
      assert.equal(tokens.subject, 'tel:+34666666661');
      assert.ok(tokens.refreshToken);
      assert.deepEqual(progress, [
        { step: 'requested', authReqExpiresIn: 120, interval: 2 },
        { step: 'approved', poll: 1 },
      ]);
      assert.deepEqual(
        ctx.transport.recorder.list().map((e) => e.kind),
        ['discovery', 'bc-authorize', 'ciba-poll'],
      );
    });

    it('keeps polling while pending, and a slow_down raises the interval for every later poll', async () => {
      const ctx = await sandboxContext(sb);
      const progress: CibaProgress[] = [];
      let early = 2; // the first two waits are cut short, as a hasty client would do
      const hasty = async (ms: number) => clock.advance(early-- > 0 ? 0 : ms);
      await signInWithCiba(ctx, {
        loginHint: 'tel:+34666666665',
        scope: LEGACY,
        sleep: hasty,
        now: () => clock.now(),
        onProgress: (p) => progress.push(p),
      });
      assert.deepEqual(progress.slice(1), [
        { step: 'poll', poll: 1, outcome: 'authorization_pending', interval: 2 },
        { step: 'poll', poll: 2, outcome: 'slow_down', interval: 7 },
        { step: 'poll', poll: 3, outcome: 'authorization_pending', interval: 7 },
        { step: 'approved', poll: 4 },
      ]);
    });

    it('maps access_denied, expired_token and unknown_user_id to AuthError', async () => {
      const ctx = await sandboxContext(sb);
      const attempt = (loginHint: string) => signInWithCiba(ctx, { loginHint, scope: LEGACY, sleep: travel, now: () => clock.now() });
      await assert.rejects(attempt('tel:+34666666666'), (e: AuthError) => e instanceof AuthError && e.code === 'access_denied');
      await assert.rejects(attempt('tel:+34666666667'), (e: AuthError) => e instanceof AuthError && e.code === 'expired_token');
      await assert.rejects(
        attempt('tel:+34666666668'),
        (e: AuthError) => e instanceof AuthError && e.code === 'unknown_user_id' && /does not know the device/.test(e.message),
      );
      await assert.rejects(attempt('phone_number:+34666666661'), (e: AuthError) => e.code === 'invalid_login_hint');
    });

    it('is cancellable in the middle of a wait', async () => {
      const ctx = await sandboxContext(sb);
      const abort = new AbortController();
      const started = Date.now();
      setTimeout(() => abort.abort(), 50);
      await assert.rejects(signInWithCiba(ctx, { loginHint: 'tel:+34666666667', scope: LEGACY, signal: abort.signal }), CancelledError);
      assert.ok(Date.now() - started < 1500, 'cancelled during the 2 s wait, not after it');
    });
  });

  describe('authorization code', () => {
    it('runs the browser round trip through the loopback receiver with PKCE, state and nonce', async () => {
      const ctx = await sandboxContext(sb);
      const redirect = await startLoopbackRedirect();
      let browserStatus = 0;
      const tokens = await signInWithAuthorizationCode(ctx, {
        scope: `openid ${LEGACY}`,
        loginHint: 'tel:+34666666662',
        extraParameters: { sandbox_decision: 'approve' },
        redirect,
        openBrowser: async (url) => {
          const authorize = new URL(url);
          assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
          assert.ok(authorize.searchParams.get('state'));
          assert.ok(authorize.searchParams.get('nonce'));
          void completeInBrowser(url, redirect.redirectUri).then((s) => {
            browserStatus = s;
          });
        },
      });
      assert.equal(tokens.flow, 'authorization_code');
      assert.ok(tokens.idToken);
      // The browser gets the done page, then the receiver closes (bounded: it does not wait for a browser for ever).
      for (let i = 0; i < 50 && browserStatus !== 200; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(browserStatus, 200, 'the done page was served');
      let closed = false;
      for (let i = 0; i < 50 && !closed; i++) {
        closed = await request(redirect.redirectUri).then(
          (r) => r.body.dump().then(() => false),
          () => true,
        );
        if (!closed) await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(closed, 'the receiver is closed afterwards');
    });

    it('reports a denial as access_denied', async () => {
      const ctx = await sandboxContext(sb);
      const redirect = await startLoopbackRedirect();
      await assert.rejects(
        signInWithAuthorizationCode(ctx, {
          scope: LEGACY,
          loginHint: 'tel:+34666666662',
          extraParameters: { sandbox_decision: 'deny' },
          redirect,
          openBrowser: async (url) => void completeInBrowser(url, redirect.redirectUri),
        }),
        (e: AuthError) => e instanceof AuthError && e.code === 'access_denied',
      );
    });

    it('is cancellable while waiting for the browser, and times out', async () => {
      const ctx = await sandboxContext(sb);
      const abort = new AbortController();
      const redirect = await startLoopbackRedirect();
      setTimeout(() => abort.abort(), 50);
      await assert.rejects(
        signInWithAuthorizationCode(ctx, { scope: LEGACY, redirect, openBrowser: async () => undefined, signal: abort.signal }),
        CancelledError,
      );
      await assert.rejects(request(redirect.redirectUri));
      const slow = await startLoopbackRedirect({ timeoutMs: 100 });
      await assert.rejects(
        signInWithAuthorizationCode(ctx, { scope: LEGACY, redirect: slow, openBrowser: async () => undefined }),
        TimeoutError,
      );
    });

    it('the receiver answers 400 to anything but one callback with the right state', async () => {
      const redirect = await startLoopbackRedirect();
      const waiting = redirect.waitForCallback('right-state');
      const statusOf = async (query: string) => {
        const res = await request(`${redirect.redirectUri}${query}`);
        await res.body.dump();
        return res.statusCode;
      };
      assert.equal(await statusOf('?code=abc&state=wrong'), 400);
      assert.equal(await statusOf('?state=right-state'), 400, 'no code and no error');
      assert.equal(await statusOf('?code=abc&state=right-state'), 302);
      assert.equal(await statusOf('?code=again&state=right-state'), 400, 'only one callback');
      assert.equal((await waiting).get('code'), 'abc');
      const done = await request(redirect.redirectUri.replace('/callback', '/done'));
      assert.match(await done.body.text(), /close this tab/);
      await redirect.close();
    });
  });

  describe('client credentials, refresh and revocation', () => {
    for (const which of ['basic', 'post', 'jwt'] as const) {
      it(`gets a token with ${which} client authentication`, async () => {
        const tokens = await signInWithClientCredentials(await sandboxContext(sb, which), 'qos-profiles:read');
        assert.equal(tokens.flow, 'client_credentials');
        assert.ok(tokens.expiresAt && tokens.expiresAt > Date.now());
      });
    }

    it('works with endpoints set by hand (no discovery)', async () => {
      const ctx = await sandboxContext(sb, 'basic', undefined, true);
      await signInWithClientCredentials(ctx, 'qos-profiles:read');
      assert.deepEqual(
        ctx.transport.recorder.list().map((e) => e.kind),
        ['token'],
      );
    });

    it('refreshes and revokes', async () => {
      const ctx = await sandboxContext(sb);
      const tokens = await signInWithCiba(ctx, { loginHint: 'tel:+34666666660', scope: LEGACY, sleep: travel, now: () => clock.now() });
      const refreshed = await refreshTokens(ctx, tokens);
      assert.notEqual(refreshed.accessToken, tokens.accessToken);
      assert.equal(await revokeToken(ctx, refreshed.refreshToken as string), true);
      await assert.rejects(refreshTokens(ctx, refreshed), (e: AuthError) => e.code === 'invalid_grant');
    });

    it('Authenticator: signs in once, hands out the cached token, signs out with revocation', async () => {
      const { Authenticator } = await import('../../../src/core/auth/authenticator');
      const { TokenCache } = await import('../../../src/core/auth/token-cache');
      const { MemorySecretStore } = await import('../../../src/core/auth/secret-store');
      const { sandboxEnvironment } = await import('../../../src/core/environments');
      const { HttpTransport } = await import('../../../src/core/http/transport');
      const store = new MemorySecretStore();
      const transport = new HttpTransport();
      const auth = new Authenticator(
        sandboxEnvironment(sb.url),
        async () => ({ clientSecret: 'qod-demo-secret' }),
        transport,
        new TokenCache(store),
      );
      await assert.rejects(auth.accessToken(), (e: AuthError) => e.code === 'not_signed_in');
      const tokens = await auth.signIn({
        flow: 'ciba',
        loginHint: 'tel:+34666666661',
        scope: LEGACY,
        sleep: travel,
        now: () => clock.now(),
      });
      assert.equal(await auth.accessToken(), tokens.accessToken);
      assert.equal(store.keys().length, 1, 'kept through the SecretStore');
      assert.deepEqual(await auth.signOut(), { revoked: true });
      assert.equal(store.keys().length, 0);
      assert.equal(transport.recorder.list().at(-1)?.kind, 'revocation');
      await assert.rejects(auth.accessToken(), (e: AuthError) => e.code === 'not_signed_in');
    });

    it('names a wrong secret as invalid_client', async () => {
      const { createAuthContext } = await import('../../../src/core/auth/auth-context');
      const { HttpTransport } = await import('../../../src/core/http/transport');
      const ctx = await createAuthContext(
        { issuer: sb.url, clientId: 'qod-demo', authMethod: 'client_secret_basic' },
        { clientSecret: 'WRONG-secret-value-1234' },
        new HttpTransport(),
      );
      await assert.rejects(signInWithClientCredentials(ctx, 'qos-profiles:read'), (e: AuthError) => e.code === 'invalid_client');
    });
  });
});
