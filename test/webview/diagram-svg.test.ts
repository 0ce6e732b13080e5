// The sequence diagram and the session timeline in headless Chromium (Debian's), in a half-width pane with a
// dark theme's VS Code colours, as they were found wanting: the saved SVG is opened on its own (no playground
// CSS) and must be painted and fit its picture; durations and gaps read differently; the playground's own calls
// are marked; explanations are whole and nothing is cut; the timeline has an axis and a deleted session ends at
// its deletion. Leaves a screenshot in .cache/artifacts/diagram-timeline.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { canRun, CHROMIUM, startPlayground } from '../support/playground-page';
import { STEP_EXPLANATIONS } from '../../src/core/explain/flow-explanations';

const ARTIFACTS = join(__dirname, '..', '..', '.cache', 'artifacts');

/** A dark theme's variables, as VS Code sets them on the webview's page. */
const DARK_THEME = `<style>
  :root { --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1e1e1e;
    --vscode-focusBorder: #007fd4; --vscode-font-family: sans-serif; --vscode-gitDecoration-addedResourceForeground: #81b88b; }
  body { background-color: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
</style>`;

const STATE = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [{ name: 'QOS_E', status: 'ACTIVE', minSeconds: 1, maxSeconds: 86400 }],
  scopePresets: {},
  defaultLoginHint: 'tel:+34666666661',
};

