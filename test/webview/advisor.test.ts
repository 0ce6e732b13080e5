// The playground's advisor and the device's network script in headless Chromium with a fake host: the needs go to
// the host as typed, the answer is a table per operator with its reasons, "Use this profile" puts the profile on
// the request (form and JSON, nothing else lost), a rule broken shows under the needs; the network script's
// Apply and Clear ask the host for the form's device and show what the sandbox answered.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MemorySecretStore } from '../../src/core/auth/secret-store';
import { sandboxAggregatorEnvironment } from '../../src/core/environments';
import { createRuntime, type Runtime } from '../../src/core/runtime';
import { startOperatorNetwork, type OperatorNetwork } from '../../src/sandbox/operators/network';
import type { AdviceView } from '../../src/shared/protocol';
import { adviseView } from '../../src/vscode/playground/advice-view';
import { canRun, CHROMIUM, fakeHost, startPlayground } from '../support/playground-page';

const ARTIFACTS = join(__dirname, '..', '..', '.cache', 'artifacts');

/** A dark theme's variables, as VS Code sets them on the webview's page. */
const DARK_THEME = `<style>
  :root { --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1e1e1e;
    --vscode-panel-border: #3c3c3c; --vscode-errorForeground: #f48771; --vscode-focusBorder: #007fd4;
    --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
    --vscode-textCodeBlock-background: #2b2b2b; }
  body { background-color: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
</style>`;

const STATE = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [
    { name: 'QOS_E', status: 'ACTIVE', minSeconds: 1, maxSeconds: 86400 },
    { name: 'QOS_L', status: 'ACTIVE', minSeconds: 60, maxSeconds: 3600 },
  ],
  scopePresets: {},
  defaultLoginHint: 'tel:+34666666661',
  sandboxOutcomes: [],
};

const ADVICE: AdviceView = {
  operators: [
    {
      operatorId: 'azul',
      operatorName: 'Azul Mobile',
      recommended: 'AZUL_VIDEO',
      verdict: 'fits-as-far-as-stated',
      reasons: ['latency: 40 ms meets ≤ 50 ms by 10 ms.', 'jitter: not stated by the operator.'],
      profiles: [
        { name: 'AZUL_VIDEO', fits: true, summary: 'latency 40 ms, up 5 Mbps' },
        { name: 'AZUL_BASIC', fits: false, summary: 'latency 120 ms' },
      ],
    },
    {
      operatorId: 'verde',
      operatorName: 'Verde Telecom',
      verdict: 'nothing-fits',
      reasons: ['latency: no profile offers ≤ 50 ms; the best is 80 ms (VERDE_M).'],
      relaxations: ['latency<=80ms: VERDE_M would fit.'],
      profiles: [{ name: 'VERDE_M', fits: false, summary: 'latency 80 ms' }],
    },
  ],
};

