// Login CSRF on the sandbox's sign-in page, over real HTTP. The interaction cookies are at `path=/` (so the
// page works behind a path-prefixing proxy), so one browser sends the cookie of its latest sign-in with every
// form; each form must still only ever decide its own sign-in, and only when it carries that sign-in's token.
import assert from 'node:assert/strict';
import { SignInJar, type FlowStart, type PageRef } from '../support/sign-in-jar';
import { form } from '../support/client';
import { withSandbox } from '../support/sandbox';

const A_REDIRECT = 'http://127.0.0.1:53682/flow-a';
const B_REDIRECT = 'http://127.0.0.1:53683/flow-b';

describe('sandbox sign-in page: each form decides its own sign-in only (login CSRF)', () => {
  const { sb } = withSandbox({}, { perTest: true });
  let jar: SignInJar;

  beforeEach(() => {
    jar = new SignInJar(sb.url);
  });

  /** Where a decision posted now ends up: the redirect URI of A or B, or nowhere (refused). */
  async function outcome(ref: PageRef, fields: Record<string, string>, by = jar): Promise<{ status: number; landed?: URL; html: string }> {
    const answer = await by.decide(ref, fields);
    const landed = await by.follow(by.pageUrl(ref), answer, [A_REDIRECT, B_REDIRECT]);
    return { status: answer.status, landed, html: answer.html };
  }

  /** B, started later in the same browser, still completes through its own page and token, for its own client. */
  async function bCompletesOnItsOwn(b: FlowStart): Promise<void> {
    const page = await jar.open(b);
    assert.equal(page.status, 200, page.html);
    const done = await outcome(b, { device: '+34666666662', csrf: page.csrf });
    assert.equal(done.landed?.origin + (done.landed?.pathname ?? ''), B_REDIRECT, 'B lands on its own redirect URI');
    assert.equal(done.landed?.searchParams.get('state'), b.state);
    const token = await form(
      `${sb.url}/token`,
      {
        grant_type: 'authorization_code',
        code: done.landed?.searchParams.get('code') ?? '',
        redirect_uri: B_REDIRECT,
        code_verifier: b.verifier,
        client_id: 'qod-demo-public',
      },
      {},
    );
    assert.equal(token.status, 200, JSON.stringify(token.body));
    const claims = JSON.parse(Buffer.from(String(token.body.access_token).split('.')[1] ?? '', 'base64url').toString()) as { sub?: string };
    assert.equal(claims.sub, 'tel:+34666666662', "the token is for the device chosen on B's own page");
  }

  it("a server on another loopback port replaying the victim's cookies, without the page's URL, learns no token and decides nothing", async () => {
    const victim = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    // The victim has the page open already, so its form token exists: a replayer must still not get it.
    const own = await jar.open(victim);
    assert.equal(own.status, 200);
    // What a server on another 127.0.0.1 port gets from the victim's browser: the cookies (no port scoping), not the URL.
    const attacker = new SignInJar(sb.url).adoptCookies(jar.cookieHeader());
    const uid = attacker.cookie('_interaction') ?? '';
    assert.equal(uid, victim.uid, 'the cookie names the pending sign-in');
    for (const key of [undefined, '', 'A'.repeat(43), victim.key.slice(0, -1)]) {
      const ref: PageRef = { uid, key };
      const page = await attacker.open(ref);
      assert.equal(page.status, 403, `GET with key ${JSON.stringify(key)}: ${page.status} ${page.html.slice(0, 300)}`);
      assert.equal(page.csrf, '', 'no form, no token');
      assert.ok(!page.html.includes(own.csrf), "the victim's token is nowhere in the answer");
      for (const csrf of ['', own.csrf.slice(0, 10)]) {
        const decided = await outcome(ref, { device: '+34666666663', csrf }, attacker);
        assert.equal(decided.landed, undefined, `key ${JSON.stringify(key)} completed the victim's sign-in: ${decided.landed?.href}`);
        assert.equal(decided.status, 403, `POST with key ${JSON.stringify(key)}`);
      }
    }
    await bCompletesOnItsOwn(victim);
  });

  it("approving flow A's page (its own uid and token) does not complete flow B, started later in the same browser", async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    const pageA = await jar.open(a);
    assert.equal(pageA.status, 200);
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const result = await outcome(a, { device: '+34666666663', csrf: pageA.csrf });
    assert.equal(result.landed, undefined, `A's form completed a sign-in: ${result.landed?.href}`);
    assert.equal(result.status, 400);
    assert.match(result.html, /another sign-in/i, 'the refusal says why, in words');
    await bCompletesOnItsOwn(b);
  });

  it("B's uid with A's token, or with no token, or a made-up one, is refused (403) and leaves B pending", async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    const pageA = await jar.open(a);
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    for (const csrf of [pageA.csrf, '', 'x'.repeat(43), undefined]) {
      const result = await outcome(b, { device: '+34666666663', ...(csrf === undefined ? {} : { csrf }) });
      assert.equal(result.landed, undefined, `csrf ${JSON.stringify(csrf)} completed B: ${result.landed?.href}`);
      assert.equal(result.status, 403, `csrf ${JSON.stringify(csrf)}`);
      assert.match(result.html, /sign-in page/i);
    }
    await bCompletesOnItsOwn(b);
  });

  it('a forged denial is refused too: without the token nobody can cancel the pending sign-in', async () => {
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const forged = await outcome(b, { decision: 'deny', device: '' });
    assert.equal(forged.status, 403);
    assert.equal(forged.landed, undefined);
    await bCompletesOnItsOwn(b);
  });

  it("opening A's page while the browser's sign-in is B shows neither: a clear 400, not B's client on A's form", async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const page = await jar.open(a);
    assert.equal(page.status, 400);
    assert.doesNotMatch(page.html, /qod-demo-public/, "B's client is not shown on A's URL");
    assert.equal(page.csrf, '', 'no form, no token');
  });

  it('the token is per sign-in, only in the page (never in a cookie), and one use only', async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    const pageA = await jar.open(a);
    assert.match(pageA.csrf, /^[A-Za-z0-9_-]{43}$/, 'a 256-bit random token in the form');
    assert.match(a.key, /^[A-Za-z0-9_-]{43}$/, "a 256-bit random key in the page's URL");
    assert.ok(!jar.cookieHeader().includes(a.key), 'the key is not in a cookie');
    assert.equal((await jar.open(a)).csrf, pageA.csrf, 'reloading the page keeps the form working');
    assert.ok(!jar.cookieHeader().includes(pageA.csrf), 'the token is not in a cookie');
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const pageB = await jar.open(b);
    assert.notEqual(pageB.csrf, pageA.csrf);
    const done = await outcome(b, { device: '+34666666662', csrf: pageB.csrf });
    assert.equal(done.landed?.searchParams.get('state'), 'state-b');
    const replay = await jar.decide(b, { device: '+34666666663', csrf: pageB.csrf });
    assert.ok(replay.status >= 400 && replay.status < 500, `a replayed form answers 4xx, got ${replay.status}`);
  });
});
