// Save as request file and Copy as curl, in headless Chromium with a fake host: from a history entry and from the
// request form, each asks the host for the existing export (http / curl) of that request, then has the host save
// it (saveRequestFile, named after the operation) or copy it (copyCode). A failed export says why.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { canRun, CHROMIUM, fakeHost, startPlayground } from '../support/playground-page';

const STATE = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [{ name: 'QOS_L', status: 'ACTIVE', minSeconds: 60, maxSeconds: 3600 }],
  scopePresets: { 'CAMARA v1': 'openid quality-on-demand:sessions:create' },
  defaultLoginHint: 'tel:+34666666661',
};

const SESSION = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
/** What was posted, without the keys left undefined (a structured clone keeps them). */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const HTTP_CODE = `# @qod sign-in client_credentials\n\nGET {{$qod.sessions}}/sessions/${SESSION}\nAuthorization: Bearer {{$qod.accessToken}}\n`;

describe('Save as request file and Copy as curl in the playground (Chromium, fake host)', function () {
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
    await host.state(STATE);
  });
  afterEach(() => page.close());

  const commands = async (method: string) => (await host.sent()).filter((m) => m.type === 'command' && m.method === method);

  it("a history entry's Save as request file saves its http export; Copy as curl copies its curl export", async () => {
    const body = { device: { phoneNumber: '+34666666664' }, qosProfile: 'QOS_L', duration: 900 };
    await host.deliver({
      type: 'notification',
      method: 'didChangeHistory',
      params: [
        { id: 'h2', at: Date.now(), environmentId: 'sandbox', operation: 'createSession', body, status: 201 },
        { id: 'h1', at: Date.now(), environmentId: 'sandbox', operation: 'getSession', sessionId: SESSION, status: 200 },
      ],
    });
    const entry = page.locator('#history li', { hasText: 'getSession' });
    await entry.locator('.save-request-file').click();
    const exported = await host.reply('exportCode', { code: HTTP_CODE });
    assert.deepEqual(plain(exported.params), { language: 'http', operation: 'getSession', sessionId: SESSION });
    await page.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'saveRequestFile'), undefined, {
      timeout: 10_000,
    });
    assert.deepEqual(
      (await commands('saveRequestFile')).map((m) => m.params),
      [{ code: HTTP_CODE, operation: 'getSession' }],
    );

    await page.locator('#history li', { hasText: 'createSession' }).locator('.copy-curl').click();
    const curl = await host.reply('exportCode', { code: "curl -X POST '…/sessions'" });
    assert.deepEqual(plain(curl.params), { language: 'curl', operation: 'createSession', body });
    await page.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'copyCode'), undefined, {
      timeout: 10_000,
    });
    assert.deepEqual(
      (await commands('copyCode')).map((m) => m.params),
      [{ code: "curl -X POST '…/sessions'" }],
    );

    // A failed export saves nothing and says why.
    await entry.locator('.save-request-file').click();
    await host.reply('exportCode', { message: 'not signed in' });
    await page.locator('#history-status', { hasText: 'not signed in' }).waitFor({ timeout: 10_000 });
    assert.equal((await commands('saveRequestFile')).length, 1);
  });

  it("the request form's Save as request file saves the form's request as http, whatever language Export is set to", async () => {
    await host.reply('validate', []);
    await page.locator('#save-request-file').click();
    const exported = await host.reply('exportCode', { code: HTTP_CODE });
    assert.equal(exported.params.language, 'http');
    assert.equal(exported.params.operation, 'createSession');
    await page.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'saveRequestFile'), undefined, {
      timeout: 10_000,
    });
    assert.deepEqual(
      (await commands('saveRequestFile')).map((m) => m.params),
      [{ code: HTTP_CODE, operation: 'createSession' }],
    );
  });
});
