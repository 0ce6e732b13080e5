// The authorization code flow from the playground in VS Code in the browser: the sandbox's sign-in page opens
// in a new tab through the editor's port proxy (`/proxy/<port>/…`) and the user approves there. The redirect
// comes back either to the extension's loopback receiver (through the same proxy) or, with
// `qod.auth.redirectUri` set, to that registered URI, whose address the user pastes into VS Code.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answer, ARTIFACTS, openPlaygroundReady, playground, runCommand, selectIn, type UiTest } from './command-palette';

/** Opens the playground, picks the authorization code flow, presses Sign in, and approves on the sandbox's page. */
async function approveInBrowser(page: Page, device: string): Promise<Page> {
  const app = await openPlaygroundReady(page);
  await app.locator('#flow vscode-option[value="authorization_code"]').waitFor({ state: 'attached', timeout: 30_000 });
  await selectIn(app, 'flow', 'authorization_code');
  const opened = page.context().waitForEvent('page', { timeout: 30_000 });
  await app.locator('#sign-in').click();
  const signInPage = await opened;
  await signInPage.waitForLoadState();
  const origin = new URL(page.url()).origin;
  if (!signInPage.url().startsWith(`${origin}/proxy/`))
    throw new Error(`the sign-in page did not open through the port proxy: ${signInPage.url()}`);
  await signInPage.locator('#device').fill(device);
  await signInPage.getByRole('button', { name: 'Approve' }).click();
  return signInPage;
}

const REGISTERED_REDIRECT = 'http://127.0.0.1:53682/callback';

export const signInUiTests: UiTest[] = [
  {
    name: 'playground: the flow picked stays through a tab switch, and Sign in then runs it',
    async run(page) {
      const app = await openPlaygroundReady(page);
      // The sandbox signed in by itself, 2-legged; the user wants the authorization code flow.
      await app.locator('#signed-in', { hasText: 'Signed in with client_credentials' }).waitFor({ timeout: 30_000 });
      await app.locator('#flow vscode-option[value="authorization_code"]').waitFor({ state: 'attached', timeout: 30_000 });
      // The sandbox's outcomes by last digit next to the login hint, themed as the README shows them
      // (`QOD_UPDATE_SCREENSHOTS=1 npm run test:vscode` refreshes the README's copy from this real run).
      mkdirSync(ARTIFACTS, { recursive: true });
      await app.locator('section[aria-labelledby="auth-title"]').screenshot({ path: join(ARTIFACTS, 'sandbox-outcomes-vscode.png') });
      if (process.env.QOD_UPDATE_SCREENSHOTS)
        copyFileSync(
          join(ARTIFACTS, 'sandbox-outcomes-vscode.png'),
          join(__dirname, '..', '..', '..', 'media', 'screenshots', 'sandbox-outcomes.png'),
        );
      await selectIn(app, 'flow', 'authorization_code');
      // Tab switches: another editor in the group hides the playground (VS Code drops its page, which is rebuilt
      // from its saved state), then back to it; twice, as the saved state must hold the pick as well as the page.
      const again = playground(page);
      for (const n of [1, 2]) {
        await runCommand(page, 'File: New Untitled Text File');
        await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 15_000 });
        await page.locator('.tab', { hasText: 'QoD Playground' }).first().click();
        await again.locator('#signed-in', { hasText: 'Signed in with client_credentials' }).waitFor({ timeout: 30_000 });
        await again.locator('#qos-profile vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
        await page.waitForTimeout(500);
        const flow = await again.locator('#flow').evaluate((el) => (el as unknown as { value: string }).value);
        if (flow !== 'authorization_code')
          throw new Error(`after tab switch ${n} the flow picker shows ${flow}, not the authorization_code picked`);
      }
      const opened = page.context().waitForEvent('page', { timeout: 30_000 });
      await again.locator('#sign-in').click();
      const signInPage = await opened;
      await signInPage.locator('#device').fill('+34666666663');
      await signInPage.getByRole('button', { name: 'Approve' }).click();
      await again.locator('#signed-in', { hasText: 'Signed in with authorization_code' }).waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'playground: the authorization code flow completes in VS Code in the browser, through the port proxy',
    async run(page) {
      const signInPage = await approveInBrowser(page, '+34666666663');
      await playground(page).locator('#signed-in', { hasText: 'Signed in with authorization_code' }).waitFor({ timeout: 30_000 });
      // The browser ends on the receiver's done page, still under the proxy's prefix.
      await signInPage.waitForURL(/\/proxy\/\d+\/done$/, { timeout: 15_000 });
      await signInPage.getByText('You can close this tab').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'playground: with qod.auth.redirectUri set, the authorization code flow takes the pasted redirect',
    settings: { 'qod.auth.redirectUri': REGISTERED_REDIRECT },
    async run(page) {
      // The registered URI belongs to "the provider's web app": here nothing listens, so the test serves it.
      let landed: string | undefined;
      await page.context().route(`${REGISTERED_REDIRECT}**`, async (route) => {
        landed = route.request().url();
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'Copy this address into VS Code.' });
      });
      const signInPage = await approveInBrowser(page, '+34666666663');
      await signInPage.getByText('Copy this address into VS Code.').waitFor({ timeout: 30_000 });
      if (!landed || !new URL(landed).searchParams.get('code'))
        throw new Error(`the browser did not land on the registered URI with a code: ${landed}`);
      await page.bringToFront();
      await answer(page, 'Paste the URL the browser ended on', landed);
      await playground(page).locator('#signed-in', { hasText: 'Signed in with authorization_code' }).waitFor({ timeout: 30_000 });
    },
  },
];
