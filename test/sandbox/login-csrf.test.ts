// Login CSRF on the sandbox's sign-in page, over real HTTP. The interaction cookies are at `path=/` (so the
// page works behind a path-prefixing proxy), so one browser sends the cookie of its latest sign-in with every
// form; each form must still only ever decide its own sign-in, and only when it carries that sign-in's token.
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { SignInJar, type FlowStart } from '../support/sign-in-jar';
import { form } from '../support/client';

const A_REDIRECT = 'http://127.0.0.1:53682/flow-a';
const B_REDIRECT = 'http://127.0.0.1:53683/flow-b';

describe('sandbox sign-in page: each form decides its own sign-in only (login CSRF)', () => {
  let sb: Sandbox;
  let jar: SignInJar;

  beforeEach(async () => {
    sb = await startSandbox({ rateLimit: false });
    jar = new SignInJar(sb.url);
  });
  afterEach(() => sb.close());

  /** Where a decision posted now ends up: the redirect URI of A or B, or nowhere (refused). */
  async function outcome(uid: string, fields: Record<string, string>): Promise<{ status: number; landed?: URL; html: string }> {
    const answer = await jar.decide(uid, fields);
    const landed = await jar.follow(`${sb.url}/interaction/${uid}`, answer, [A_REDIRECT, B_REDIRECT]);
    return { status: answer.status, landed, html: answer.html };
  }

  /** B, started later in the same browser, still completes through its own page and token, for its own client. */
  async function bCompletesOnItsOwn(b: FlowStart): Promise<void> {
    const page = await jar.open(b.uid);
    assert.equal(page.status, 200, page.html);
    const done = await outcome(b.uid, { device: '+34666666662', csrf: page.csrf });
    assert.equal(done.landed?.origin + (done.landed?.pathname ?? ''), B_REDIRECT, 'B lands on its own redirect URI');
    assert.equal(done.landed?.searchParams.get('state'), b.state);
    const token = await form(`${sb.url}/token`, {
      grant_type: 'authorization_code', code: done.landed?.searchParams.get('code') ?? '', redirect_uri: B_REDIRECT,
      code_verifier: b.verifier, client_id: 'qod-demo-public',
    }, {});
    assert.equal(token.status, 200, JSON.stringify(token.body));
  }

  it("approving flow A's page (its own uid and token) does not complete flow B, started later in the same browser", async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    const pageA = await jar.open(a.uid);
    assert.equal(pageA.status, 200);
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const result = await outcome(a.uid, { device: '+34666666663', csrf: pageA.csrf });
    assert.equal(result.landed, undefined, `A's form completed a sign-in: ${result.landed?.href}`);
    assert.equal(result.status, 400);
    assert.match(result.html, /another sign-in/i, 'the refusal says why, in words');
    await bCompletesOnItsOwn(b);
  });

  it("B's uid with A's token, or with no token, or a made-up one, is refused (403) and leaves B pending", async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    const pageA = await jar.open(a.uid);
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    for (const csrf of [pageA.csrf, '', 'x'.repeat(43), undefined]) {
      const result = await outcome(b.uid, { device: '+34666666663', ...(csrf === undefined ? {} : { csrf }) });
      assert.equal(result.landed, undefined, `csrf ${JSON.stringify(csrf)} completed B: ${result.landed?.href}`);
      assert.equal(result.status, 403, `csrf ${JSON.stringify(csrf)}`);
      assert.match(result.html, /sign-in page/i);
    }
    await bCompletesOnItsOwn(b);
  });

  it('a forged denial is refused too: without the token nobody can cancel the pending sign-in', async () => {
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const forged = await outcome(b.uid, { decision: 'deny', device: '' });
    assert.equal(forged.status, 403);
    assert.equal(forged.landed, undefined);
    await bCompletesOnItsOwn(b);
  });

  it("opening A's page while the browser's sign-in is B shows neither: a clear 400, not B's client on A's form", async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const page = await jar.open(a.uid);
    assert.equal(page.status, 400);
    assert.doesNotMatch(page.html, /qod-demo-public/, "B's client is not shown on A's URL");
    assert.equal(page.csrf, '', 'no form, no token');
  });

  it('the token is per sign-in, only in the page (never in a cookie), and one use only', async () => {
    const a = await jar.start('qod-demo', A_REDIRECT, 'state-a');
    const pageA = await jar.open(a.uid);
    assert.match(pageA.csrf, /^[A-Za-z0-9_-]{43}$/, 'a 256-bit random token in the form');
    assert.equal((await jar.open(a.uid)).csrf, pageA.csrf, 'reloading the page keeps the form working');
    assert.ok(!jar.cookieHeader().includes(pageA.csrf), 'the token is not in a cookie');
    const b = await jar.start('qod-demo-public', B_REDIRECT, 'state-b');
    const pageB = await jar.open(b.uid);
    assert.notEqual(pageB.csrf, pageA.csrf);
    const done = await outcome(b.uid, { device: '+34666666662', csrf: pageB.csrf });
    assert.equal(done.landed?.searchParams.get('state'), 'state-b');
    const replay = await jar.decide(b.uid, { device: '+34666666663', csrf: pageB.csrf });
    assert.ok(replay.status >= 400 && replay.status < 500, `a replayed form answers 4xx, got ${replay.status}`);
  });
});
