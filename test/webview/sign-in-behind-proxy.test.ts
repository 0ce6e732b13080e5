// The sandbox's sign-in page in a real browser, reached the way VS Code in the browser reaches it: through a
// port proxy that serves the sandbox under `/proxy/<port>/` and strips that prefix (code-server does this).
// Every redirect, form and cookie must stay under the prefix, or the flow dead-ends half way.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { withSandbox } from '../support/sandbox';

const CHROMIUM = '/usr/bin/chromium';

/** Serves `target` under `/proxy/<port>/`, stripping the prefix, as code-server's port proxy does. */
async function startPrefixProxy(target: URL): Promise<{ url: string; server: Server }> {
  const prefix = `/proxy/${target.port}`;
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not under the proxy prefix');
      return;
    }
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url.slice(prefix.length),
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`, server };
}

describe('sandbox sign-in page behind a path-prefixing port proxy (headless Chromium)', function () {
  const { sb } = withSandbox();
  let proxy: { url: string; server: Server };
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: needs ${CHROMIUM} (apt-get install -y chromium)`);
      this.skip();
    }
    proxy = await startPrefixProxy(new URL(sb.url));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    proxy?.server.close();
  });

  it('approving on the page comes back to the redirect URI with a code and the state, never leaving the prefix', async () => {
    const redirectUri = 'http://127.0.0.1:53682/callback';
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'qod-demo',
      redirect_uri: redirectUri,
      scope: 'openid dpv:RequestedServiceProvision#qod',
      state: 'state-proxy',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const page = await browser.newPage();
    const visited: string[] = [];
    page.on('request', (r) => visited.push(r.url()));
    // The redirect URI has nobody listening: catch the navigation to it instead of loading it.
    let callback: URL | undefined;
    await page.route(`${redirectUri}**`, async (route) => {
      callback = new URL(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/plain', body: 'received' });
    });
    await page.goto(`${proxy.url}/authorize?${query}`);
    await page.locator('#device').fill('+34666666662');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${redirectUri}**`, { timeout: 10_000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}\n${visited.join('\n')}\n${await page.content()}`);
    });
    assert.ok(callback, 'the browser came back to the redirect URI');
    assert.equal(callback.searchParams.get('state'), 'state-proxy');
    assert.match(callback.searchParams.get('code') ?? '', /.{20,}/);
    const strays = visited.filter((u) => !u.startsWith(proxy.url) && !u.startsWith(redirectUri));
    assert.deepEqual(strays, [], 'every page of the flow stayed under the proxy prefix');
    await page.close();
  });
});
