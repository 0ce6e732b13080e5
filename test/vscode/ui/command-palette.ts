// Drives the real workbench with Playwright: the command palette, QoD's quick picks, and the sessions view.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '..', '..', '..', '.cache', 'artifacts');

/** The workbench is up and has settled (its first seconds re-lay out the window). */
export async function workbenchReady(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await typeCommand(page, title);
  await page.keyboard.press('Enter');
}

/** Fuzzy ranking may put another row first: move down to the one that `wanted` accepts (bounded). */
async function focusRow(page: Page, wanted: (ariaLabel: string | null) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if (wanted(await page.locator('.quick-input-list .monaco-list-row.focused').first().getAttribute('aria-label'))) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`the quick pick offers no "${what}"`);
}

/** Opens the command palette and types the command's title, up to (not including) pressing Enter. */
export async function typeCommand(page: Page, title: string): Promise<void> {
  // Let a closing quick pick go first, or the palette opens into it.
  await page
    .locator('.quick-input-widget')
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(200);
  // Right after start-up, on a busy machine, the palette may not list the extension's commands yet: reopen it
  // (three tries of 15 s each).
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input:visible').first();
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    const listed = await page
      .locator('.quick-input-list .monaco-list-row', { hasText: title })
      .first()
      .waitFor({ timeout: 15_000 })
      .then(
        () => true,
        (error: unknown) => {
          if (attempt === 3) throw error;
          return false;
        },
      );
    if (listed) break;
    await page.keyboard.press('Escape');
  }
  await focusRow(page, (label) => label === title || (label ?? '').startsWith(`${title},`), title);
}

/** Replaces the quick input's text by typing, like a user: one opened from the Welcome page does not take fill(). */
async function typeIntoQuickInput(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-widget input:visible').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * Waits for the quick pick (a row with `shownBy`, by default the text itself), types `text` into its filter
 * like a user, and presses Enter on the first row that carries the text.
 */
export async function choose(page: Page, text: string, shownBy = text): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: shownBy }).first().waitFor({ timeout: 20_000 });
  await typeIntoQuickInput(page, text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(150);
  await focusRow(page, (label) => (label ?? '').includes(text), text);
  await page.keyboard.press('Enter');
}

/** Answers an input box (its prompt containing `prompt`) with `value`, or accepts the proposed value. */
export async function answer(page: Page, prompt: string, value?: string): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: 20_000 });
  if (value !== undefined) await typeIntoQuickInput(page, value);
  await page.keyboard.press('Enter');
}

/** A Playwright test in the workbench; `settings` go into the fresh profile's user settings. */
export interface UiTest {
  name: string;
  settings?: Record<string, unknown>;
  run(page: Page): Promise<void>;
}

export const uiTests: UiTest[] = [
  {
    name: 'creates a session from the command palette and sees it in the sessions view',
    async run(page) {
      await workbenchReady(page);
      await createSessionViaPalette(page, true);
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
  {
    name: 'a refused create offers "Edit and Retry", which starts from every answer given',
    async run(page) {
      await workbenchReady(page);
      // A device ending in 9: the sandbox answers 422 SERVICE_NOT_APPLICABLE.
      await createSessionViaPalette(page, false, '+34666666669', undefined, '900', 'QOS_M');
      // The error with its actions, from the notification list: in this headless browser the workbench shows no
      // toasts at all (not for information messages either), so the list is where the message is.
      await page.locator('.statusbar-item', { hasText: 'QoD: Local sandbox' }).waitFor({ timeout: 30_000 });
      const error = page.locator('.notifications-list-container .monaco-list-row', { hasText: '422 SERVICE_NOT_APPLICABLE' });
      for (let attempt = 0; attempt < 20 && !(await error.isVisible()); attempt++) {
        await runCommand(page, 'Notifications: Show Notifications');
        await page.waitForTimeout(500);
      }
      await error.locator('.monaco-button', { hasText: 'Edit and Retry' }).click();
      // Every step proposes what was given before: Enter keeps it.
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Phone number' }).waitFor({ timeout: 20_000 });
      await page.keyboard.press('Enter');
      const input = page.locator('.quick-input-widget input:visible').first();
      // The input box follows the pick: its proposed value is the device typed before.
      const proposed = async () => {
        for (let i = 0; i < 50 && (await input.inputValue().catch(() => '')) === ''; i++) await page.waitForTimeout(200);
        return input.inputValue();
      };
      assert.equal(await proposed(), '+34666666669', 'the device typed before');
      await answer(page, 'Create Session (1/5)', '+34666666662');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'QOS_M' }).waitFor({ timeout: 20_000 });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'Duration in seconds' }).waitFor({ timeout: 20_000 });
      assert.equal(await proposed(), '900', 'the duration typed before');
      await answer(page, 'Duration in seconds');
      await answer(page, 'Application server');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'No notifications' }).waitFor({ timeout: 20_000 });
      await page.keyboard.press('Enter');
      await page.locator('.activitybar [aria-label^="QoD"]').first().click();
      const row = page.locator('.monaco-list-row', { hasText: '+34666666662' }).first();
      await row.waitFor({ timeout: 20_000 });
      assert.match(await row.innerText(), /QOS_M · phoneNumber \+34666666662 · /);
    },
  },
  {
    name: 'activation raises no error notification (the #qod tool set finds its tools)',
    async run(page) {
      await workbenchReady(page);
      // Activate the extension (its view), let the workbench read its contributions, then read every notification.
      await page.locator('.activitybar [aria-label^="QoD"]').first().click();
      await page.locator('.statusbar-item', { hasText: 'QoD: ' }).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(3000);
      await runCommand(page, 'Notifications: Show Notifications');
      const rows = page.locator('.notifications-list-container .monaco-list-row');
      await page.locator('.notifications-center').waitFor({ timeout: 10_000 });
      const texts = await rows.allInnerTexts();
      const errors = await page.locator('.notifications-list-container .monaco-list-row:has(.codicon-error)').allInnerTexts();
      assert.deepEqual(errors, [], `error notifications: ${texts.join(' | ')}`);
      assert.ok(!texts.some((t) => /tool set|tools array/i.test(t)), texts.join(' | '));
    },
  },
];

