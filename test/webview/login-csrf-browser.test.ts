// Login CSRF in a real browser, the way it was found: a page served from another 127.0.0.1 port (another
// origin, the same site) gets the sandbox's `path=/` cookies, so it knows the victim's pending sign-in, and
// posts an approval for it as the attacker's device. It must not complete; the victim's own page still must.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Response as PageResponse } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';

const CHROMIUM = '/usr/bin/chromium';
const ATTACKER_DEVICE = '+34666666663';

/** The victim's app's loopback receiver: records every request that reaches its redirect URI. */
async function startReceiver(): Promise<{ redirectUri: string; server: Server; callbacks: URL[] }> {
  const callbacks: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/victim-callback') callbacks.push(url); // not the browser's /favicon.ico
    res.writeHead(200, { 'content-type': 'text/plain' }).end('received');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { redirectUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/victim-callback`, server, callbacks };
}

/** The hostile app on another loopback port: it reads the interaction uid from the cookies the browser sends it. */
async function startAttacker(sandboxUrl: string): Promise<{ url: string; server: Server; sawUid: () => string | undefined }> {
  let uid: string | undefined;
  const server = createServer((req, res) => {
    uid = /(?:^|;\s*)_interaction=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const action = `${sandboxUrl}/interaction/${encodeURIComponent(uid ?? 'unknown')}`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>win a prize</title>
<form method="post" action="${action}"><input name="device" value="${ATTACKER_DEVICE}"><input name="decision" value="approve">
<input name="csrf" value=""></form><script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, sawUid: () => uid };
}

describe('sandbox sign-in page against a page on another loopback port (headless Chromium)', function () {
  let sb: Sandbox;
  let attacker: Awaited<ReturnType<typeof startAttacker>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: needs ${CHROMIUM} (apt-get install -y chromium)`);
      this.skip();
    }
    sb = await startSandbox({ rateLimit: false });
    attacker = await startAttacker(sb.url);
    receiver = await startReceiver();
    const args = ['--no-sandbox', '--disable-gpu', '--no-first-run'];
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  });
  after(async () => {
    await browser?.close();
    attacker?.server.close();
    receiver?.server.close();
    await sb?.close();
  });

  it("cannot approve the victim's pending sign-in as the attacker's device; the victim still can", async () => {
    const context = await browser.newContext();
    const { redirectUri, callbacks } = receiver;
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code', client_id: 'qod-demo', redirect_uri: redirectUri, scope: 'openid dpv:RequestedServiceProvision#qod',
      state: 'victim-state', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    });
    const victim = await context.newPage();
    await victim.goto(`${sb.url}/authorize?${query}`, { timeout: 10_000 });
    await victim.locator('#device').waitFor({ timeout: 10_000 });

    // The victim opens a link to the hostile app in another tab; its page posts the approval straight away.
    const lure = await context.newPage();
    const isPost = (r: PageResponse) => r.url().startsWith(`${sb.url}/interaction/`) && r.request().method() === 'POST';
    const posted = lure.waitForResponse(isPost, { timeout: 10_000 });
    await lure.goto(attacker.url, { timeout: 10_000 });
    const answer = await posted;
    // Wherever the post leads (a refusal, or on through the redirects to the victim's redirect URI), let it land.
    await lure.waitForURL((url) => !url.href.startsWith(attacker.url), { waitUntil: 'load', timeout: 10_000 });
    assert.ok(attacker.sawUid(), 'the hostile page did receive the interaction cookie (same site, other port)');
    assert.deepEqual(callbacks.map((u) => u.search), [], "the hostile page completed the victim's sign-in");
    assert.equal(answer.status(), 403, 'the forged approval is refused');

    await victim.locator('#device').fill('+34666666662');
    await victim.getByRole('button', { name: 'Approve' }).click();
    await victim.waitForURL(`${redirectUri}**`, { timeout: 10_000 });
    assert.equal(callbacks.length, 1);
    assert.equal(callbacks[0]?.searchParams.get('state'), 'victim-state');
    const token = await fetch(`${sb.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa('qod-demo:qod-demo-secret')}` },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: callbacks[0]?.searchParams.get('code') ?? '', redirect_uri: redirectUri, code_verifier: verifier,
      }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await token.json()) as { access_token?: string };
    assert.equal(token.status, 200, JSON.stringify(body));
    const claims = JSON.parse(Buffer.from(String(body.access_token).split('.')[1] ?? '', 'base64url').toString()) as { sub?: string };
    assert.equal(claims.sub, 'tel:+34666666662', "the token is for the victim's device, not the attacker's");
    await context.close();
  });
});
