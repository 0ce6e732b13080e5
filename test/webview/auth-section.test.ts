// The playground's sign-in section in headless Chromium with a fake host, tested the way issue 18 found it: the
// flow picker after a tab switch, the sandbox's outcomes next to the login hint, a denied and a cancelled CIBA.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BEHAVIOUR_TABLE } from '../../src/sandbox/subscribers';
import { canRun, CHROMIUM, fakeHost, startPlayground } from '../support/playground-page';

const ARTIFACTS = join(__dirname, '..', '..', '.cache', 'artifacts');
const FLOWS = [
  { id: 'ciba', label: 'CIBA (backend)' },
  { id: 'authorization_code', label: 'Authorization code (frontend)' },
  { id: 'client_credentials', label: 'Client credentials (2-legged)' },
];
/** What the host pushes at once on `ready` (no I/O yet), then once the sandbox is up and signed in by itself. */
const QUICK = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [],
  scopePresets: { 'CAMARA v1': 'openid quality-on-demand:sessions:create' },
  defaultLoginHint: 'tel:+34666666661',
  sandboxOutcomes: BEHAVIOUR_TABLE,
};
const SANDBOX = {
  ...QUICK,
  profiles: [{ name: 'QOS_E', status: 'ACTIVE', minSeconds: 1, maxSeconds: 86400 }],
  flows: FLOWS,
  signedIn: { flow: 'client_credentials', subject: 'qod-demo' },
};

