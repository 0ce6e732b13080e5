// Runs every flow with recognisable secrets and checks that none of them shows up in a recorded exchange,
// a log line or an error message.
import assert from 'node:assert/strict';
import { AuthError } from '../../src/core/auth/auth-error';
import { createAuthContext } from '../../src/core/auth/auth-context';
import { signInWithAuthorizationCode } from '../../src/core/auth/authorization-code';
import { signInWithCiba } from '../../src/core/auth/ciba';
import { refreshTokens, revokeToken, signInWithClientCredentials } from '../../src/core/auth/client-credentials';
import { startLoopbackRedirect } from '../../src/core/auth/redirect';
import type { TokenSet } from '../../src/core/auth/token-set';
import { QodClient } from '../../src/core/camara/qod-client';
import { sandboxEnvironment } from '../../src/core/environments';
import { formatExchange } from '../../src/core/http/log-format';
import { REDACTED } from '../../src/core/http/redact';
import { HttpTransport } from '../../src/core/http/transport';
import { DEMO_PRIVATE_JWK } from '../../src/sandbox/demo-clients';
import { followRedirects } from '../support/browser';
import { DEMO_CREDENTIALS, sandboxContext } from '../support/core';
import { request } from 'undici';
import { withSandbox } from '../support/sandbox';

const LEGACY = 'dpv:RequestedServiceProvision#qod';

describe('Secrets never leak into exchanges, log lines or error messages', () => {
  const { sb, clock } = withSandbox({ activationDelayMs: 0 }, { manualClock: true });

  it('across CIBA, authorization code, client credentials (all auth methods), refresh, revocation and API calls', async () => {
    const transport = new HttpTransport();
    const secrets = new Set<string>(['qod-demo-secret', 'qod-demo-post-secret', DEMO_PRIVATE_JWK.d]);
    const keep = (t: TokenSet) => [t.accessToken, t.refreshToken, t.idToken].forEach((v) => v && secrets.add(v));
    const errors: string[] = [];

    const basic = await sandboxContext(sb, 'basic', transport);
    const ciba = await signInWithCiba(basic, {
      loginHint: 'tel:+34666666661',
      scope: `openid ${LEGACY}`,
      sleep: async (ms) => clock.advance(ms),
      now: () => clock.now(),
    });
    keep(ciba);
    keep(await refreshTokens(basic, ciba));

    const redirect = await startLoopbackRedirect();
    const code = await signInWithAuthorizationCode(basic, {
      scope: `openid ${LEGACY}`,
      loginHint: 'tel:+34666666662',
      extraParameters: { sandbox_decision: 'approve' },
      redirect,
      openBrowser: async (url) => {
        const callback = await followRedirects(url, redirect.redirectUri);
        secrets.add(callback.searchParams.get('code') as string);
        void request(callback.href).then((r) => r.body.dump());
      },
    });
    keep(code);
    for (const which of ['basic', 'post', 'jwt'] as const)
      keep(
        await signInWithClientCredentials(
          await sandboxContext(sb, which, transport),
          'quality-on-demand:sessions:create quality-on-demand:sessions:read',
        ),
      );
    await revokeToken(basic, code.refreshToken as string);

    const client = new QodClient({ environment: sandboxEnvironment(sb.url), transport, accessToken: async () => ciba.accessToken });
    const sinkToken = 'sink-access-token-recognisable-42';
    secrets.add(sinkToken);
    const created = await client.createSession({
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 60,
      sink: 'https://example.com/notify',
      sinkCredential: {
        credentialType: 'ACCESSTOKEN',
        accessToken: sinkToken,
        accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
        accessTokenType: 'bearer',
      },
    });
    await client.deleteSession(created.value.id);

    // Failures carry messages too.
    const wrong = 'WRONG-secret-value-1234';
    secrets.add(wrong);
    const wrongCtx = await createAuthContext(
      { issuer: sb.url, clientId: 'qod-demo', authMethod: 'client_secret_basic' },
      { clientSecret: wrong },
      transport,
    );
    await signInWithClientCredentials(wrongCtx, 'qos-profiles:read').catch((e: AuthError) => errors.push(e.message));
    const badToken = 'not-a-real-token-but-secret-9876';
    secrets.add(badToken);
    await new QodClient({ environment: sandboxEnvironment(sb.url), transport, accessToken: async () => badToken })
      .getSession(crypto.randomUUID())
      .catch((e: Error) => errors.push(e.message));
    await signInWithCiba(basic, {
      loginHint: 'tel:+34666666666',
      scope: LEGACY,
      sleep: async (ms) => clock.advance(ms),
      now: () => clock.now(),
    }).catch((e: Error) => errors.push(e.message));

    const exchanges = transport.recorder.list();
    assert.ok(exchanges.length >= 15, `${exchanges.length} exchanges`);
    assert.equal(errors.length, 3);
    const everything = [JSON.stringify(exchanges), ...exchanges.map((e) => formatExchange(e, true)), ...errors].join('\n');
    for (const secret of secrets) assert.ok(!everything.includes(secret), `leaked: ${secret.slice(0, 12)}…`);
    // Structurally too: every such field is redacted.
    for (const field of ['auth_req_id', 'code_verifier', 'client_assertion', 'client_secret']) {
      for (const match of everything.matchAll(new RegExp(`${field}[=":\\s]+([^&"\\s,]+)`, 'g'))) assert.equal(match[1], REDACTED, field);
    }
    assert.ok(DEMO_CREDENTIALS.jwt);
  });
});