describe('playground advisor and network script in headless Chromium (fake host)', function () {
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
    await host.reply('validate', []);
  });
  afterEach(() => page.close());

  const json = async () => JSON.parse(await page.locator('#json').evaluate((el: any) => el.value));
  const advise = async (needs: string, device = '') => {
    await page.locator('#advisor-needs input').fill(needs);
    await page.locator('#advisor-device input').fill(device);
    await page.locator('#advise').click();
  };

  it('sends the needs as typed (and the device when one is given), and shows a row per operator with its reasons', async () => {
    await advise('latency<=50ms up>=2Mbps');
    const first = (await host.reply('advise', ADVICE)).params;
    assert.deepEqual([first.needs, first.device], ['latency<=50ms up>=2Mbps', undefined], 'no device: whole catalogues');
    await advise('latency<=50ms up>=2Mbps', ' +34666666661 ');
    const request = await host.reply('advise', ADVICE);
    assert.deepEqual(request.params, { needs: 'latency<=50ms up>=2Mbps', device: '+34666666661' });
    const azul = page.locator('tr[data-operator="azul"]');
    await azul.waitFor();
    assert.match(await azul.innerText(), /Azul Mobile[\s\S]*AZUL_VIDEO[\s\S]*fits as far as the operator states/);
    assert.match(await azul.innerText(), /jitter: not stated by the operator\./);
    assert.equal(await page.locator('tr[data-operator]').count(), 2);
  });

  it('says where nothing fits, with what would fit if the needs were relaxed, and offers no profile to use there', async () => {
    await advise('latency<=50ms');
    await host.reply('advise', ADVICE);
    const verde = page.locator('tr[data-operator="verde"]');
    await verde.waitFor();
    assert.match(await verde.innerText(), /No profile fits/);
    assert.match(await verde.locator('.relaxations').innerText(), /If the needs were relaxed:[\s\S]*latency<=80ms: VERDE_M would fit\./);
    assert.equal(await verde.locator('.use-profile').count(), 0);
  });

  it('"Use this profile" puts the profile on the form and the JSON, and keeps everything else of the request', async () => {
    const typed = {
      device: { phoneNumber: '+34600000009' },
      applicationServer: { ipv4Address: '203.0.113.9' },
      qosProfile: 'QOS_L',
      duration: 300,
      sink: 'https://example.com/notify',
    };
    await page.locator('#json textarea').fill(JSON.stringify(typed));
    await host.reply('validate', []);
    await advise('latency<=50ms');
    await host.reply('advise', ADVICE);
    await page.locator('tr[data-operator="azul"] .use-profile').click();
    assert.deepEqual(
      await json(),
      { ...typed, qosProfile: 'AZUL_VIDEO' },
      'only the profile changed, the sink the form has no field for too',
    );
    assert.equal(await page.locator('#qos-profile').evaluate((el: any) => el.value), 'AZUL_VIDEO');
    assert.equal(await page.locator('#device-value').evaluate((el: any) => el.value), '+34600000009');
    assert.equal(await page.locator('#duration').evaluate((el: any) => el.value), '300');
    const validated = await host.reply('validate', []);
    assert.equal(validated.params.body.qosProfile, 'AZUL_VIDEO', 'the host checks the request with the profile');
  });

  it('shows a rule broken under the needs, names the field, and keeps the needs and the last table', async () => {
    await advise('latency<=50ms');
    await host.reply('advise', ADVICE);
    await page.locator('tr[data-operator="azul"]').waitFor();
    await advise('latency<=fast');
    await host.reply('advise', {
      operators: [],
      problem: { path: 'latency', message: 'latency: must be a time like 50ms (units ms, s, us) (got "fast")' },
    });
    await page.locator('#advisor-needs-help.error', { hasText: 'latency: must be a time like 50ms' }).waitFor();
    assert.equal(await page.locator('#advisor-needs').evaluate((el: any) => el.value), 'latency<=fast');
    assert.equal(await page.locator('#advisor-needs').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('tr[data-operator]').count(), 2, 'the last answer stays');
    await advise('latency<=50ms', 'not-a-device');
    await host.reply('advise', { operators: [], problem: { path: 'device', message: 'device: "not-a-device" names no device' } });
    await page.locator('#advisor-device-help.error', { hasText: 'names no device' }).waitFor();
    assert.equal(await page.locator('#advisor-needs-help.error').count(), 0, 'the needs are fine now');
  });

  it('network script: Apply and Clear ask for the form’s device and show what the sandbox answered; only on the sandbox', async () => {
    const control = page.locator('.network-script');
    await control.waitFor();
    await page.locator('#network-script-kind').evaluate((el: any) => {
      el.value = 'network-ends';
      el.dispatchEvent(new Event('change'));
    });
    await page.locator('#network-script-seconds input').fill('30');
    await page.locator('#network-script-apply').click();
    const set = await host.reply('setNetworkScript', { description: 'The network ends the session at 30 s (NETWORK_TERMINATED).' });
    assert.deepEqual(set.params, { device: '+34666666661', script: 'network-ends:30s' });
    await page.locator('#network-script-help', { hasText: 'ends the session at 30 s' }).waitFor();
    await page.locator('#network-script-clear').click();
    const cleared = await host.reply('clearNetworkScript', { problem: 'device: the sandbox has no script for +34666666661' });
    assert.deepEqual(cleared.params, { device: '+34666666661' });
    await page.locator('#network-script-help.error', { hasText: 'has no script' }).waitFor();
    const { sandboxOutcomes: _sandbox, ...provider } = STATE;
    await host.state({ ...provider, environmentId: 'telefonica' });
    await control.waitFor({ state: 'hidden' });
  });

  it('the timeline marks a session the network ended (NETWORK_TERMINATED) apart from other ends, and says so', async () => {
    const now = Date.now();
    const ended = (id: string, statusInfo: string) => ({
      id,
      status: 'UNAVAILABLE',
      statusInfo,
      qosProfile: 'QOS_E',
      durationSeconds: 600,
      events: [
        { at: now - 60_000, kind: 'seen', status: 'AVAILABLE' },
        { at: now - 30_000, kind: 'status', status: 'UNAVAILABLE', detail: statusInfo },
      ],
    });
    await host.deliver({
      type: 'notification',
      method: 'didChangeSessions',
      params: [ended('aaaaaaaa-1', 'NETWORK_TERMINATED'), ended('bbbbbbbb-2', 'DELETE_REQUESTED')],
    });
    const network = page.locator('#timeline g[data-id="aaaaaaaa-1"]');
    await network.waitFor();
    assert.match((await network.locator('.session-label').textContent()) ?? '', /ended by the network \(NETWORK_TERMINATED\)/);
    assert.match((await network.locator('.marker.network-ended title').textContent()) ?? '', /the network ended the session/);
    assert.equal(await page.locator('#timeline g[data-id="bbbbbbbb-2"] .marker.network-ended').count(), 0, 'a deletion is no network end');
  });
});

