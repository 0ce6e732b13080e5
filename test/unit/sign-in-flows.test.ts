// The sign-in flows as a table: what each needs, and which an environment offers by its client authentication.
import assert from 'node:assert/strict';
import { flowsFor, SIGN_IN_FLOWS } from '../../src/core/auth/flows';
import type { ClientAuthMethod } from '../../src/core/auth/client-auth';

describe('sign-in flows', () => {
  const OFFERED: Array<[ClientAuthMethod, string[]]> = [
    ['client_secret_basic', ['ciba', 'authorization_code', 'client_credentials']],
    ['client_secret_post', ['ciba', 'authorization_code', 'client_credentials']],
    ['private_key_jwt', ['ciba', 'authorization_code', 'client_credentials']],
    ['bearer_assertion', ['ciba', 'authorization_code', 'client_credentials']],
    ['none', ['authorization_code']],
  ];
  for (const [method, flows] of OFFERED) {
    it(`${method}: offers ${flows.join(', ')}`, () => {
      assert.deepEqual(flowsFor(method).map((f) => f.id), flows);
    });
  }

  it('says what each flow needs', () => {
    assert.deepEqual(Object.values(SIGN_IN_FLOWS).map((f) => [f.id, f.needsLoginHint, f.needsBrowser, f.needsClientAuthentication]), [
      ['ciba', true, false, true], ['authorization_code', false, true, false], ['client_credentials', false, false, true],
    ]);
  });

  it('CIBA refuses a malformed login_hint before anything is sent, and a browser that could not be opened stops the code flow', async () => {
    const never = { signIn: async () => { throw new Error('must not be called'); } } as never;
    const ui = { openBrowser: async () => false, redirect: async () => ({ redirectUri: 'http://127.0.0.1:1/cb', waitForCallback: async () => new URLSearchParams(), close: async () => undefined }), report: () => undefined };
    await assert.rejects(SIGN_IN_FLOWS.ciba.run(never, { loginHint: 'phone_number:+34666666661' }, ui, new AbortController().signal), /login_hint/);
    let opened = false;
    const auth = { signIn: async (request: { openBrowser(url: string): Promise<void> }) => { await request.openBrowser('https://op.example/authorize'); opened = true; return {}; } } as never;
    await assert.rejects(SIGN_IN_FLOWS.authorization_code.run(auth, {}, ui, new AbortController().signal), /browser could not be opened/);
    assert.equal(opened, false);
  });
});
