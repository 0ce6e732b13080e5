// The advisor and the device's network script in the real playground: the controller's `setNetworkScript` and
// `clearNetworkScript` reach the local sandbox and show its answer, and `advise` on the sandbox's aggregator asks
// both operators its Telco Finder lists, whose recommendation "Use this profile" puts on the request.
import type { UiTest } from './command-palette';
import { openPlaygroundReady, selectIn } from './command-palette';

export const advisorUiTests: UiTest[] = [
  {
    name: "playground: a network script applied and cleared on the sandbox; the advisor over the aggregator's two operators, and Use this profile",
    async run(page) {
      const app = await openPlaygroundReady(page);
      await selectIn(app, 'network-script-kind', 'network-ends');
      await app.locator('#network-script-seconds input').fill('30');
      await app.locator('#network-script-apply').click();
      await app
        .locator('#network-script-help', { hasText: '30 s after the create the network ends the session' })
        .waitFor({ timeout: 30_000 });
      await app.locator('#network-script-clear').click();
      await app.locator('#network-script-help', { hasText: 'No script' }).waitFor({ timeout: 30_000 });

      await selectIn(app, 'environment', 'sandbox-operators');
      await app.locator('#advisor-needs input').fill('latency<=50ms up>=2Mbps');
      // The environment changes in the host as the page asks: advise until the answer is the aggregator's (bounded).
      const rows = app.locator('tr[data-operator^="sandbox-operators@"]');
      for (let attempt = 0; attempt < 10 && (await rows.count()) < 2; attempt++) {
        await app.locator('#advise').click();
        await app.locator('#advise:not([disabled])').waitFor({ timeout: 60_000 });
        await page.waitForTimeout(500);
      }
      if ((await rows.count()) !== 2) throw new Error(`expected a row per operator, got ${await rows.count()}`);
      const fitting = app.locator('tr[data-operator^="sandbox-operators@"]:has(.use-profile)').first();
      const profile = (await fitting.locator('code').textContent())?.trim() ?? '';
      if (!profile) throw new Error('no operator recommends a profile for these needs');
      await fitting.locator('.use-profile').click();
      const body = JSON.parse(await app.locator('#json').evaluate((el) => (el as unknown as { value: string }).value)) as {
        qosProfile?: string;
      };
      if (body.qosProfile !== profile) throw new Error(`the request's profile is ${body.qosProfile}, not ${profile}`);
    },
  },
];