describe('playground advisor against two real operators through their Telco Finder (the README screenshot)', function () {
  this.timeout(60_000);
  let env: Awaited<ReturnType<typeof startPlayground>>;
  let network: OperatorNetwork;
  let runtime: Runtime;

  before(async function () {
    if (!canRun()) {
      console.log(`      skipped: needs ${CHROMIUM} and a build (npm test provisions and builds both)`);
      this.skip();
    }
    env = await startPlayground(DARK_THEME);
    network = await startOperatorNetwork({});
    // The host's side, as the controller runs it on the aggregator environment: each operator signs in by itself.
    runtime = createRuntime(sandboxAggregatorEnvironment(network.finderUrl, 'v1'), {
      secrets: new MemorySecretStore(),
      credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
    });
  });
  after(async () => {
    await runtime?.router?.close();
    await runtime?.transport.close();
    await network?.close();
    await env?.close();
  });

  it('asks both operators, shows each one’s recommendation or what would fit, and Use this profile puts it on the request', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const host = fakeHost(page);
      await page.goto(env.base);
      await host.ready();
      await host.state({
        ...STATE,
        environments: [{ id: 'sandbox-operators', label: 'Sandbox operators (aggregator)' }],
        environmentId: 'sandbox-operators',
      });
      await host.reply('validate', []);
      await page.locator('#advisor-needs input').fill('latency<=50ms up>=2Mbps');
      await page.locator('#advise').click();
      // The page's request, answered as the controller answers it: the core's advisor over every operator.
      const asked = await page.waitForFunction(() => (globalThis as any).__sent.find((m: any) => m.method === 'advise'), undefined, {
        timeout: 10_000,
      });
      const params = (await asked.jsonValue()).params as { needs: string; device?: string };
      const advice = await adviseView(runtime, params.needs, params.device);
      assert.deepEqual(
        advice.operators.map((o) => o.operatorName.replace(/ \(via .*$/, '')),
        network.operators.map((o) => o.name),
        'a row per operator the Telco Finder lists',
      );
      assert.ok(
        advice.operators.every((o) => o.verdict !== 'error'),
        JSON.stringify(advice.operators.map((o) => o.error)),
      );
      await host.reply('advise', advice);
      await page
        .locator('tr[data-operator]')
        .nth(network.operators.length - 1)
        .waitFor();
      const fitting = advice.operators.find((o) => o.recommended);
      const none = advice.operators.find((o) => o.verdict === 'nothing-fits');
      assert.ok(fitting?.recommended && none, 'for these needs one operator has a profile and one has none');
      const noneRow = page.locator(`tr[data-operator="${none.operatorId}"]`);
      assert.match(await noneRow.innerText(), /No profile fits[\s\S]*If the needs were relaxed:/);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.locator('section.advisor').screenshot({ path: join(ARTIFACTS, 'advisor.png') });
      // `QOD_UPDATE_SCREENSHOTS=1` refreshes the README's copy from this run.
      if (process.env.QOD_UPDATE_SCREENSHOTS)
        copyFileSync(join(ARTIFACTS, 'advisor.png'), join(__dirname, '..', '..', 'media', 'screenshots', 'advisor.png'));
      await page.locator(`tr[data-operator="${fitting.operatorId}"] .use-profile`).click();
      const body = JSON.parse(await page.locator('#json').evaluate((el: any) => el.value));
      assert.equal(body.qosProfile, fitting.recommended);
    } finally {
      await page.close();
    }
  });
});
