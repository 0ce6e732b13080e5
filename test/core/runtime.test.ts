// createRuntime, the one place every face builds its runtime: against a real sandbox on loopback it signs in,
// lists profiles, logs each exchange redacted, adopts a handed-over token and signs in by itself only when asked.
import assert from 'node:assert/strict';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import { sandboxEnvironment } from '../../src/core/environments';
import type { Exchange } from '../../src/core/http/exchange';
import { createRuntime, toolContext } from '../../src/core/runtime';
import { withSandbox } from '../support/sandbox';

describe('createRuntime (a real sandbox on loopback)', function () {
  const { sb } = withSandbox({ activationDelayMs: 0 });

  const ports = (log?: (e: Exchange) => void) => ({
    secrets: new MemorySecretStore(),
    credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
    log,
  });

  it('signs in and lists profiles through its client, logging every exchange without the token', async () => {
    const exchanges: Exchange[] = [];
    const runtime = createRuntime(
      sandboxEnvironment(sb.url, 'v1'),
      ports((e) => exchanges.push(e)),
      { transport: { timeouts: { totalMs: 5000 } } },
    );
    try {
      const tokens = await runtime.auth.signIn({ flow: 'client_credentials' });
      const result = await runtime.client.run('listProfiles', { body: {} });
      assert.ok(Array.isArray(result.value) && result.value.length > 0, 'profiles listed');
      assert.ok(
        exchanges.some((e) => e.kind === 'api' && e.url.includes('qos-profiles')),
        'the profiles request was logged',
      );
      assert.ok(!JSON.stringify(exchanges).includes(tokens.accessToken), 'no token in the log');
      assert.equal(toolContext(runtime, { signInHint: 'x' }).signedIn()?.flow, 'client_credentials');
    } finally {
      await runtime.transport.close();
    }
  });

  it('signs in 2-legged by itself only with signInOnFirstUse, and says so', async () => {
    const quiet = createRuntime(sandboxEnvironment(sb.url, 'v1'), ports());
    await assert.rejects(quiet.client.run('listProfiles', { body: {} }));
    assert.equal(quiet.auth.signedIn, undefined);
    let told = 0;
    const eager = createRuntime(
      sandboxEnvironment(sb.url, 'v1'),
      { ...ports(), onSignedInByItself: () => told++ },
      { signInOnFirstUse: true },
    );
    const result = await toolContext(eager, { signInHint: 'x' }).run('listProfiles', { body: {} });
    assert.ok(Array.isArray(result.value));
    assert.equal(told, 1);
    await Promise.all([quiet.transport.close(), eager.transport.close()]);
  });

  it('adopts a handed-over token: it is used, and redacted from the log', async () => {
    const signer = createRuntime(sandboxEnvironment(sb.url, 'v1'), ports());
    const { accessToken } = await signer.auth.signIn({ flow: 'client_credentials' });
    const exchanges: Exchange[] = [];
    const runtime = createRuntime(
      sandboxEnvironment(sb.url, 'v1'),
      ports((e) => exchanges.push(e)),
      { handedOverToken: accessToken, signInOnFirstUse: false },
    );
    await runtime.ready;
    const result = await runtime.client.run('listProfiles', { body: {} });
    assert.ok(Array.isArray(result.value));
    assert.ok(exchanges.length > 0 && !JSON.stringify(exchanges).includes(accessToken));
    await Promise.all([signer.transport.close(), runtime.transport.close()]);
  });
});
