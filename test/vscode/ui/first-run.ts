// A newcomer's first minutes in the real workbench: the sessions view before any session, and the walkthrough
// after `npm start` opened the playground on the sandbox (which signs in by itself, 2-legged).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { choose, openPlaygroundReady, runCommand, workbenchReady, type UiTest } from './command-palette';

/** The walkthrough's steps that are ticked, by step id (`signIn`, `playground`, …). */
async function tickedSteps(page: Page): Promise<string[]> {
  const checks = page.locator('[data-done-step-id]');
  return (
    await checks.evaluateAll((els) =>
      els.filter((e) => e.getAttribute('aria-checked') === 'true').map((e) => e.getAttribute('data-done-step-id') ?? ''),
    )
  ).map((id) => id.split('#').pop() ?? id);
}

export const firstRunUiTests: UiTest[] = [
  {
    name: 'first run: the sessions view shows its welcome text while there is no session',
    async run(page) {
      await workbenchReady(page);
      await page.locator('.activitybar [aria-label^="QoD"]').first().click();
      // The status bar appears once the view has loaded the extension's services.
      await page.locator('.statusbar-item', { hasText: 'QoD: Local sandbox' }).waitFor({ timeout: 30_000 });
      const welcome = page.locator('.welcome-view-content', { hasText: 'No QoD sessions yet' });
      await welcome.waitFor({ timeout: 20_000 });
      assert.ok(
        (await welcome.locator('a, .monaco-button', { hasText: 'Create Session' }).count()) > 0,
        'the welcome offers Create Session',
      );
    },
  },
  {
    name: 'first run: after the playground opened on the sandbox and signed in by itself, the walkthrough ticks credentials, sign-in and playground',
    async run(page) {
      // What `npm start` does: the playground opens on the local sandbox, which signs in with client credentials
      // to read the profiles (openPlaygroundReady waits for them).
      await openPlaygroundReady(page);
      await runCommand(page, 'Welcome: Open Walkthrough...');
      await choose(page, 'Get started with QoD Playground');
      await page.locator('[data-done-step-id]').first().waitFor({ timeout: 20_000 });
      const wanted = ['credentials', 'signIn', 'playground'];
      let ticked: string[] = [];
      for (let i = 0; i < 50; i++) {
        ticked = await tickedSteps(page);
        if (wanted.every((id) => ticked.includes(id))) break;
        await page.waitForTimeout(200);
      }
      assert.deepEqual(
        wanted.filter((id) => !ticked.includes(id)),
        [],
        `ticked: ${ticked.join(', ') || 'none'}`,
      );
      // Nothing was created: that step waits for a real session.
      assert.ok(!ticked.includes('session'), 'a session step ticked without a session');
    },
  },
];
