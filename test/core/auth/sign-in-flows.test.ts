// The sign-in flows as a table: what each needs, and which an environment offers by its client authentication
// and by where the editor runs.
import assert from 'node:assert/strict';
import { flowsFor, SIGN_IN_FLOWS, type FlowContext, type HostKind } from '../../../src/core/auth/flows';
import type { ClientAuthMethod } from '../../../src/core/auth/client-auth';

describe('sign-in flows', () => {
  const ALL = ['ciba', 'authorization_code', 'client_credentials'];
  const NO_BROWSER = ['ciba', 'client_credentials'];
  const OFFERED: Array<[ClientAuthMethod, HostKind, Omit<FlowContext, 'authMethod' | 'host'>, string[]]> = [
    ['client_secret_basic', 'desktop', { registeredRedirect: false, sandbox: false }, ALL],
    ['client_secret_post', 'desktop', { registeredRedirect: false, sandbox: false }, ALL],
    ['private_key_jwt', 'desktop', { registeredRedirect: false, sandbox: false }, ALL],
    ['bearer_assertion', 'desktop', { registeredRedirect: false, sandbox: false }, ALL],
    ['none', 'desktop', { registeredRedirect: false, sandbox: false }, ['authorization_code']],
    // Away from the desktop a provider does not accept the forwarded loopback port as a redirect URI…
    ['client_secret_basic', 'remote', { registeredRedirect: false, sandbox: false }, NO_BROWSER],
    ['private_key_jwt', 'web', { registeredRedirect: false, sandbox: false }, NO_BROWSER],
    ['none', 'web', { registeredRedirect: false, sandbox: false }, []],
    // …unless one is registered (`qod.auth.redirectUri`: the paste-the-redirect path),
    ['client_secret_basic', 'remote', { registeredRedirect: true, sandbox: false }, ALL],
    ['none', 'web', { registeredRedirect: true, sandbox: false }, ['authorization_code']],
    // …or it is the sandbox, which accepts any loopback redirect.
    ['client_secret_basic', 'web', { registeredRedirect: false, sandbox: true }, ALL],
    ['client_secret_basic', 'remote', { registeredRedirect: false, sandbox: true }, ALL],
  ];
  for (const [authMethod, host, rest, flows] of OFFERED) {
    it(`${authMethod} on ${host}${rest.registeredRedirect ? ' with a registered redirect' : ''}${rest.sandbox ? ' (sandbox)' : ''}: offers ${flows.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(
        flowsFor({ authMethod, host, ...rest }).map((f) => f.id),
        flows,
      );
    });
  }

  it('says what each flow needs', () => {
    assert.deepEqual(
      Object.values(SIGN_IN_FLOWS).map((f) => [f.id, f.needsLoginHint, f.needsBrowser, f.needsClientAuthentication, f.worksRemotely]),
      [
        ['ciba', true, false, true, true],
        ['authorization_code', false, true, false, false],
        ['client_credentials', false, false, true, true],
      ],
    );
  });

  it('CIBA refuses a malformed login_hint before anything is sent, and a browser that could not be opened stops the code flow', async () => {
    const never = {
      signIn: async () => {
        throw new Error('must not be called');
      },
    } as never;
    const ui = {
      openBrowser: async () => false,
      redirect: async () => ({
        redirectUri: 'http://127.0.0.1:1/cb',
        waitForCallback: async () => new URLSearchParams(),
        close: async () => undefined,
      }),
      report: () => undefined,
    };
    await assert.rejects(
      SIGN_IN_FLOWS.ciba.run(never, { loginHint: 'phone_number:+34666666661' }, ui, new AbortController().signal),
      /login_hint/,
    );
    let opened = false;
    const auth = {
      signIn: async (request: { openBrowser(url: string): Promise<void> }) => {
        await request.openBrowser('https://op.example/authorize');
        opened = true;
        return {};
      },
    } as never;
    await assert.rejects(SIGN_IN_FLOWS.authorization_code.run(auth, {}, ui, new AbortController().signal), /browser could not be opened/);
    assert.equal(opened, false);
  });
});