describe('sequence diagram and timeline, as pictures (headless Chromium, half-width pane, dark theme)', function () {
  let close: (() => Promise<void>) | undefined;
  let browser: Browser;
  let page: Page;
  let base = '';

  before(async function () {
    if (!canRun()) {
      console.log(`      skipped: needs ${CHROMIUM} and a build (npm test provisions and builds both)`);
      this.skip();
    }
    const started = await startPlayground(DARK_THEME);
    ({ base, browser, close } = started);
  });
  after(async () => close?.());

  beforeEach(async () => {
    // Half of a 1920 px screen: the playground beside an editor.
    page = await browser.newPage({ viewport: { width: 960, height: 1400 } });
    await page.goto(base);
    await page.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'ready'));
    await deliver({ type: 'notification', method: 'didChangeState', params: STATE });
  });
  afterEach(() => page.close());

  const deliver = (m: unknown) => page.evaluate((msg) => (globalThis as any).__deliver(msg), m);

  /** A CIBA sign-in, a create (2 ms), the playground's own profile read, a get 822 ms later, and a notification. */
  async function run(): Promise<void> {
    const x = (id: number, kind: string, url: string, status: number, extra: Record<string, unknown> = {}) =>
      deliver({
        type: 'notification',
        method: 'didRecordExchange',
        params: { id, kind, method: 'POST', url: `http://127.0.0.1:1${url}`, status, totalMs: 2, requestHeaders: {}, ...extra },
      });
    await x(1, 'bc-authorize', '/bc-authorize', 200, { responseBody: '{"expires_in":120,"interval":2}' });
    await x(2, 'ciba-poll', '/token', 400, { responseBody: '{"error":"authorization_pending"}' });
    await x(3, 'ciba-poll', '/token', 200);
    await x(4, 'api', '/quality-on-demand/v1/sessions', 201);
    await x(5, 'api', '/qos-profiles/v1/retrieve-qos-profiles', 200, { own: 'reads the QoS profiles for the form' });
    await page.waitForTimeout(0);
    await x(6, 'api', '/quality-on-demand/v1/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6', 200, { method: 'GET' });
    await deliver({
      type: 'notification',
      method: 'didReceiveNotification',
      params: { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', status: 'AVAILABLE' },
    });
    await page.locator('#diagram g.arrow[data-kind="notification"]').waitFor();
  }

  /** Every text and line of the diagram that is not inside the canvas's visible box (by its rendered box). */
  const outside = () =>
    page.evaluate(() => {
      const doc = (globalThis as any).document;
      const box = doc.querySelector('.diagram-canvas').getBoundingClientRect();
      return [...doc.querySelectorAll('#diagram text, #diagram line')].flatMap((el: any) => {
        const r = el.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5
          ? [
              `${el.getAttribute('class')}: ${el.textContent} [${Math.round(r.left - box.left)}, ${Math.round(r.right - box.left)}] of ${Math.round(box.width)}`,
            ]
          : [];
      });
    });

  it("saves an SVG that stands alone: painted without the page's CSS, on the theme's background, nothing outside its viewBox", async () => {
    await run();
    await page.locator('#save-svg').click();
    const saved: string = await page
      .waitForFunction(() => (globalThis as any).__sent.find((m: any) => m.method === 'saveSvg')?.params.svg)
      .then((h) => h.jsonValue());
    assert.match(saved, /^<svg/);
    // A fresh page with no stylesheet at all, as a browser or an image viewer opens the file.
    const bare = await browser.newPage();
    try {
      await bare.setContent('<!doctype html><html><body style="margin:0"></body></html>');
      // The test runner names inner functions with a helper the bare page lacks.
      await bare.evaluate('globalThis.__name = (f) => f');
      const report = await bare.evaluate(async (text) => {
        const doc = (globalThis as any).document;
        const root = new (globalThis as any).DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
        doc.body.append(doc.adoptNode(root));
        const [, , vw, vh] = root.getAttribute('viewBox').split(/\s+/).map(Number);
        const unpainted = [...root.querySelectorAll('line')].flatMap((l: any) => {
          const cs = (globalThis as any).getComputedStyle(l);
          return cs.stroke === 'none' || /rgba\(.*, 0\)|transparent/.test(cs.stroke) || parseFloat(cs.strokeWidth) === 0
            ? [`${l.getAttribute('class')}: stroke ${cs.stroke}`]
            : [];
        });
        const out = [...root.querySelectorAll('text, line')].flatMap((el: any) => {
          const b = el.getBBox();
          return b.x < -0.5 || b.y < -0.5 || b.x + b.width > vw + 0.5 || b.y + b.height > vh + 0.5
            ? [`${el.textContent || el.getAttribute('class')}: x ${Math.round(b.x)}..${Math.round(b.x + b.width)} of ${vw}`]
            : [];
        });
        // The file as an image (no DOM, no CSS at all), drawn to a canvas: are the arrows and lifelines there?
        const img = new (globalThis as any).Image();
        img.src = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(text)))}`;
        await img.decode();
        const canvas = doc.createElement('canvas');
        canvas.width = vw;
        canvas.height = vh;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const pixel = (x: number, y: number) => [...ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data];
        const background = pixel(vw - 1, vh - 1);
        const differs = (x: number, y: number) => {
          const p = pixel(x, y);
          return p.some((c, i) => Math.abs(c - (background[i] as number)) > 60);
        };
        const painted = (l: any) => {
          const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(l.getAttribute(a)));
          // Along the middle third of the line (a dashed one is painted in part of it), a pixel either side.
          for (let t = 1 / 3; t <= 2 / 3; t += 0.01)
            for (const d of [-1, 0, 1])
              if (differs(x1 + (x2 - x1) * t + (x1 === x2 ? d : 0), y1 + (y2 - y1) * t + (y1 === y2 ? d : 0))) return true;
          return false;
        };
        const arrows = [...root.querySelectorAll('line.arrow-line')];
        const lifelines = [...root.querySelectorAll('line.lifeline')];
        return {
          unpainted,
          out,
          background,
          arrows: arrows.length,
          lifelines: lifelines.length,
          blankArrows: arrows.filter((l) => !painted(l)).length,
          blankLifelines: lifelines.filter((l) => !painted(l)).length,
        };
      }, saved);
      assert.deepEqual(report.unpainted, [], 'every line has a stroke of its own');
      assert.deepEqual(report.out, [], 'nothing outside the viewBox');
      assert.deepEqual(report.background.slice(0, 3), [0x1e, 0x1e, 0x1e], "the theme's background, so its light lines read");
      assert.ok(report.arrows >= 6 && report.lifelines === 5, JSON.stringify(report));
      assert.equal(report.blankArrows, 0, 'every arrow is painted in the image');
      assert.equal(report.blankLifelines, 0, 'every lifeline is painted in the image');
    } finally {
      await bare.close();
    }
  });

  it("says how long each exchange took apart from the pause before it, and marks the playground's own calls (shown only when asked)", async () => {
    await run();
    const timings = () =>
      page.locator('#diagram g.arrow').evaluateAll((gs) =>
        gs.map((g) => ({
          kind: g.getAttribute('data-kind'),
          own: g.classList.contains('own'),
          label: g.querySelector('.arrow-label')?.textContent ?? '',
          timing: [...g.querySelectorAll('.arrow-timing')].map((t) => t.textContent).join(' '),
        })),
      );
    const mine = await timings();
    assert.ok(
      mine.every((a) => !/\+\d/.test(a.label) && !/\+\d/.test(a.timing)),
      'no "+822 ms": it read like latency',
    );
    assert.ok(
      mine.every((a) => !a.label.includes('retrieve-qos-profiles')),
      "the own profile read is not drawn as the app's by default",
    );
    const create = mine.find((a) => a.label.startsWith('POST /quality-on-demand/v1/sessions →'));
    assert.match(create?.timing ?? '', /^took 2 ms · \d+ ms later$/);
    await page.locator('#diagram-own').click();
    const all = await timings();
    const own = all.filter((a) => a.own);
    assert.equal(own.length, 1);
    assert.match(own[0]?.timing ?? '', /^the playground's own call: reads the QoS profiles for the form · took 2 ms · \d+ ms later$/);
    assert.equal(all.length, mine.length + 1);
  });

  it('in a half-width pane every lane fits, explanations are whole and wrapped, nothing is cut on the left; Full width widens it', async () => {
    await run();
    await page.locator('#diagram-explain').click();
    const canvas = page.locator('.diagram-canvas');
    assert.ok(
      await canvas.evaluate((el) => el.scrollWidth <= el.clientWidth),
      'no lane (the notification sink included) is scrolled out of view',
    );
    assert.deepEqual(await page.locator('#diagram .lane').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-lane'))), [
      'app',
      'auth',
      'device',
      'api',
      'sink',
    ]);
    assert.deepEqual(await outside(), []);
    const notes = await page.locator('#diagram g.arrow').evaluateAll((gs) =>
      gs.map((g) => ({
        kind: g.getAttribute('data-kind') as string,
        text: [...g.querySelectorAll('.arrow-note')].map((t) => t.textContent).join(' '),
      })),
    );
    for (const n of notes)
      assert.equal(n.text, STEP_EXPLANATIONS[n.kind as keyof typeof STEP_EXPLANATIONS], `the whole explanation of ${n.kind}`);
    const titles = await page
      .locator('#diagram .lane')
      .evaluateAll((ls) => ls.map((l) => [...l.querySelectorAll('.lane-title')].map((t) => t.textContent).join(' ')));
    assert.deepEqual(
      titles,
      ['Your app', 'Operator auth server', 'Device / end user', 'QoD API', 'Notification sink'],
      'lane titles whole',
    );
    const narrow = Number(await page.locator('#diagram').getAttribute('width'));
    await page.locator('#diagram-full-width').click();
    await page.waitForFunction(
      (w) => Number((globalThis as any).document.querySelector('#diagram').getAttribute('width')) > w + 100,
      narrow,
    );
    assert.deepEqual(await outside(), []);
  });

  it('the timeline has a clock-time axis, labels apart from the bars, and a deleted session ending at its deletion', async () => {
    const now = Date.now();
    await deliver({
      type: 'notification',
      method: 'didChangeSessions',
      params: [
        {
          id: '11111111-2222-4333-8444-555555555555',
          status: 'AVAILABLE',
          qosProfile: 'QOS_E',
          durationSeconds: 600,
          expiresAt: new Date(now + 540_000).toISOString(),
          events: [
            { at: now - 60_000, kind: 'seen', status: 'REQUESTED' },
            { at: now - 58_000, kind: 'status', status: 'AVAILABLE' },
          ],
        },
        {
          id: '66666666-7777-4888-8999-000000000000',
          status: 'UNAVAILABLE',
          statusInfo: 'DELETE_REQUESTED',
          qosProfile: 'QOS_L',
          durationSeconds: 600,
          expiresAt: new Date(now + 570_000).toISOString(),
          events: [
            { at: now - 30_000, kind: 'seen', status: 'AVAILABLE' },
            { at: now - 10_000, kind: 'status', status: 'UNAVAILABLE', detail: 'DELETE_REQUESTED' },
          ],
        },
      ],
    });
    const ticks = await page.locator('#timeline .tick-label').allTextContents();
    assert.ok(ticks.length >= 2, `ticks: ${JSON.stringify(ticks)}`);
    for (const t of ticks) assert.match(t, /^\d\d:\d\d(:\d\d)?$/);
    const geometry = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const svgBox = doc.querySelector('#timeline').getBoundingClientRect();
      const rows = [...doc.querySelectorAll('#timeline g.session')].map((g: any) => ({
        label: g.querySelector('.session-label').getBoundingClientRect(),
        bar: g.querySelector('.bar').getBoundingClientRect(),
      }));
      return {
        svgBox,
        rows: rows.map((r) => ({
          labelLeft: r.label.left - svgBox.left,
          labelRight: r.label.right - svgBox.left,
          labelBottom: r.label.bottom,
          barTop: r.bar.top,
          barRight: r.bar.right - svgBox.left,
        })),
        now: doc.querySelector('#timeline .now-line').getBoundingClientRect().left - svgBox.left,
      };
    });
    for (const r of geometry.rows) {
      assert.ok(r.labelLeft >= 0 && r.labelRight <= geometry.svgBox.width, 'the label is inside the picture');
      assert.ok(r.labelBottom <= r.barTop + 0.5, 'the label sits above its bar, not under it');
    }
    const [live, deleted] = geometry.rows;
    assert.ok(live && deleted);
    assert.ok(
      deleted.barRight < geometry.now - 2,
      `the deleted session's bar ends at its deletion, before now (${deleted.barRight} vs now ${geometry.now})`,
    );
    assert.ok(live.barRight > geometry.now + 100, 'the live one runs on to its expiry');
    // The picture for the README and the coordinator: explanations on, full width, beside the timeline's axis.
    await run();
    await page.locator('#diagram-explain').click();
    await page.locator('#diagram-full-width').click();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('.columns.wide').screenshot({ path: join(ARTIFACTS, 'diagram-timeline.png') });
  });
});
