// Login CSRF in a real browser, the way it was found: a server on another 127.0.0.1 port (another origin, the
// same site) gets the sandbox's `path=/` cookies from the victim's browser, so it knows the victim's pending
// sign-in, and replays them from the server side: it opens the sign-in page with them, takes the form's token and
// posts an approval as the attacker's device, then sends the browser on to finish the flow. It must get no page and
// no token, and nothing must complete; the victim's own page still must.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { SignInJar } from '../support/sign-in-jar';
import { withSandbox } from '../support/sandbox';

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

/** What the hostile server got when it replayed the victim's cookies to the sandbox. */
interface Replay {
  uid?: string;
  pageStatus?: number;
  csrf?: string;
  postStatus?: number;
}

/** The hostile app on another loopback port: it replays the cookies the browser sends it, server-side. */
async function startAttacker(sandboxUrl: string): Promise<{ url: string; server: Server; replay: Replay }> {
  const replay: Replay = {};
  const server = createServer((req, res) => {
    void (async () => {
      const jar = new SignInJar(sandboxUrl).adoptCookies(req.headers.cookie);
      replay.uid = jar.cookie('_interaction');
      const ref = { uid: encodeURIComponent(replay.uid ?? 'unknown') };
      const page = await jar.open(ref);
      replay.pageStatus = page.status;
      replay.csrf = page.csrf;
      const answer = await jar.decide(ref, { device: ATTACKER_DEVICE, csrf: page.csrf });
      replay.postStatus = answer.status;
      // Had the approval been taken, the browser (with its resume cookie) would finish the victim's flow from here.
      if (answer.location) res.writeHead(303, { location: new URL(answer.location, jar.pageUrl(ref)).href }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('no luck');
    })().catch((error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, replay };
}

describe('sandbox sign-in page against a server on another loopback port replaying its cookies (headless Chromium)', function () {
  const { sb } = withSandbox();
  let attacker: Awaited<ReturnType<typeof startAttacker>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      skipped: needs ${CHROMIUM} (apt-get install -y chromium)`);
      this.skip();
    }
    attacker = await startAttacker(sb.url);
    receiver = await startReceiver();
    const args = ['--no-sandbox', '--disable-gpu', '--no-first-run'];
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  });
  after(async () => {
    await browser?.close();
    attacker?.server.close();
    receiver?.server.close();
  });

  it("cannot approve the victim's pending sign-in as the attacker's device; the victim still can", async () => {
    const context = await browser.newContext();
    const { redirectUri, callbacks } = receiver;
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'qod-demo',
      redirect_uri: redirectUri,
      scope: 'openid dpv:RequestedServiceProvision#qod',
      state: 'victim-state',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const victim = await context.newPage();
    await victim.goto(`${sb.url}/authorize?${query}`, { timeout: 10_000 });
    await victim.locator('#device').waitFor({ timeout: 10_000 });

    // The victim opens a link to the hostile app in another tab; its server replays the victim's cookies at once.
    const lure = await context.newPage();
    await lure.goto(attacker.url, { timeout: 10_000 });
    const { replay } = attacker;
    assert.ok(replay.uid, 'the hostile server did receive the interaction cookie (same site, other port)');
    assert.equal(replay.pageStatus, 403, 'the replayed cookies open no sign-in page');
    assert.equal(replay.csrf, '', 'and give no form token');
    assert.equal(replay.postStatus, 403, 'the replayed approval is refused');
    assert.deepEqual(
      callbacks.map((u) => u.search),
      [],
      "the hostile server completed the victim's sign-in",
    );

    await victim.locator('#device').fill('+34666666662');
    await victim.getByRole('button', { name: 'Approve' }).click();
    await victim.waitForURL(`${redirectUri}**`, { timeout: 10_000 });
    assert.equal(callbacks.length, 1);
    assert.equal(callbacks[0]?.searchParams.get('state'), 'victim-state');
    const token = await fetch(`${sb.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa('qod-demo:qod-demo-secret')}` },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callbacks[0]?.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        code_verifier: verifier,
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
