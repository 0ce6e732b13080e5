// The playground app in headless Chromium (Debian's) with a fake host, for webview suites: a page with a fake
// `acquireVsCodeApi` that records what the app sends and keeps its saved state across a reload, as VS Code does.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DIST = join(__dirname, '..', '..', 'dist', 'webview');
export const CHROMIUM = '/usr/bin/chromium';

const page = (head: string) => `<!doctype html><html><head><link rel="stylesheet" href="/playground.css">${head}</head><body>
<main id="app"></main>
<script>
  window.__sent = []; window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__sent.push(m),
    getState: () => JSON.parse(sessionStorage.getItem('qod-state') ?? 'null') ?? undefined,
    setState: (s) => { window.__state = s; sessionStorage.setItem('qod-state', JSON.stringify(s)); },
  });
  window.__deliver = (m) => window.dispatchEvent(new MessageEvent('message', { data: m }));
</script>
<script type="module" src="/playground.js"></script></body></html>`;

/** Whether the suite can run here: Chromium and a build of the webview. */
export const canRun = (): boolean => existsSync(CHROMIUM) && existsSync(join(DIST, 'playground.js'));

/** Serves the built app and starts Chromium; `close` stops both. `head` goes into the page's head (a theme's variables). */
export async function startPlayground(head = ''): Promise<{ base: string; browser: Browser; close(): Promise<void> }> {
  const PAGE = page(head);
  const server: Server = createServer((req, res) => {
    const file = req.url === '/' ? undefined : join(DIST, (req.url ?? '').replace(/^\//, ''));
    if (!file) return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    base,
    browser,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/** The fake host's side of one page: deliver a message, read what was sent, answer a request. */
export function fakeHost(page: Page) {
  const deliver = (m: unknown) => page.evaluate((msg) => (globalThis as any).__deliver(msg), m);
  return {
    deliver,
    state: (params: unknown) => deliver({ type: 'notification', method: 'didChangeState', params }),
    sent: () => page.evaluate(() => (globalThis as any).__sent as any[]),
    /** Waits (bounded by Playwright's timeout) until the page said `ready`: after a load or a reload. */
    ready: () =>
      page.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'ready'), undefined, { timeout: 10_000 }),
    /** Answers the latest unanswered request of `method` with `result`; answers the request. */
    reply: (method: string, result: unknown): Promise<any> => answer(method, { result }),
    /** Answers the latest unanswered request of `method` with an error, as the host does when its handler throws. */
    replyError: (method: string, error: { code: string; message: string }): Promise<any> => answer(method, { error }),
  };

  async function answer(method: string, outcome: { result: unknown } | { error: unknown }): Promise<any> {
    const request = await page.waitForFunction(
      (m) => [...(globalThis as any).__sent].reverse().find((x: any) => x.type === 'request' && x.method === m && !x.answered),
      method,
      { timeout: 10_000 },
    );
    const message = await request.jsonValue();
    await page.evaluate((id) => {
      for (const x of (globalThis as any).__sent) if (x.id === id) x.answered = true;
    }, message.id);
    await deliver({ type: 'reply', id: message.id, method, ...outcome });
    return message;
  }
}