describe('playground sign-in section in headless Chromium (fake host)', function () {
  let env: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let page: Page;
  let host: ReturnType<typeof fakeHost>;

  before(async function () {
    if (!canRun()) {
      console.log(`      skipped: needs ${CHROMIUM} and a build (npm test provisions and builds both)`);
      this.skip();
    }
    env = await startPlayground();
    browser = env.browser;
  });
  after(async () => env?.close());

  beforeEach(async () => {
    page = await browser.newPage();
    host = fakeHost(page);
    await page.goto(env.base);
    await host.ready();
    await host.state(QUICK);
  });
  afterEach(() => page.close());

  const flowValue = () => page.locator('#flow').evaluate((el: any) => el.value as string);
  const pickFlow = (value: string) =>
    page.locator('#flow').evaluate((el: any, v) => {
      el.value = v;
      el.dispatchEvent(new Event('change'));
    }, value);

  it('keeps the flow the user picked through state pushes, a tab switch (the page rebuilt from its saved state) and a reload; Sign in runs it', async () => {
    // The sandbox signed in by itself (2-legged): the picker stays on CIBA, the line under it says who is signed in.
    await host.state(SANDBOX);
    assert.equal(await flowValue(), 'ciba');
    for (let i = 0; i < 3; i++) await host.state(SANDBOX);
    assert.equal(await flowValue(), 'ciba', 'a state push does not move the picker');
    // A tab switch: VS Code drops the hidden webview and builds it again from its saved state; the host then
    // sends what it knows at once, and the full state (the same automatic sign-in) after.
    await page.reload();
    await host.ready();
    await host.state(QUICK);
    await host.state(SANDBOX);
    await host.state(SANDBOX);
    assert.equal(await flowValue(), 'ciba', 'the picker survives the page being rebuilt');
    await page.locator('#sign-in').click();
    const signIn = await host.reply('signIn', { ok: false, cancelled: true, message: 'cancelled' });
    assert.equal(signIn.params.flow, 'ciba', 'Sign in runs the flow shown');
    // Another pick is the user's too, and a sign-in with another flow does not undo it.
    await pickFlow('authorization_code');
    await host.state({ ...SANDBOX, signedIn: { flow: 'ciba', subject: 'tel:+34666666661' } });
    await page.reload();
    await host.ready();
    await host.state(SANDBOX);
    assert.equal(await flowValue(), 'authorization_code');
    // An environment without it shows one it offers; back on one that offers it, the pick is shown again.
    await host.state({ ...SANDBOX, flows: [FLOWS[0], FLOWS[2]] });
    assert.equal(await flowValue(), 'ciba');
    await host.state(SANDBOX);
    assert.equal(await flowValue(), 'authorization_code');
  });

  it("on the sandbox, shows its outcomes by the hint's last digit (its own table) with one-click hints; elsewhere none", async () => {
    await host.state({ ...SANDBOX, signedIn: { flow: 'client_credentials', subject: 'qod-demo' } });
    const outcomes = page.locator('#sandbox-outcomes');
    await outcomes.waitFor();
    const buttons = await outcomes.locator('vscode-button.outcome').allInnerTexts();
    assert.deepEqual(
      buttons.map((b) => b.trim()),
      BEHAVIOUR_TABLE.map((row) => `${row.digits}: ${row.label}`),
    );
    assert.deepEqual(
      BEHAVIOUR_TABLE.map((row) => row.label),
      ['approve', 'approve after 3 polls', 'deny', 'never approve', 'unknown subscriber', 'not applicable'],
    );
    const text = await outcomes.innerText();
    for (const row of BEHAVIOUR_TABLE)
      assert.ok(text.includes(row.ciba) && text.includes(row.qod), `the row for ${row.digits} says what happens`);
    // The automatic demo sign-in is named for what it is.
    assert.match(
      await page.locator('#signed-in').innerText(),
      /Signed in with client_credentials \(2-legged: the application alone, no user consent\) as qod-demo/,
    );
    // One click fills the login hint, which the host then checks.
    await outcomes.locator('vscode-button.outcome', { hasText: 'deny' }).click();
    assert.equal(await page.locator('#login-hint').evaluate((el: any) => el.value), 'tel:+34666666666');
    assert.equal((await host.reply('checkLoginHint', {})).params.loginHint, 'tel:+34666666666');
    await pickFlow('ciba');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.locator('section[aria-labelledby="auth-title"]').screenshot({ path: join(ARTIFACTS, 'sandbox-outcomes.png') });
    // Another provider decides for itself: no table.
    await host.state({
      ...SANDBOX,
      environments: [{ id: 'op', label: 'Operator' }],
      environmentId: 'op',
      sandboxOutcomes: undefined,
      signedIn: undefined,
    });
    assert.equal(await outcomes.isVisible(), false);
  });

  it('a denied CIBA says the earlier sign-in is still the one in use, until another sign-in replaces it', async () => {
    const earlier = { ...SANDBOX, signedIn: { flow: 'ciba', subject: 'tel:+34666666661' } };
    await host.state(earlier);
    await page.locator('#login-hint input').fill('tel:+34666666666');
    await host.reply('checkLoginHint', {});
    await page.locator('#sign-in').click();
    await host.deliver({
      type: 'notification',
      method: 'didRecordExchange',
      params: {
        id: 2,
        kind: 'bc-authorize',
        method: 'POST',
        url: 'http://127.0.0.1:1/bc-authorize',
        status: 200,
        totalMs: 4,
        requestHeaders: {},
        responseBody: '{"auth_req_id":"[REDACTED]","interval":2,"expires_in":120}',
      },
    });
    await host.deliver({
      type: 'notification',
      method: 'didRecordExchange',
      params: {
        id: 3,
        kind: 'ciba-poll',
        method: 'POST',
        url: 'http://127.0.0.1:1/token',
        status: 400,
        totalMs: 3,
        requestHeaders: {},
        responseBody: '{"error":"access_denied"}',
      },
    });
    await host.reply('signIn', { ok: false, message: 'access_denied: the subscriber declined' });
    await host.state(earlier);
    const signedIn = page.locator('#signed-in');
    assert.match(
      await signedIn.innerText(),
      /The earlier sign-in \(ciba as tel:\+34666666661\) is still the one in use: the new one failed\./,
    );
    assert.match(await page.locator('#trace li.error').innerText(), /access_denied/);
    // Another sign-in is the one in use now: the note goes.
    await host.state({ ...SANDBOX, signedIn: { flow: 'ciba', subject: 'tel:+34666666662' } });
    assert.equal(await page.locator('#sign-in-kept').count(), 0);
    assert.match(await signedIn.innerText(), /Signed in with ciba as tel:\+34666666662/);
  });

  it('a cancelled CIBA: the Cancel button goes, the countdown stops and goes, and the trace says Cancelled', async () => {
    await page.locator('#sign-in').click();
    await host.deliver({
      type: 'notification',
      method: 'didRecordExchange',
      params: {
        id: 2,
        kind: 'bc-authorize',
        method: 'POST',
        url: 'http://127.0.0.1:1/bc-authorize',
        status: 200,
        totalMs: 4,
        requestHeaders: {},
        responseBody: '{"auth_req_id":"[REDACTED]","interval":2,"expires_in":120}',
      },
    });
    for (let i = 0; i < 3; i++)
      await host.deliver({
        type: 'notification',
        method: 'didRecordExchange',
        params: {
          id: 3 + i,
          kind: 'ciba-poll',
          method: 'POST',
          url: 'http://127.0.0.1:1/token',
          status: 400,
          totalMs: 3,
          requestHeaders: {},
          responseBody: '{"error":"authorization_pending"}',
        },
      });
    const wait = page.locator('#trace li.polls');
    assert.match(await wait.innerText(), /3 polls .*expires in [12]:\d\d/);
    await wait.locator('.cancel-wait').click();
    assert.ok((await host.sent()).some((m) => m.method === 'cancelSignIn'));
    await host.reply('signIn', { ok: false, cancelled: true, message: 'cancelled' });
    assert.equal(await page.locator('.cancel-wait').count(), 0, 'no Cancel on a wait that is over');
    assert.equal(await page.locator('#cancel-sign-in').isVisible(), false);
    const ended = await wait.innerText();
    assert.match(ended, /CIBA wait: 3 polls \(authorization_pending ×3\), cancelled/);
    assert.doesNotMatch(ended, /expires in/);
    assert.match(await page.locator('#trace').innerText(), /Cancelled: the sign-in was stopped/);
    assert.equal(await page.locator('#trace li.error').count(), 0, 'a cancel is not a failure');
    // The countdown is stopped, not merely hidden: a second later the line is the same.
    await page.waitForTimeout(1100);
    assert.equal(await wait.innerText(), ended);
    // And so it comes back after a reload.
    await page.reload();
    await host.ready();
    await host.state(QUICK);
    assert.equal(await page.locator('#trace li.polls').innerText(), ended);
    assert.equal(await page.locator('.cancel-wait').count(), 0);
  });
});
