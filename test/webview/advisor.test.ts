// The playground's advisor and the device's network script in headless Chromium with a fake host: the needs go to
// the host as typed, the answer is a table per operator with its reasons, "Use this profile" puts the profile on
// the request (form and JSON, nothing else lost), a rule broken shows under the needs; the network script's
// Apply and Clear ask the host for the form's device and show what the sandbox answered.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { AdviceView } from '../../src/shared/protocol';
import { canRun, CHROMIUM, fakeHost, startPlayground } from '../support/playground-page';

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
  const advise = async (needs: string) => {
    await page.locator('#advisor-needs input').fill(needs);
    await page.locator('#advise').click();
  };

  it('sends the needs as typed with the request’s device, and shows a row per operator with its reasons', async () => {
    await advise('latency<=50ms up>=2Mbps');
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
    await host.reply('advise', { operators: [], problem: { path: 'latency', message: 'a number of milliseconds, like latency<=50ms' } });
    await page.locator('#advisor-needs-help.error', { hasText: 'latency: a number of milliseconds' }).waitFor();
    assert.equal(await page.locator('#advisor-needs').evaluate((el: any) => el.value), 'latency<=fast');
    assert.equal(await page.locator('tr[data-operator]').count(), 2, 'the last answer stays');
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