async function createSessionViaPalette(
  page: Page,
  checkValidation: boolean,
  phone = '+34666666661',
  start?: () => Promise<void>,
  duration = '600',
  profile = 'QOS_E',
): Promise<void> {
  if (start) await start();
  else await runCommand(page, 'QoD: Create Session');
  await choose(page, 'Phone number');
  if (checkValidation) {
    // The value is validated as it is typed: a bad number shows the field-level rule.
    const input = page.locator('.quick-input-widget input:visible').first();
    await input.fill('12');
    await page.locator('.quick-input-widget', { hasText: 'device.phoneNumber: must be an E.164 number' }).waitFor({ timeout: 10_000 });
  }
  await answer(page, 'Create Session (1/5)', phone);
  await choose(page, profile);
  await answer(page, 'Duration in seconds', duration);
  await answer(page, 'Application server');
  await choose(page, 'No notifications');
}

/** The playground's content: an outer webview iframe holding the `active-frame` with our page. */
export function playground(page: Page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Opens the playground once the workbench is up, and waits for its full state (the provider's profiles). */
export async function openPlaygroundReady(page: Page) {
  await workbenchReady(page);
  await runCommand(page, 'QoD: Open Playground');
  const app = playground(page);
  await app.locator('#sign-in').waitFor({ timeout: 30_000 });
  await app.locator('#qos-profile vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
  return app;
}

/** Chooses `value` in one of the playground's single selects, as a change from the user does. */
export async function selectIn(app: ReturnType<typeof playground>, id: string, value: string): Promise<void> {
  await app.locator(`#${id}`).evaluate((el, v) => {
    const select = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
    select.value = v;
    select.dispatchEvent(new Event('change'));
  }, value);
}

uiTests.push({
  name: 'playground: sign in with CIBA, send a create, see 201 and the session id, delete it from the response',
  async run(page) {
    // The full state (the provider's profiles, fetched once on opening) before signing in.
    const app = await openPlaygroundReady(page);
    await app.locator('#environment vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
    await app.locator('#sign-in').click();
    await app.locator('#signed-in', { hasText: 'Signed in with ciba as tel:+34666666661' }).waitFor({ timeout: 30_000 });
    await app.locator('#trace', { hasText: /CIBA wait: \d+ polls? \(.*approved ×1\), ended: approved/ }).waitFor({ timeout: 10_000 });
    // 3-legged: the form switched to "the token names the device", so the body has no device.
    // Typed like a user, fast, into a cleared field, in the real webview: no key is lost.
    for (let attempt = 0; attempt < 8; attempt++) {
      await app.locator('#duration input').fill('');
      await app.locator('#duration input').pressSequentially('900', { delay: attempt * 8 });
      const typed = await app.locator('#duration').evaluate((el) => String((el as unknown as { value: string }).value));
      if (typed !== '900') throw new Error(`typing "900" ${attempt * 8} ms apart gave "${typed}"`);
    }
    await app.locator('#application-server input').fill('198.51.100.77');
    const jsonValue = () => app.locator('#json').evaluate((el) => String((el as unknown as { value: string }).value));
    for (let i = 0; i < 100 && !(await jsonValue()).includes('198.51.100.77'); i++) await page.waitForTimeout(100);
    if (!(await jsonValue()).includes('"duration": 900')) throw new Error(`the JSON did not follow the form: ${await jsonValue()}`);
    await app.locator('#send:not([disabled])').waitFor({ timeout: 10_000 });
    // Ctrl+Enter from a field sends (the contributed keybinding), as the walkthrough says.
    await app.locator('#application-server input').focus();
    await page.keyboard.press('Control+Enter');
    await app.locator('#status', { hasText: '201' }).waitFor({ timeout: 20_000 });
    if (!/"duration": 900/.test(await app.locator('#response-body').innerText()))
      throw new Error('the response does not show the duration sent');
    const id = (await app.locator('#session-id-value').innerText()).trim();
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`no session id in the response view: ${id}`);
    // One sign-in, one look at the provider's profiles: the trace shows every call, so no duplicates.
    const profileCalls = await app.locator('#trace li', { hasText: 'retrieve-qos-profiles' }).count();
    if (profileCalls !== 1) throw new Error(`the profiles were fetched ${profileCalls} times after one sign-in`);
    // Room for the screenshot the README shows: no side bar.
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.waitForTimeout(500);
    await app.locator('#response-body').scrollIntoViewIfNeeded();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
    // `QOD_UPDATE_SCREENSHOTS=1 npm run test:vscode` refreshes the README's copy from this real run.
    if (process.env.QOD_UPDATE_SCREENSHOTS)
      copyFileSync(join(ARTIFACTS, 'playground.png'), join(__dirname, '..', '..', '..', 'media', 'screenshots', 'playground.png'));
    // The sequence diagram of this real CIBA run, and the session on the timeline.
    await app.locator('#diagram g.arrow[data-kind="consent"]').waitFor({ state: 'attached', timeout: 10_000 });
    await app.locator('#timeline g.session').first().waitFor({ state: 'attached', timeout: 10_000 });
    // The README shows the diagram with each step explained (whole, wrapped) and the timeline with its time axis.
    await app.locator('#diagram-explain').click();
    await app.locator('#diagram .arrow-note').first().waitFor({ state: 'attached', timeout: 10_000 });
    await app.locator('#timeline .tick-label').first().waitFor({ state: 'attached', timeout: 10_000 });
    for (const [section, file] of [
      ['section.diagram', 'sequence-diagram.png'],
      ['section.timeline', 'session-timeline.png'],
    ] as const) {
      await app.locator(section).scrollIntoViewIfNeeded();
      await app.locator(section).screenshot({ path: join(ARTIFACTS, file) });
      if (process.env.QOD_UPDATE_SCREENSHOTS)
        copyFileSync(join(ARTIFACTS, file), join(__dirname, '..', '..', '..', 'media', 'screenshots', file));
    }
    await app.locator('#action-delete').click();
    await app.locator('#status', { hasText: '204' }).waitFor({ timeout: 20_000 });
    await app.locator('#history li', { hasText: 'deleteSession' }).waitFor({ timeout: 10_000 });
  },
});

uiTests.push({
  name: 'walkthrough: every step completes from its real event',
  async run(page) {
    await workbenchReady(page);
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await choose(page, 'Get started with QoD Playground');
    const checks = page.locator('[data-done-step-id]');
    await checks.first().waitFor({ timeout: 20_000 });
    const done = async () =>
      (await checks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-checked') === 'true'))).filter(Boolean).length;
    if ((await checks.count()) !== 5) throw new Error(`the walkthrough shows ${await checks.count()} steps, not 5`);
    // A fresh profile: nothing is done until the real events below happen.
    if ((await done()) !== 0) throw new Error('steps were done before anything happened');
    /** Opens a step and presses its button, as a newcomer would. */
    const step = async (title: string, button: string) => {
      const card = page.locator('.getting-started-step', { hasText: title }).first();
      await card.click();
      const action = card.locator('.button-link, a, button', { hasText: button }).first();
      await action.waitFor({ state: 'visible', timeout: 20_000 });
      // The page animates to the chosen step; a click mid-animation lands elsewhere.
      await page.waitForTimeout(400);
      await action.click();
    };
    const expectDone = async (n: number) => {
      for (let i = 0; i < 50 && (await done()) < n; i++) await page.waitForTimeout(200);
      if ((await done()) < n) throw new Error(`${await done()} of ${n} steps done`);
    };
    await step('Choose an environment', 'Select Environment');
    await choose(page, 'Local sandbox');
    await expectDone(1);
    await step('Set credentials', 'Set Client Secret');
    await answer(page, 'client secret', 'qod-demo-secret');
    await expectDone(2);
    await step('Sign in', 'Sign In');
    await choose(page, 'Client credentials (2-legged)');
    await expectDone(3);
    await createSessionViaPalette(page, false, '+34666666664', () => step('Create a session', 'Create Session'));
    await expectDone(4);
    await step('Open the playground', 'Open Playground');
    await playground(page).locator('#sign-in').waitFor({ timeout: 30_000 });
    await page.locator('.tab', { hasText: 'Welcome' }).first().click();
    await expectDone(5);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'walkthrough.png') });
    if (process.env.QOD_UPDATE_SCREENSHOTS)
      copyFileSync(join(ARTIFACTS, 'walkthrough.png'), join(__dirname, '..', '..', '..', 'media', 'screenshots', 'walkthrough.png'));
  },
});

uiTests.push({
  name: 'Add Environment: Escape at the client secret adds nothing, and the version question tells v0.10 from v0.8',
  async run(page) {
    await workbenchReady(page);
    await runCommand(page, 'QoD: Add Environment…');
    await choose(page, 'Telefónica Open Gateway sandbox');
    await answer(page, 'Client id of your Open Gateway application', 'mock_sandbox_app_id');
    // Both v0 flavours live under /qod/v0: each row says what sets it apart.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ueId and asId' }).waitFor({ timeout: 20_000 });
    await choose(page, 'QoD v0.10');
    await page.locator('.quick-input-widget', { hasText: 'developer hub' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await runCommand(page, 'QoD: Select Environment');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Local sandbox' }).first().waitFor({ timeout: 20_000 });
    const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    if (rows.filter((r) => !r.includes('Add Environment')).some((r) => /Telef/.test(r)))
      throw new Error(`a cancelled Add Environment added one: ${rows.join(' | ')}`);
    await page.keyboard.press('Escape');
  },
});

uiTests.push({
  name: "playground: a refused create (409 CONFLICT) shows the code as sent and leads to the device's session; the sessions view shows it",
  async run(page) {
    const app = await openPlaygroundReady(page);
    await selectIn(app, 'flow', 'client_credentials');
    await app.locator('#sign-in').click();
    await app.locator('#signed-in', { hasText: 'Signed in with client_credentials' }).waitFor({ timeout: 30_000 });
    await app.locator('#device-value input').fill('+34666666664');
    await app.locator('#send:not([disabled])').waitFor({ timeout: 10_000 });
    await app.locator('#send').click();
    await app.locator('#status', { hasText: '201' }).waitFor({ timeout: 20_000 });
    const id = (await app.locator('#session-id-value').innerText()).trim();
    await selectIn(app, 'operation', 'createSession');
    await app.locator('#send:not([disabled])').waitFor({ timeout: 10_000 });
    await app.locator('#send').click();
    await app.locator('#status', { hasText: '409' }).waitFor({ timeout: 20_000 });
    const body = await app.locator('#response-body').innerText();
    if (!body.includes('"code": "CONFLICT"')) throw new Error(`the CAMARA code is not shown as sent: ${body}`);
    // The refused create with its way out, for the README.
    await runCommand(page, 'View: Close Primary Side Bar');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await app.locator('#action-find-existing').scrollIntoViewIfNeeded();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground-conflict.png') });
    if (process.env.QOD_UPDATE_SCREENSHOTS)
      copyFileSync(
        join(ARTIFACTS, 'playground-conflict.png'),
        join(__dirname, '..', '..', '..', 'media', 'screenshots', 'playground-conflict.png'),
      );
    await app.locator('#action-find-existing').click();
    await app.locator('#session-list', { hasText: id }).waitFor({ timeout: 20_000 });
    // The sessions view lists it, with its profile, device and time left.
    await page.locator('.activitybar [aria-label^="QoD"]').first().click();
    const row = page.locator('.monaco-list-row', { hasText: id.slice(0, 8) }).first();
    await row.waitFor({ timeout: 20_000 });
    if (!/QOS_E · phoneNumber \+34666666664 · /.test(await row.innerText())) throw new Error(`the view row says ${await row.innerText()}`);
    await page.screenshot({ path: join(ARTIFACTS, 'sessions-view.png') });
    if (process.env.QOD_UPDATE_SCREENSHOTS)
      copyFileSync(join(ARTIFACTS, 'sessions-view.png'), join(__dirname, '..', '..', '..', 'media', 'screenshots', 'sessions-view.png'));
    // Extend asks for the amount, bounded by the profile (QOS_E: at most 86400 s; the session has 600 s).
    await runCommand(page, 'QoD: Extend Session');
    await choose(page, id.slice(0, 8), id);
    await page
      .locator('.quick-input-widget', { hasText: 'up to 85800 more (QOS_E allows at most 86400 s in all' })
      .waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
  },
});
