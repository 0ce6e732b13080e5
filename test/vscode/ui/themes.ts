// The playground in VS Code's own light, dark and high-contrast themes: every kind of text on the page must
// keep WCAG AA contrast (4.5:1) against what it is drawn on. The colours come only from the theme's CSS
// variables, so this checks that the page uses the right variable for each surface.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, choose, playground, runCommand, type UiTest, workbenchReady } from './command-palette';

// The defaults of this VS Code (Light/Dark 2026) and the two high-contrast themes.
const THEMES = [
  { name: 'Light 2026', bodyClass: 'vscode-light' },
  { name: 'Dark 2026', bodyClass: 'vscode-dark' },
  { name: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
  { name: 'Light High Contrast', bodyClass: 'vscode-high-contrast-light' },
];

/** Text on the page, and text inside the vscode-elements controls (in their shadow roots). */
const TEXT = [
  'h1',
  'h2',
  'label',
  '.help',
  '.muted',
  '#flavour',
  'vscode-button',
  '#trace li',
  '#history li',
  '#response-body',
  '#response-body .json-key',
  '#response-body .json-string',
  '#response-body .json-number',
  '#status',
];
const CONTROLS = ['#login-hint', '#application-server', '#duration', '#json'];

interface Reading {
  what: string;
  ratio: number;
}

/** WCAG contrast of each visible text against its nearest opaque background, computed in the page. */
async function readContrast(page: Page): Promise<Reading[]> {
  // Runs in the page: the test's tsconfig has no DOM types, so the page's objects are typed loosely here.
  // tsx keeps function names with a `__name` helper that the page lacks: give the page a do-nothing one.
  await playground(page)
    .locator('body')
    .evaluate(() => {
      (globalThis as any).__name ??= (f: unknown) => f;
    });
  return playground(page)
    .locator('body')
    .evaluate(
      (body: any, { text, controls }) => {
        const style = (el: any) => (globalThis as any).getComputedStyle(el);
        const rgba = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r, g, b]: number[]) => {
          const channel = (c: number) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
        };
        /** The first ancestor (crossing shadow roots) with a background that is not transparent. */
        const background = (el: any): number[] => {
          for (let node = el; node; node = node.parentElement ?? node.getRootNode().host ?? null) {
            const color = rgba(style(node).backgroundColor);
            if (color.length >= 3 && (color[3] === undefined || color[3] > 0.5)) return color;
          }
          return [255, 255, 255];
        };
        /** The contrast of a colour property of `el` (text `color`, SVG `fill` or `stroke`) against its background. */
        const ratio = (el: any, property: 'color' | 'fill' | 'stroke' = 'color') => {
          const a = luminance(rgba(style(el)[property]));
          const b = luminance(background(el));
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        };
        const readings: Reading[] = [];
        for (const selector of text) {
          for (const el of Array.from(body.querySelectorAll(selector) as any[]).filter((e) => e.offsetParent && e.textContent?.trim())) {
            readings.push({ what: `${selector} "${String(el.textContent).trim().slice(0, 30)}"`, ratio: ratio(el) });
          }
        }
        // The sequence diagram and the timeline: SVG text by its fill (≥ 4.5:1), lines and bars (≥ 3:1, WCAG 1.4.11).
        for (const [selector, property, kind] of [
          ['#diagram .arrow-label', 'fill', 'text'],
          ['#diagram .lane-title', 'fill', 'text'],
          ['#diagram .arrow-line', 'stroke', 'graphic'],
          ['#timeline .session-label', 'fill', 'text'],
          ['#timeline .bar', 'fill', 'graphic'],
        ] as const) {
          for (const el of Array.from(body.querySelectorAll(selector) as any[]).filter((e) => e.getBoundingClientRect().width > 0)) {
            const measured = ratio(el, property);
            // Graphics need 3:1: scaled so that the one 4.5 threshold applies to every reading.
            readings.push({ what: `${selector} (${kind})`, ratio: kind === 'graphic' ? measured * 1.5 : measured });
          }
        }
        for (const selector of controls) {
          const inner = body.querySelector(selector)?.shadowRoot?.querySelector('input, textarea');
          if (inner) readings.push({ what: `${selector} (its text)`, ratio: ratio(inner) });
        }
        return readings;
      },
      { text: TEXT, controls: CONTROLS },
    );
}

export const themeTest: UiTest = {
  name: 'playground: readable in light, dark and high-contrast themes (text ≥ 4.5:1, diagram and timeline graphics ≥ 3:1)',
  async run(page: Page): Promise<void> {
    await workbenchReady(page);
    await runCommand(page, 'QoD: Open Playground');
    const app = playground(page);
    await app.locator('#environment vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
    // A session, so that the answer, the diagram's API arrow and a timeline bar are there to be measured.
    await app.locator('#qos-profile vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
    await app.locator('#send:not([disabled])').waitFor({ timeout: 20_000 });
    await app.locator('#send').click();
    await app.locator('#status', { hasText: '201' }).waitFor({ timeout: 20_000 });
    await app.locator('#timeline .bar').first().waitFor({ timeout: 20_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    const failures: string[] = [];
    for (const theme of THEMES) {
      await runCommand(page, 'Preferences: Color Theme');
      await choose(page, theme.name, 'Browse Additional Color Themes');
      await app.locator(`body.${theme.bodyClass}`).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(300);
      const readings = await readContrast(page);
      if (readings.length < 10) failures.push(`${theme.name}: only ${readings.length} texts found to measure`);
      for (const r of readings) if (r.ratio < 4.5) failures.push(`${theme.name}: ${r.what} has contrast ${r.ratio.toFixed(2)}:1`);
      const lowest = readings.reduce((a, b) => (b.ratio < a.ratio ? b : a), readings[0] ?? { what: 'nothing', ratio: 0 });
      console.log(`      ${theme.name}: ${readings.length} texts measured, lowest contrast ${lowest.ratio.toFixed(1)}:1 (${lowest.what})`);
      await page.screenshot({ path: join(ARTIFACTS, `playground-${theme.bodyClass}.png`) });
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
  },
};
