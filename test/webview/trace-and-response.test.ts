// The playground's trace and response column in headless Chromium with a fake host, tested the way issue 18 found
// them: trace numbers beside wrapped lines, a DELETE's 204 after a POST, an error that repeated itself.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { explainError } from '../../src/core/camara/error-catalogue';
import { canRun, CHROMIUM, fakeHost, startPlayground } from '../support/playground-page';

const STATE = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [{ name: 'QOS_E', status: 'ACTIVE', minSeconds: 1, maxSeconds: 86400 }],
  scopePresets: { 'CAMARA v1': 'openid quality-on-demand:sessions:create' },
  defaultLoginHint: 'tel:+34666666661',
};
const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const API = 'http://127.0.0.1:39741/quality-on-demand/v1/sessions';

describe('playground trace and response column in headless Chromium (fake host)', function () {
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
  });
  afterEach(() => page.close());

  it('puts each trace number beside the first row of its line, however the line wraps', async () => {
    // Narrow, like the half-width pane: long lines wrap.
    await page.setViewportSize({ width: 360, height: 900 });
    const exchange = (id: number, kind: string, url: string, status: number) => ({
      type: 'notification',
      method: 'didRecordExchange',
      params: { id, kind, method: 'POST', url, status, totalMs: 4, requestHeaders: {} },
    });
    await host.deliver(exchange(1, 'bc-authorize', 'http://127.0.0.1:39741/bc-authorize', 200));
    await host.deliver({
      type: 'notification',
      method: 'didStepSignIn',
      params: { step: 'requested', detail: 'waiting for the subscriber, polling every 2 s until the request expires' },
    });
    await host.deliver(exchange(2, 'ciba-poll', 'http://127.0.0.1:39741/token', 400));
    await host.deliver(exchange(3, 'api', 'http://127.0.0.1:39741/qos-profiles/v1/retrieve-qos-profiles', 200));
    await host.deliver(exchange(4, 'api', API, 201));
    const lines = await page.locator('#trace > li').evaluateAll((items) =>
      items.map((li) => {
        const number = li.querySelector('.step-number');
        const body = li.querySelector('.step-body') ?? li;
        // The first row of the line's text (a button's, or the line's own).
        const text = [...body.querySelectorAll('*'), body]
          .flatMap((el) => [...el.childNodes])
          .find((n) => n.nodeType === 3 /* text */ && n.textContent?.trim());
        const range = (globalThis as any).document.createRange();
        if (text) range.selectNodeContents(text);
        const rows: Array<{ top: number; left: number }> = text ? [...range.getClientRects()] : [];
        const n = number?.getBoundingClientRect();
        return {
          number: number?.textContent ?? null,
          numberTop: n?.top,
          numberRight: n?.right,
          firstRowTop: rows[0]?.top,
          textLeft: rows[0]?.left,
          rows: new Set(rows.map((r) => Math.round(r.top))).size,
        };
      }),
    );
    assert.equal(lines.length, 5);
    assert.ok(
      lines.some((l) => l.rows > 1),
      'some line wraps (or the test proves nothing)',
    );
    lines.forEach((l, i) => {
      assert.equal(l.number, `${i + 1}.`, `line ${i + 1} has its number`);
      assert.ok(
        Math.abs((l.numberTop ?? NaN) - (l.firstRowTop ?? NaN)) <= 3,
        `line ${i + 1}: the number (top ${l.numberTop}) is on the first row (top ${l.firstRowTop})`,
      );
      assert.ok((l.textLeft ?? NaN) >= (l.numberRight ?? NaN), `line ${i + 1}: the text starts right of the number, in its own column`);
    });
  });

  it("after a DELETE's 204 the response column shows that answer, in words, and no exchange of the POST before it", async () => {
    await host.reply('validate', []);
    await page.locator('#send').click();
    const post = {
      id: 5,
      kind: 'api',
      method: 'POST',
      url: API,
      status: 201,
      totalMs: 4,
      requestHeaders: {},
      responseBody: JSON.stringify({ sessionId: ID, qosStatus: 'REQUESTED' }),
    };
    await host.deliver({ type: 'notification', method: 'didRecordExchange', params: post });
    await host.reply('send', { ok: true, status: 201, sessionId: ID, body: { sessionId: ID, qosStatus: 'REQUESTED' }, exchange: post });
    await page.locator('#status', { hasText: '201' }).waitFor();
    // The POST's exchange opened from the trace, in the response column.
    await page.locator('#trace li', { hasText: 'api: POST /quality-on-demand/v1/sessions → 201' }).locator('button').click();
    await page.locator('#exchange-text', { hasText: 'HTTP 201' }).waitFor();
    await page.locator('#action-delete').click();
    const del = {
      id: 6,
      kind: 'api',
      method: 'DELETE',
      url: `${API}/${ID}`,
      status: 204,
      totalMs: 3,
      requestHeaders: {},
      responseBody: '',
    };
    await host.deliver({ type: 'notification', method: 'didRecordExchange', params: del });
    await host.reply('send', { ok: true, status: 204, exchange: del });
    await page.locator('#status', { hasText: '204' }).waitFor();
    const column = await page.locator('section[aria-labelledby="response-title"]').innerText();
    assert.doesNotMatch(column, /HTTP 201|"qosStatus"|POST http/, 'nothing of the POST is left in the response column');
    assert.match(column, /DELETE http:\/\/127\.0\.0\.1:39741\/quality-on-demand\/v1\/sessions\/3fa85f64/);
    assert.equal(await page.locator('#response-body').count(), 0, 'no body shown');
    assert.equal(await page.locator('#response-no-body').count(), 1, 'the missing body said in words');
    assert.equal(await page.locator('#response-no-body').innerText(), '204 No Content — no body');
  });

  it('an error whose provider message already says what the explanation says shows each text once', async () => {
    const conflict = explainError('CONFLICT');
    assert.ok(conflict);
    // The sandbox's own 409 message: it says the device has a session and what to do.
    const message = 'This API client already has an active QoD session for this device: delete it or extend it instead';
    await host.reply('validate', []);
    await page.locator('#send').click();
    await host.reply('send', {
      ok: false,
      status: 409,
      code: 'CONFLICT',
      message,
      explanation: conflict.explanation,
      fix: conflict.fix,
      body: { status: 409, code: 'CONFLICT', message },
    });
    await page.locator('#status', { hasText: '409' }).waitFor();
    assert.equal(await page.locator('#error-code').innerText(), `CONFLICT: ${message}`);
    assert.equal(await page.locator('#error-explanation').count(), 0, 'the explanation repeats the message: shown once');
    assert.equal(await page.locator('#error-fix').innerText(), `Fix: ${conflict.fix}`);
  });

  it("a request file's answer says which request it answers; the playground's next answer does not", async () => {
    const body = { sessionId: ID, qosStatus: 'AVAILABLE' };
    await host.deliver({ type: 'notification', method: 'didShowResult', params: { title: 'getSession', ok: true, status: 200, body } });
    await page.locator('#status', { hasText: '200' }).waitFor();
    assert.equal(await page.locator('#response-source').innerText(), 'From the request file: getSession');
    await host.reply('validate', []);
    await page.locator('#send').click();
    await host.reply('send', { ok: true, status: 201, sessionId: ID, body: { sessionId: ID, qosStatus: 'REQUESTED' } });
    await page.locator('#status', { hasText: '201' }).waitFor();
    assert.equal(await page.locator('#response-source').count(), 0, "the form's own answer names no request file");
  });
});
