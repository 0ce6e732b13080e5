// Drives the real workbench with Playwright: the command palette, QoD's quick picks, and the sessions view.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '..', '..', '..', '.cache', 'artifacts');

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Waits for a quick pick row with this text and chooses it. */
async function choose(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 20_000 });
  const input = page.locator('.quick-input-widget input');
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Answers an input box (its prompt containing `prompt`) with `value`, or accepts the proposed value. */
async function answer(page: Page, prompt: string, value?: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: 20_000 });
  const input = page.locator('.quick-input-widget input');
  if (value !== undefined) await input.fill(value);
  await page.keyboard.press('Enter');
}

export const uiTests: Array<{ name: string; run(page: Page): Promise<void> }> = [
  {
    name: 'creates a session from the command palette and sees it in the sessions view',
    async run(page) {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      await runCommand(page, 'QoD: Create Session');
      await choose(page, 'Phone number');
      // The value is validated as it is typed: a bad number shows the field-level rule.
      const input = page.locator('.quick-input-widget input');
      await input.fill('12');
      await page.locator('.quick-input-widget', { hasText: 'device.phoneNumber: must be an E.164 number' }).waitFor({ timeout: 10_000 });
      await answer(page, 'Create Session (1/5)', '+34666666661');
      await choose(page, 'QOS_E');
      await answer(page, 'Duration in seconds', '600');
      await answer(page, 'Application server');
      await choose(page, 'No notifications');
      // The status bar counts it at once.
      await page.locator('.statusbar-item', { hasText: 'QoD: Local sandbox · ' }).waitFor({ timeout: 30_000 });
      // The sessions view in the QoD activity bar container.
      await page.locator('.activitybar [aria-label^="QoD"]').first().click();
      const row = page.locator('.monaco-list-row', { hasText: 'QOS_E' }).first();
      await row.waitFor({ timeout: 20_000 });
      assert.match(await row.innerText(), /QOS_E · phoneNumber \+34666666661 · /);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'create-session-from-palette.png') });
    },
  },
];
