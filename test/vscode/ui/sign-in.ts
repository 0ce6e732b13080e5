// The authorization code flow from the playground in VS Code in the browser: the sandbox's sign-in page opens
// in a new tab through the editor's port proxy (`/proxy/<port>/…`), the user approves there, and the redirect
// comes back to the extension through the same proxy.
import type { Page } from 'playwright-core';
import { playground, runCommand } from './command-palette';

export const signInUiTest = {
  name: 'playground: the authorization code flow completes in VS Code in the browser, through the port proxy',
  async run(page: Page): Promise<void> {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await runCommand(page, 'QoD: Open Playground');
    const app = playground(page);
    await app.locator('#sign-in').waitFor({ timeout: 30_000 });
    await app.locator('#qos-profile vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
    await app.locator('#flow').evaluate((el) => {
      const select = el as HTMLElement & { value: string };
      select.value = 'authorization_code';
      select.dispatchEvent(new Event('change'));
    });
    const opened = page.context().waitForEvent('page', { timeout: 30_000 });
    await app.locator('#sign-in').click();
    const signInPage = await opened;
    await signInPage.waitForLoadState();
    const origin = new URL(page.url()).origin;
    if (!signInPage.url().startsWith(`${origin}/proxy/`)) throw new Error(`the sign-in page did not open through the port proxy: ${signInPage.url()}`);
    await signInPage.locator('#device').fill('+34666666663');
    await signInPage.getByRole('button', { name: 'Approve' }).click();
    await signInPage.getByText('You can close this tab').waitFor({ timeout: 30_000 });
    await app.locator('#signed-in', { hasText: 'Signed in with authorization_code' }).waitFor({ timeout: 30_000 });
  },
};
