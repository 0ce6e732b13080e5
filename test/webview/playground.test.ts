// The playground app in headless Chromium (Debian's) with a fake host: what it shows and what it asks for.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { canRun, CHROMIUM, fakeHost, startPlayground } from '../support/playground-page';

const STATE = {
  environments: [{ id: 'sandbox', label: 'Local sandbox' }],
  environmentId: 'sandbox',
  flavour: 'v1',
  profiles: [
    { name: 'QOS_E', status: 'ACTIVE', minSeconds: 1, maxSeconds: 86400 },
    { name: 'QOS_L', status: 'ACTIVE', minSeconds: 60, maxSeconds: 3600 },
  ],
  scopePresets: { 'CAMARA v1': 'openid quality-on-demand:sessions:create' },
  defaultLoginHint: 'tel:+34666666661',
};

describe('playground webview in headless Chromium (fake host)', function () {
  let env: Awaited<ReturnType<typeof startPlayground>>;
  let browser: Browser;
  let page: Page;
  let host: ReturnType<typeof fakeHost>;
  let base = '';

  before(async function () {
    if (!canRun()) {
      console.log(`      skipped: needs ${CHROMIUM} and a build (npm test provisions and builds both)`);
      this.skip();
    }
    env = await startPlayground();
    ({ browser, base } = env);
  });
  after(async () => env?.close());

  beforeEach(async () => {
    page = await browser.newPage();
    host = fakeHost(page);
    await page.goto(base);
    await host.ready();
    await host.state(STATE);
  });
  afterEach(() => page.close());

  const deliver = (m: unknown) => host.deliver(m);
  const sent = () => host.sent();
  const reply = (method: string, result: unknown) => host.reply(method, result);
  const replyError = (method: string, error: { code: string; message: string }) => host.replyError(method, error);
  const json = async () => JSON.parse(await page.locator('#json').evaluate((el: any) => el.value));

  it('keeps the form and the JSON in sync, both ways, and loses nothing on broken JSON', async () => {
    await reply('validate', []);
    await page.locator('#device-value input').fill('+34600000001');
    await reply('validate', []);
    assert.deepEqual((await json()).device, { phoneNumber: '+34600000001' });
    await page.locator('#json textarea').fill(
      JSON.stringify({
        device: { phoneNumber: '+34600000009' },
        applicationServer: { ipv4Address: '203.0.113.9' },
        qosProfile: 'QOS_L',
        duration: 300,
      }),
    );
    await reply('validate', []);
    assert.equal(await page.locator('#device-value').evaluate((el: any) => el.value), '+34600000009');
    assert.equal(await page.locator('#application-server').evaluate((el: any) => el.value), '203.0.113.9');
    assert.equal(await page.locator('#duration').evaluate((el: any) => el.value), '300');
    await page.locator('#json textarea').fill('{ "device": ');
    assert.match(await page.locator('#json-help').innerText(), /^JSON: /);
    assert.equal(await page.locator('#device-value').evaluate((el: any) => el.value), '+34600000009', 'the form keeps its values');
  });

  it('offers the sign-in flows the host says this environment has here, keeping the chosen one when it is offered', async () => {
    const offered = async () => page.locator('#flow vscode-option').evaluateAll((els) => els.map((e) => e.getAttribute('value')));
    assert.deepEqual(await offered(), ['ciba', 'authorization_code', 'client_credentials'], 'before the host says, every flow');
    await page.locator('#flow').evaluate((el: any) => {
      el.value = 'client_credentials';
      el.dispatchEvent(new Event('change'));
    });
    await deliver({
      type: 'notification',
      method: 'didChangeState',
      params: {
        ...STATE,
        flows: [
          { id: 'ciba', label: 'CIBA (backend)' },
          { id: 'client_credentials', label: 'Client credentials (2-legged)' },
        ],
      },
    });
    assert.deepEqual(await offered(), ['ciba', 'client_credentials']);
    assert.equal(await page.locator('#flow').evaluate((el: any) => el.value), 'client_credentials');
    await deliver({
      type: 'notification',
      method: 'didChangeState',
      params: { ...STATE, flows: [{ id: 'authorization_code', label: 'Authorization code (frontend)' }] },
    });
    assert.equal(
      await page.locator('#flow').evaluate((el: any) => el.value),
      'authorization_code',
      'a flow no longer offered gives way to one that is',
    );
  });

  it('the exported code follows the request: a follow-up sent from an answer re-exports, and becomes the request on the form', async () => {
    await reply('validate', []);
    await page.locator('#export').click();
    const first = await reply('exportCode', { code: 'curl -X POST …/sessions' });
    assert.equal(first.params.operation, 'createSession');
    await page.locator('#exported', { hasText: 'curl -X POST' }).waitFor();
    await page.locator('#send').click();
    await reply('exportCode', { code: 'curl -X POST …/sessions' });
    await reply('send', {
      ok: true,
      status: 201,
      sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      body: { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', qosStatus: 'REQUESTED' },
    });
    await page.locator('#action-delete').click();
    const again = await reply('exportCode', { code: 'curl -X DELETE …/sessions/3fa85f64' });
    assert.deepEqual([again.params.operation, again.params.sessionId], ['deleteSession', '3fa85f64-5717-4562-b3fc-2c963f66afa6']);
    await page.locator('#exported', { hasText: 'curl -X DELETE' }).waitFor();
    assert.equal(
      await page.locator('#operation').evaluate((el: any) => el.value),
      'deleteSession',
      'the form shows the request that was sent',
    );
    await reply('send', { ok: true, status: 204 });
    // Another language re-exports too.
    await page.locator('#language').evaluate((el: any) => {
      el.value = 'python';
      el.dispatchEvent(new Event('change'));
    });
    const python = await reply('exportCode', { code: 'requests.delete(…)' });
    assert.equal(python.params.language, 'python');
    await page.locator('#exported', { hasText: 'requests.delete' }).waitFor();
  });

  it("Extend on an answer asks for the amount on the form, with the profile's bound, and sends only on Send", async () => {
    await reply('validate', []);
    await page.locator('#send').click();
    await reply('send', {
      ok: true,
      status: 201,
      sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      body: { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', qosProfile: 'QOS_L', duration: 600, qosStatus: 'AVAILABLE' },
    });
    await page.locator('#action-extend').click();
    assert.equal(await page.locator('#operation').evaluate((el: any) => el.value), 'extendSession');
    assert.equal(await page.locator('#session-id').evaluate((el: any) => el.value), '3fa85f64-5717-4562-b3fc-2c963f66afa6');
    await page.locator('#extend-by-help', { hasText: 'Up to 3000 s more: QOS_L allows at most 3600 s' }).waitFor();
    assert.ok(!(await sent()).some((m) => m.method === 'send' && m.params.operation === 'extendSession'), 'nothing sent yet');
    await page.locator('#extend-by input').fill('900');
    await reply('validate', []);
    await page.locator('#send').click();
    const extend = await reply('send', {
      ok: true,
      status: 200,
      sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      body: { qosProfile: 'QOS_L', duration: 1500 },
    });
    assert.deepEqual(extend.params.body, { requestedAdditionalDuration: 900 });
    // A rule broken in the amount shows under the amount.
    await page.locator('#extend-by input').fill('0');
    await reply('validate', [{ path: 'requestedAdditionalDuration', message: 'requestedAdditionalDuration: must be ≥ 1' }]);
    await page.locator('#extend-by-help', { hasText: 'requestedAdditionalDuration: must be ≥ 1' }).waitFor();
  });

  it("the form follows the sign-in (an automatic 2-legged one included), the flow picker stays the user's, and a typed login hint is kept", async () => {
    await page.locator('#login-hint input').fill('tel:+34666666665');
    await reply('checkLoginHint', {});
    await deliver({ type: 'notification', method: 'didChangeState', params: { ...STATE, defaultLoginHint: 'tel:+34000000000' } });
    assert.equal(await page.locator('#login-hint').evaluate((el: any) => el.value), 'tel:+34666666665', 'what the user typed stays');
    // The sandbox signed in by itself with client credentials: the page says so, and the body names a device.
    await page.locator('#device-kind').evaluate((el: any) => {
      el.value = 'none';
      el.dispatchEvent(new Event('change'));
    });
    await deliver({
      type: 'notification',
      method: 'didChangeState',
      params: { ...STATE, signedIn: { flow: 'client_credentials', subject: 'qod-demo' } },
    });
    assert.equal(await page.locator('#flow').evaluate((el: any) => el.value), 'ciba', "the automatic sign-in is no pick of the user's");
    assert.equal(await page.locator('#device-kind').evaluate((el: any) => el.value), 'phoneNumber');
    assert.ok((await json()).device?.phoneNumber, 'a 2-legged body names the device');
    // A 3-legged sign-in: the token names the device, the body none.
    await deliver({
      type: 'notification',
      method: 'didChangeState',
      params: { ...STATE, signedIn: { flow: 'ciba', subject: 'tel:+34666666665' } },
    });
    assert.equal(await page.locator('#flow').evaluate((el: any) => el.value), 'ciba');
    assert.equal((await json()).device, undefined);
    // The user's own choice is not undone by the next state push of the same sign-in.
    await page.locator('#flow').evaluate((el: any) => {
      el.value = 'authorization_code';
      el.dispatchEvent(new Event('change'));
    });
    await deliver({
      type: 'notification',
      method: 'didChangeState',
      params: { ...STATE, signedIn: { flow: 'ciba', subject: 'tel:+34666666665' } },
    });
    assert.equal(await page.locator('#flow').evaluate((el: any) => el.value), 'authorization_code');
  });

  it('typing fast into a cleared field loses no character, whatever the host does meanwhile', async () => {
    // A host that answers every validation 0–30 ms later, with a problem while the duration is empty.
    await page.evaluate(() => {
      const w = globalThis as any;
      w.__sent.push = function (m: any) {
        Array.prototype.push.call(this, m);
        if (m.method === 'validate') {
          const problems = m.params.body?.duration === undefined ? [{ path: 'duration', message: 'duration: is required' }] : [];
          setTimeout(() => w.__deliver({ type: 'reply', id: m.id, method: 'validate', result: problems }), Math.random() * 30);
        }
        return this.length;
      };
    });
    for (let attempt = 0; attempt < 8; attempt++) {
      await page.locator('#duration input').fill('');
      await page.locator('#duration input').pressSequentially('1234', { delay: attempt * 8 });
      // The host answers validation and pushes its state while the user types.
      await deliver({ type: 'notification', method: 'didChangeState', params: STATE });
      assert.equal(
        await page.locator('#duration').evaluate((el: any) => el.value),
        '1234',
        `attempt ${attempt} (keys ${attempt * 8} ms apart)`,
      );
      assert.equal((await json()).duration, 1234);
    }
    // The login hint, with the host pushing its state between keys (it does after every exchange of a sign-in):
    // a fresh page used to put the environment's default hint back over what was being typed.
    await page.locator('#login-hint input').fill('');
    for (const key of 'tel:+34666666667') {
      await page.locator('#login-hint input').press(key);
      await deliver({ type: 'notification', method: 'didChangeState', params: STATE });
    }
    assert.equal(await page.locator('#login-hint').evaluate((el: any) => el.value), 'tel:+34666666667');
  });

  it("a 409 CONFLICT on create offers the way out: the device's existing session, found and ready to extend or delete", async () => {
    await reply('validate', []);
    await page.locator('#device-value input').fill('+34666666664');
    await reply('validate', []);
    await page.locator('#send').click();
    await reply('send', {
      ok: false,
      status: 409,
      code: 'CONFLICT',
      message: 'Conflict',
      explanation: 'The device already has an active QoD session.',
      fix: 'Delete or wait for the existing session, or extend it.',
      body: { status: 409, code: 'CONFLICT', message: 'Conflict' },
    });
    // The status says its class in words and a sign, not by colour alone.
    assert.equal(await page.locator('#status').innerText(), '! 409 Conflict');
    assert.match(String(await page.locator('#status').getAttribute('class')), /status-4xx/);
    // The CAMARA code is shown as sent, never redacted.
    assert.match(await page.locator('#response-body').innerText(), /"code": "CONFLICT"/);
    await page.locator('#action-find-existing').click();
    const lookup = await reply('send', {
      ok: true,
      status: 200,
      body: [{ sessionId: '11111111-2222-4333-8444-555555555555', qosProfile: 'QOS_E', qosStatus: 'AVAILABLE' }],
    });
    assert.equal(lookup.params.operation, 'retrieveSessions');
    assert.deepEqual(lookup.params.body, { device: { phoneNumber: '+34666666664' } });
    await page.locator('#session-list', { hasText: '11111111-2222-4333-8444-555555555555 · QOS_E · AVAILABLE' }).waitFor();
    await page.locator('#list-0-extend').click();
    assert.equal(await page.locator('#operation').evaluate((el: any) => el.value), 'extendSession');
    assert.equal(await page.locator('#session-id').evaluate((el: any) => el.value), '11111111-2222-4333-8444-555555555555');
  });

  it('sends when the editor says Ctrl/Cmd+Enter was pressed, unless validation holds the request back', async () => {
    await reply('validate', [{ path: 'duration', message: 'duration: must be ≥ 1' }]);
    await deliver({ type: 'notification', method: 'didRequestSend', params: {} });
    assert.ok(!(await sent()).some((m) => m.method === 'send'), 'held back by the problem');
    await page.locator('#duration input').fill('60');
    await reply('validate', []);
    await deliver({ type: 'notification', method: 'didRequestSend', params: {} });
    const request = await reply('send', { ok: true, status: 201, sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', body: {} });
    assert.equal(request.params.body.duration, 60);
  });

  it("draws the sequence diagram of a real-shaped CIBA run: the trace's arrows in order, keyboard-navigable, each opening its exchange; Mermaid on copy", async () => {
    const x = (id: number, kind: string, url: string, status: number, responseBody?: string) =>
      deliver({
        type: 'notification',
        method: 'didRecordExchange',
        params: {
          id,
          kind,
          method: 'POST',
          url: `http://127.0.0.1:1${url}`,
          status,
          totalMs: 2,
          requestHeaders: { authorization: 'Basic [REDACTED]' },
          responseBody,
        },
      });
    await page.locator('#sign-in').click();
    await x(1, 'bc-authorize', '/bc-authorize', 200, '{"auth_req_id":"[REDACTED]","expires_in":120,"interval":2}');
    await x(2, 'ciba-poll', '/token', 400, '{"error":"authorization_pending"}');
    await x(3, 'ciba-poll', '/token', 400, '{"error":"slow_down"}');
    await x(4, 'ciba-poll', '/token', 200);
    await reply('signIn', { ok: true });
    await x(5, 'api', '/quality-on-demand/v1/sessions', 201);
    const labels = await page.locator('#diagram g.arrow .arrow-label').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.deepEqual(
      labels.map((l) => l.replace(/\s+\(\+.*\)$/, '')),
      [
        'POST /bc-authorize → 200',
        'poll: authorization_pending',
        'poll: slow_down (interval +5 s)',
        'the subscriber approves',
        'poll: access token',
        'POST /quality-on-demand/v1/sessions → 201',
      ],
    );
    assert.equal(await page.locator('#diagram g.arrow.dashed').count(), 1, 'the consent is drawn dashed: not an HTTP exchange');
    // Keyboard: the first arrow takes focus, ↓ walks every arrow in order, Enter opens the exchange.
    await page.locator('#diagram g.arrow').first().focus();
    for (let i = 1; i < 6; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label')?.slice(0, 3)), '6. ');
    await page.keyboard.press('Enter');
    await page.locator('#exchange-detail:not([hidden])').waitFor();
    assert.match(await page.locator('#exchange-text').innerText(), /quality-on-demand\/v1\/sessions/);
    // A notification the sink received: a line in the trace, an arrow from the API to the sink.
    await deliver({
      type: 'notification',
      method: 'didReceiveNotification',
      params: { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', status: 'AVAILABLE' },
    });
    assert.match(await page.locator('#trace').innerText(), /notification: session 3fa85f64 is AVAILABLE/);
    assert.equal(await page.locator('#diagram g.arrow[data-kind="notification"]').count(), 1);
    // Explain mode writes each step's meaning under it.
    await page.locator('#diagram-explain').click();
    assert.equal(await page.locator('#diagram g.arrow:has(.arrow-note)').count(), 7);
    await page.locator('#copy-mermaid').click();
    const copied = (await sent()).find((m) => m.method === 'copyCode');
    assert.match(copied?.params.code ?? '', /^sequenceDiagram\n[\s\S]*Device-->>Auth: the subscriber approves/);
  });

  it('the session timeline shows each session as a bar with its status in words; Enter on one loads it into the request', async () => {
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
          durationSeconds: 60,
          events: [{ at: now - 30_000, kind: 'seen', status: 'AVAILABLE' }],
        },
      ],
    });
    assert.equal(await page.locator('#timeline g.session').count(), 2);
    const labels = await page.locator('#timeline .session-label').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.match(labels[0] ?? '', /^11111111 · QOS_E · available · [89]:\d\d left$/);
    assert.equal(labels[1], '66666666 · QOS_L · unavailable · DELETE_REQUESTED');
    assert.equal(await page.locator('#timeline .marker').count(), 1, 'one status change after it was first seen');
    assert.equal(await page.locator('#timeline .now-line').count(), 1);
    await page.locator('#timeline g.session').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#operation').evaluate((el: any) => el.value), 'getSession');
    assert.equal(await page.locator('#session-id').evaluate((el: any) => el.value), '11111111-2222-4333-8444-555555555555');
  });

  it('shows each validation message next to its field and holds Send back', async () => {
    await page.locator('#device-value input').fill('12');
    await reply('validate', [
      { path: 'device.phoneNumber', message: 'device.phoneNumber: must be an E.164 number with a leading + like +34666666666 (got "12")' },
    ]);
    await page.locator('#device-value-help', { hasText: 'must be an E.164' }).waitFor();
    assert.equal(await page.locator('#send').getAttribute('disabled'), '');
    assert.match(await page.locator('#problems').innerText(), /device\.phoneNumber/);
  });

  it('renders a success with one-click follow-ups, and an error with its CAMARA code, explanation and fix', async () => {
    await reply('validate', []);
    await page.locator('#send').click();
    const request = await reply('send', {
      ok: true,
      status: 201,
      sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      correlator: 'c-1',
      body: { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', qosStatus: 'REQUESTED' },
      exchange: {
        id: 1,
        kind: 'api',
        method: 'POST',
        url: 'http://127.0.0.1:1/quality-on-demand/v1/sessions',
        status: 201,
        totalMs: 7,
        timeToFirstByteMs: 6,
        responseBytes: 2300,
        requestHeaders: {},
        responseHeaders: { 'x-correlator': 'c-1' },
      },
    });
    assert.equal(request.params.operation, 'createSession');
    await page.locator('#status', { hasText: '201' }).waitFor();
    assert.equal(await page.locator('#status').innerText(), '✓ 201 Created');
    assert.match(String(await page.locator('#status').getAttribute('class')), /status-2xx/);
    assert.match(await page.locator('#response').innerText(), /x-correlator: c-1/);
    // The body is formatted and highlighted: keys, strings in their own spans.
    assert.equal(await page.locator('#response-body .json-key', { hasText: '"qosStatus"' }).count(), 1);
    assert.equal(await page.locator('#response-body .json-string', { hasText: '"REQUESTED"' }).count(), 1);
    assert.match(await page.locator('#response').innerText(), /7 ms \(first byte 6 ms\) · 2\.2 KB/);
    await page.locator('#action-delete').click();
    const del = await reply('send', {
      ok: false,
      status: 404,
      code: 'NOT_FOUND',
      message: 'No session',
      explanation: 'The session does not exist.',
      fix: 'Check the id.',
    });
    assert.deepEqual([del.params.operation, del.params.sessionId], ['deleteSession', '3fa85f64-5717-4562-b3fc-2c963f66afa6']);
    await page.locator('#error-code', { hasText: 'NOT_FOUND: No session' }).waitFor();
    assert.equal(await page.locator('#error-fix').innerText(), 'Fix: Check the id.');
  });

  it('QoS Provisioning: an assignment takes the device and profile only, names its id "Assignment id", and answers with Get and Revoke', async () => {
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    await page.locator('#operation').evaluate((el: any) => {
      el.value = 'createAssignment';
      el.dispatchEvent(new Event('change'));
    });
    const typed = await reply('validate', []);
    assert.deepEqual(typed.params.body, { device: { phoneNumber: '+34666666661' }, qosProfile: 'QOS_E' }, 'checked as it is typed');
    assert.deepEqual(
      [await visible('#device-value'), await visible('#qos-profile'), await visible('#application-server'), await visible('#duration')],
      [true, true, false, false],
      'an assignment has no application server and no duration',
    );
    assert.equal(await visible('#json'), false, "the session's JSON is not the assignment's body");
    await page.locator('#send').click();
    const assignmentId = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
    const made = await reply('send', {
      ok: true,
      status: 201,
      assignmentId,
      body: { assignmentId, qosProfile: 'QOS_E', status: 'AVAILABLE' },
    });
    assert.equal(made.params.operation, 'createAssignment');
    assert.deepEqual(made.params.body, { device: { phoneNumber: '+34666666661' }, qosProfile: 'QOS_E' });
    await page.locator('#assignment-id-value', { hasText: assignmentId }).waitFor();
    assert.equal(await page.locator('#session-actions').count(), 0, 'no session actions on an assignment');
    assert.deepEqual(await page.locator('#assignment-actions vscode-button').allInnerTexts(), ['Get', 'Revoke']);
    await page.locator('#assignment-action-revoke').click();
    const revoke = await reply('send', { ok: true, status: 204 });
    assert.deepEqual([revoke.params.operation, revoke.params.sessionId], ['revokeAssignment', assignmentId]);
    assert.equal(await page.locator('#session-id').evaluate((el: any) => el.value), assignmentId, 'the revoke is the request on the form');
    assert.equal(await page.locator('label[for="session-id"], vscode-label[for="session-id"]').first().innerText(), 'Assignment id');
  });

  it('a request the host fails shows the error where it was awaited and gives the controls back', async () => {
    await reply('validate', []);
    await page.locator('#send').click();
    await replyError('send', { code: 'HOST_ERROR', message: 'the sandbox could not start' });
    await page.locator('#error-code', { hasText: 'HOST_ERROR: the sandbox could not start' }).waitFor();
    assert.equal(await page.locator('#send').getAttribute('disabled'), null, 'Send is usable again');
    await page.locator('#sign-in').click();
    assert.notEqual(await page.locator('#sign-in').getAttribute('disabled'), null, 'held while signing in');
    await replyError('signIn', { code: 'HOST_ERROR', message: 'no runtime' });
    await page.locator('#trace', { hasText: 'HOST_ERROR: no runtime' }).waitFor();
    assert.equal(await page.locator('#sign-in').getAttribute('disabled'), null, 'Sign in is usable again');
  });

  it('a request the host never answers times out with a message instead of waiting forever', async () => {
    const timed = await browser.newPage();
    try {
      await timed.clock.install();
      await timed.goto(base);
      await timed.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'ready'));
      await timed.evaluate((m) => (globalThis as any).__deliver(m), { type: 'notification', method: 'didChangeState', params: STATE });
      await timed.locator('#sign-in').click();
      await timed.clock.fastForward(331_000);
      await timed.locator('#trace', { hasText: /TIMEOUT: The extension did not answer "signIn" in time/ }).waitFor();
      assert.equal(await timed.locator('#sign-in').getAttribute('disabled'), null);
    } finally {
      await timed.close();
    }
  });

  it('shows the sign-in trace step by step; an exchange opens in the response column; a CIBA wait is one line with a countdown and Cancel', async () => {
    await page.locator('#sign-in').click();
    await deliver({
      type: 'notification',
      method: 'didRecordExchange',
      params: {
        id: 2,
        kind: 'bc-authorize',
        method: 'POST',
        url: 'http://127.0.0.1:1/bc-authorize',
        status: 200,
        totalMs: 4,
        requestHeaders: { authorization: 'Basic [REDACTED]' },
        responseBody: '{"auth_req_id":"[REDACTED]","interval":2,"expires_in":120}',
      },
    });
    await deliver({
      type: 'notification',
      method: 'didStepSignIn',
      params: { step: 'requested', detail: 'waiting for the subscriber, polling every 2 s' },
    });
    const poll = (id: number, error: string) =>
      deliver({
        type: 'notification',
        method: 'didRecordExchange',
        params: {
          id,
          kind: 'ciba-poll',
          method: 'POST',
          url: 'http://127.0.0.1:1/token',
          status: 400,
          totalMs: 3,
          requestHeaders: {},
          responseBody: JSON.stringify({ error }),
        },
      });
    for (let i = 0; i < 40; i++) {
      await deliver({
        type: 'notification',
        method: 'didStepSignIn',
        params: { step: `poll ${i + 1}`, detail: 'authorization_pending, next in 2 s' },
      });
      await poll(3 + i, i === 5 ? 'slow_down' : 'authorization_pending');
    }
    // Forty polls, one line: counted by outcome, counting down to the request's expiry, with Cancel.
    assert.equal(await page.locator('#trace li').count(), 3);
    const wait = page.locator('#trace li.polls');
    assert.match(await wait.innerText(), /CIBA wait: 40 polls \(authorization_pending ×39, slow_down ×1\), expires in [12]:\d\d/);
    await wait.locator('.cancel-wait').click();
    assert.ok(
      (await sent()).some((m) => m.method === 'cancelSignIn'),
      'Cancel on the wait cancels the sign-in',
    );
    await deliver({
      type: 'notification',
      method: 'didRecordExchange',
      params: { id: 99, kind: 'ciba-poll', method: 'POST', url: 'http://127.0.0.1:1/token', status: 200, totalMs: 3, requestHeaders: {} },
    });
    await reply('signIn', { ok: true });
    assert.match(await wait.innerText(), /41 polls .*ended: approved/);
    assert.equal(await wait.locator('.cancel-wait').count(), 0, 'no Cancel once the wait is over');
    // An exchange opens in the response column, not in the narrow sign-in column.
    await page.locator('#trace li', { hasText: 'bc-authorize: POST /bc-authorize → 200' }).locator('button').click();
    await page.locator('#exchange-detail:not([hidden])').waitFor();
    assert.match(await page.locator('#exchange-text').innerText(), /Basic \[REDACTED\]/);
    const inResponseColumn = await page
      .locator('#exchange-detail')
      .evaluate((el) => !!el.closest('section')?.querySelector('#response-title'));
    assert.ok(inResponseColumn);
  });

  it('shows the decoded token, and copies the raw token only through the host', async () => {
    assert.equal(await page.locator('#copy-token').count(), 0, 'nothing to copy before sign-in');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    await deliver({
      type: 'notification',
      method: 'didChangeState',
      params: {
        ...STATE,
        signedIn: {
          flow: 'ciba',
          subject: 'tel:+34666666661',
          expiresAt: exp * 1000,
          claims: { sub: 'tel:+34666666661', scope: 'qod', iat: exp - 3600, exp },
        },
      },
    });
    await page.locator('summary', { hasText: 'Token claims' }).click();
    const claims = await page.locator('#claims').innerText();
    assert.match(claims, /sub\s+tel:\+34666666661/);
    // Times read as dates, with the time from now.
    assert.match(claims, new RegExp(`exp\\s+${exp} · .+ \\(in 60 min\\)`));
    assert.match(claims, /iat\s+\d+ · .+ \((0|1) s ago|in 0 s\)/);
    await page.locator('#copy-token').click();
    const command = (await sent()).find((m) => m.method === 'copyToken');
    assert.deepEqual([command?.type, command?.params], ['command', {}]);
  });

  it('takes a pasted curl command apart: the body into the editor, the token left behind', async () => {
    await reply('validate', []);
    const curl = `curl -X POST https://op.example/quality-on-demand/v1/sessions -H "Authorization: Bearer pasted-t0ken" -H 'content-type: application/json' -d '{"device":{"phoneNumber":"+34600000007","qosProfile":"QOS_L","duration":60},"applicationServer":{"ipv4Address":"203.0.113.7"}}'`;
    await page.locator('#json textarea').fill(curl);
    const check = await reply('validate', []);
    assert.deepEqual(
      check.params.body.device,
      { phoneNumber: '+34600000007', qosProfile: 'QOS_L', duration: 60 },
      'the body as pasted, mistake and all, goes to the validator',
    );
    assert.equal(await page.locator('#device-value').evaluate((el: any) => el.value), '+34600000007');
    assert.match(await page.locator('#json-help').innerText(), /pasted curl command.*not kept/);
    const everything = JSON.stringify({
      state: await page.evaluate(() => (globalThis as any).__state),
      sent: await sent(),
      editor: await page.locator('#json').evaluate((el: any) => el.value),
    });
    assert.ok(!everything.includes('pasted-t0ken'), 'the token is in no state, message or editor');
  });

  it('says so when a pasted curl URL is no operation it knows, and keeps the operation on the form', async () => {
    await reply('validate', []);
    const before = await page.locator('#operation').evaluate((el: any) => el.value);
    await page
      .locator('#json textarea')
      .fill(`curl -X PATCH https://op.example/quality-on-demand/v1/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6`);
    await page.locator('#json-help', { hasText: 'is no QoD operation this playground knows' }).waitFor();
    assert.match(await page.locator('#json-help').innerText(), new RegExp(`operation stays ${before}; its headers`));
    assert.equal(await page.locator('#operation').evaluate((el: any) => el.value), before);
  });

  it("builds the login hint from the request's device, and has the host check it", async () => {
    await reply('validate', []);
    await page.locator('#device-value input').fill('+34600000003');
    await reply('validate', []);
    await page.locator('#hint-from-device').click();
    const check = await reply('checkLoginHint', {});
    assert.equal(check.params.loginHint, 'tel:+34600000003');
    assert.equal(await page.locator('#login-hint').evaluate((el: any) => el.value), 'tel:+34600000003');
  });

  it('lists history with environment, flow, device and status; searches it; loads an entry into the form or re-runs it', async () => {
    const body = {
      device: { phoneNumber: '+34666666664' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_L',
      duration: 900,
    };
    await deliver({
      type: 'notification',
      method: 'didChangeHistory',
      params: [
        {
          id: 'h2',
          at: Date.now(),
          environmentId: 'sandbox',
          environmentLabel: 'Local sandbox',
          operation: 'createSession',
          flow: 'client_credentials',
          device: 'phoneNumber +34666666664',
          body,
          status: 409,
        },
        {
          id: 'h1',
          at: Date.now(),
          environmentId: 'sandbox',
          environmentLabel: 'Local sandbox',
          operation: 'getSession',
          flow: 'ciba',
          device: 'tel:+34666666661',
          sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
          status: 200,
        },
      ],
    });
    await page.locator('#history li', { hasText: 'Local sandbox · getSession 3fa85f64 · ciba · tel:+34666666661 → 200' }).waitFor();
    await page
      .locator('#history li', { hasText: 'Local sandbox · createSession · client_credentials (2-legged) · phoneNumber +34666666664 → 409' })
      .waitFor();
    // Search: every word must match.
    await page.locator('#history-search input').fill('409 createSession');
    assert.equal(await page.locator('#history li').count(), 1);
    await page.locator('#history-search input').fill('nothing-like-this');
    await page.locator('#history li', { hasText: 'No entry matches.' }).waitFor();
    await page.locator('#history-search input').fill('');
    // Load puts the request on the form without sending it.
    await page.locator('#history li', { hasText: 'createSession' }).locator('.load').click();
    assert.deepEqual(await json(), body);
    assert.equal(await page.locator('#duration').evaluate((el: any) => el.value), '900');
    assert.ok(!(await sent()).some((m) => m.method === 'send'), 'loading sends nothing');
    await page.locator('#history li', { hasText: 'getSession' }).locator('.rerun').click();
    const rerun = await reply('send', { ok: true, status: 200 });
    assert.deepEqual([rerun.params.operation, rerun.params.sessionId], ['getSession', '3fa85f64-5717-4562-b3fc-2c963f66afa6']);
    // The Re-run buttons line up.
    const lefts = await page.locator('#history .rerun').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    assert.equal(new Set(lefts).size, 1, `Re-run buttons at ${lefts.join(', ')}`);
    await page.locator('#clear-history').click();
    assert.ok((await sent()).some((m) => m.method === 'clearHistory'));
  });

  it('checks the login hint as it is typed, and asks the host for the sink when "notify me" is on', async () => {
    await page.locator('#login-hint input').fill('phone_number:+34666');
    const check = await reply('checkLoginHint', {
      error: 'login_hint: "phone_number:+34666" is not a CAMARA login_hint: write the number as tel:+<E.164>',
    });
    assert.equal(check.params.loginHint, 'phone_number:+34666');
    await page.locator('#login-hint-help', { hasText: 'write the number as tel:+<E.164>' }).waitFor();
    assert.equal(await page.locator('#sign-in').getAttribute('disabled'), '');
    await reply('validate', []);
    await page.locator('#notify').click();
    await page.locator('#send').click();
    const send = await reply('send', { ok: true, status: 201 });
    assert.equal(send.params.notify, true);
    assert.equal(JSON.stringify(send.params.body).includes('sink'), false, 'the webview never sees the sink token');
  });

  it('a reload brings back the request, the sign-in inputs, the last answer and the trace, and no secret', async () => {
    await reply('validate', []);
    await page.locator('#scope input').fill('openid qod-sessions-read');
    await page.locator('#login-hint input').fill('tel:+34666666665');
    await page.locator('#sign-in').click();
    await deliver({
      type: 'notification',
      method: 'didRecordExchange',
      params: {
        id: 2,
        kind: 'bc-authorize',
        method: 'POST',
        url: 'http://127.0.0.1:1/bc-authorize',
        status: 200,
        totalMs: 4,
        requestHeaders: { authorization: 'Basic [REDACTED]' },
      },
    });
    await deliver({
      type: 'notification',
      method: 'didStepSignIn',
      params: { step: 'requested', detail: 'waiting for the subscriber, polling every 2 s' },
    });
    await reply('signIn', { ok: true });
    await page.locator('#send').click();
    await reply('send', {
      ok: true,
      status: 201,
      sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      body: { sessionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', qosStatus: 'REQUESTED' },
    });
    await page.locator('#status', { hasText: '201' }).waitFor();

    await page.reload();
    await page.waitForFunction(() => (globalThis as any).__sent.some((m: any) => m.method === 'ready'));
    await deliver({ type: 'notification', method: 'didChangeState', params: STATE });
    assert.equal(await page.locator('#scope').evaluate((el: any) => el.value), 'openid qod-sessions-read');
    assert.equal(await page.locator('#login-hint').evaluate((el: any) => el.value), 'tel:+34666666665');
    assert.match(
      await page.locator('#trace').innerText(),
      /bc-authorize: POST \/bc-authorize → 200[\s\S]*requested: waiting for the subscriber/,
    );
    await page.locator('#status', { hasText: '201' }).waitFor();
    assert.match(await page.locator('#response-body').innerText(), /"qosStatus": "REQUESTED"/);
    assert.equal(await page.locator('#session-id').evaluate((el: any) => el.value), '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  });

  it('keeps the request, the sign-in inputs, the last answer and the trace in its saved state, without a credential typed into the JSON', async () => {
    await reply('validate', []);
    const body = {
      device: { phoneNumber: '+34600000001' },
      applicationServer: { ipv4Address: '203.0.113.9' },
      qosProfile: 'QOS_E',
      duration: 60,
      sink: 'https://app.example/n',
      sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'typed-sink-t0ken', accessTokenType: 'bearer' },
    };
    await page.locator('#json textarea').fill(JSON.stringify(body, null, 2));
    await reply('validate', []);
    const state = await page.evaluate(() => (globalThis as any).__state);
    assert.deepEqual(Object.keys(state).sort(), [
      'flow',
      'form',
      'json',
      'language',
      'loginHint',
      'notify',
      'operation',
      'scope',
      'sessionId',
      'trace',
      'version',
    ]);
    assert.ok(!JSON.stringify(state).includes('typed-sink-t0ken'), 'the typed token is not in the saved state');
    assert.equal(JSON.parse(state.json).sink, 'https://app.example/n', 'the rest of the body is kept');
    assert.equal(
      await page.locator('#json').evaluate((el: any) => JSON.parse(el.value).sinkCredential.accessToken),
      'typed-sink-t0ken',
      'the editor keeps what was typed',
    );
  });

  it('works with the keyboard alone: Tab reaches every control in reading order, Enter on Send sends', async () => {
    await reply('validate', []);
    // The focused control: a vscode-elements control keeps focus in its shadow root, so its host is active.
    const focused = () => page.evaluate(() => ((globalThis as any).document.activeElement?.id ?? '') as string);
    const order: string[] = [];
    for (let i = 0; i < 60 && !order.includes('send'); i++) {
      await page.keyboard.press('Tab');
      const id = await focused();
      if (id && order.at(-1) !== id) order.push(id);
    }
    const expected = [
      'environment',
      'flow',
      'login-hint',
      'scope',
      'sign-in',
      'operation',
      'device-kind',
      'device-value',
      'application-server',
      'qos-profile',
      'duration',
      'notify',
      'json',
      'send',
    ];
    const reached = order.filter((id) => expected.includes(id));
    assert.deepEqual(reached, expected, `Tab order: ${order.join(' → ')}`);
    await page.keyboard.press('Enter');
    const send = await reply('send', { ok: true, status: 201 });
    assert.equal(send.params.operation, 'createSession');
  });
});
