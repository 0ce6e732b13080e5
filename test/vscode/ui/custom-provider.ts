// Setting up a real provider in the real workbench: Add Environment → Custom provider, answered like a user, against
// an operator sandbox this test runs as the "provider" (its own issuer, discovery and QoD API on loopback). A broken
// entry already in the settings is listed in Select Environment with its reason.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../../../src/sandbox/server';
import { answer, ARTIFACTS, choose, runCommand, workbenchReady, type UiTest } from './command-palette';

export const customProviderTests: UiTest[] = [
  {
    name: 'custom provider: the issuer is read and shown, the API probed for its flavour, the entry added; a broken entry is flagged',
    settings: { 'qod.environments': [{ id: 'broken', clientId: 'app', issuer: 'https://id.example.com' }] },
    async run(page) {
      const provider = await startSandbox({ rateLimit: false });
      try {
        await workbenchReady(page);
        await runCommand(page, 'QoD: Select Environment');
        const flagged = page.locator('.quick-input-list .monaco-list-row', { hasText: '(ignored: apiBase: missing' });
        await flagged.waitFor({ timeout: 30_000 });
        assert.match(await flagged.innerText(), /broken/);
        await page.keyboard.press('Escape');

        await runCommand(page, 'QoD: Add Environment…');
        await choose(page, 'Custom provider');
        await answer(page, 'The issuer of the provider', provider.url);
        // What discovery found, before anything else is asked.
        const found = page.locator('.monaco-dialog-box', { hasText: 'Found the authorization server' });
        await found.waitFor({ timeout: 30_000 });
        const text = await found.innerText();
        assert.match(text, /CIBA: supported/);
        assert.match(text, /Client authentication: client_secret_basic, client_secret_post, private_key_jwt, none/);
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, 'custom-provider.png') });
        // `QOD_UPDATE_SCREENSHOTS=1 npm run test:vscode` refreshes the README's copy from this real run.
        if (process.env.QOD_UPDATE_SCREENSHOTS)
          copyFileSync(
            join(ARTIFACTS, 'custom-provider.png'),
            join(__dirname, '..', '..', '..', 'media', 'screenshots', 'custom-provider.png'),
          );
        await found.locator('.monaco-button', { hasText: 'Continue' }).click();
        await choose(page, 'client_secret_basic');
        await answer(page, 'The root of the provider');
        // The probe's verdict on each flavour: the newest found first (1.2 under v1rc3), then v1.
        const found12 = page.locator('.quick-input-list .monaco-list-row', { hasText: 'found at' }).first();
        await found12.waitFor({ timeout: 30_000 });
        assert.match(await found12.innerText(), /QoD 1\.2/);
        assert.match(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'found at' }).nth(1).innerText(), /QoD v1/);
        await page.screenshot({ path: join(ARTIFACTS, 'custom-provider-flavour.png') });
        // This provider is used as v1.
        await choose(page, 'QoD v1');
        await answer(page, 'The client id the provider gave', 'qod-demo');
        await answer(page, 'A name for this environment', 'Acme operator');
        const template = page.locator('.monaco-dialog-box', { hasText: 'Add "Acme operator" to your user settings?' });
        await template.waitFor({ timeout: 20_000 });
        assert.match(await template.innerText(), /"apiBase": "http:\/\/127\.0\.0\.1:\d+"[\s\S]*"flavour": "v1"/);
        await template.locator('.monaco-button', { hasText: /^Add$/ }).click();
        await answer(page, 'The client secret the provider gave', 'qod-demo-secret');
        // The new environment is the active one.
        await page.locator('.statusbar-item', { hasText: 'QoD: Acme operator' }).waitFor({ timeout: 30_000 });
      } finally {
        await provider.close();
      }
    },
  },
];
