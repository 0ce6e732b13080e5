import assert from 'node:assert/strict';
import { renderPlaygroundHtml } from '../../src/vscode/playground/html';
import { COMMAND_PARAMS, parseWebviewMessage, REQUEST_PARAMS, type ReplyMessage, type WebviewToHost } from '../../src/shared/protocol';
import { dispatch, type CommandHandlers, type RequestHandlers } from '../../src/vscode/playground/dispatch';
import { bodyToForm, EMPTY_FORM, fieldOf, formToBody, loginHintFor } from '../../src/webview/app/form-model';
import { NOT_SAVED, withoutCredentials } from '../../src/webview/app/saved-state';

describe('playground HTML', () => {
  const input = {
    cspSource: 'https://webview.test',
    nonce: 'abcdefghijklmnop1234',
    scriptUri: 'https://webview.test/playground.js',
    styleUri: 'https://webview.test/playground.css',
  };

  it("has CSP default-src 'none', the nonce on the only script, and no inline handlers", () => {
    const html = renderPlaygroundHtml(input);
    assert.match(html, /default-src 'none'; script-src 'nonce-abcdefghijklmnop1234'; style-src https:\/\/webview\.test/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script type="module" nonce="abcdefghijklmnop1234" src="https:\/\/webview\.test\/playground\.js"><\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('escapes what it interpolates and refuses a weak nonce', () => {
    assert.match(renderPlaygroundHtml({ ...input, styleUri: 'x"><script>alert(1)</script>' }), /x&#34;&#62;&#60;script&#62;/);
    assert.throws(() => renderPlaygroundHtml({ ...input, nonce: 'short' }), /nonce/);
  });
});

describe('playground messages from the webview are untrusted', () => {
  it('accepts the protocol', () => {
    assert.ok(parseWebviewMessage({ type: 'command', method: 'ready', params: {} }));
    assert.ok(parseWebviewMessage({ type: 'request', id: 3, method: 'send', params: { operation: 'getSession', sessionId: 'abc' } }));
  });

  it('drops anything else', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'command', method: 'runShell', params: {} },
      { type: 'request', id: -1, method: 'send', params: { operation: 'createSession' } },
      { type: 'request', id: 1, method: 'send', params: { operation: 'dropDatabase' } },
      { type: 'request', id: 1, method: 'signIn', params: { flow: 'password' } },
      { type: 'command', method: 'openCode', params: { language: 'cobol', code: '' } },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('playground host: every request gets exactly one reply', () => {
  const failing = async (): Promise<never> => {
    throw Object.assign(new Error('the sandbox could not start'), { code: 'EADDRINUSE' });
  };
  const SAMPLE: Record<keyof typeof REQUEST_PARAMS, unknown> = {
    validate: { operation: 'createSession', body: {} },
    send: { operation: 'getSession', sessionId: 'abc' },
    checkLoginHint: { loginHint: 'tel:+1' },
    signIn: { flow: 'ciba' },
    exportCode: { language: 'curl', operation: 'createSession' },
  };

  it('answers a result, or an error with a code and a message when the handler throws (a runtime that failed to start)', async () => {
    const replies: ReplyMessage[] = [];
    const reported: unknown[] = [];
    const requests: RequestHandlers = {
      validate: async () => [],
      send: failing,
      checkLoginHint: failing,
      signIn: failing,
      exportCode: async () => ({ code: 'curl …' }),
    };
    const commands = Object.fromEntries(Object.keys(COMMAND_PARAMS).map((k) => [k, failing])) as unknown as CommandHandlers;
    const d = {
      requests,
      commands,
      reply: (m: ReplyMessage) => replies.push(m),
      report: (e: unknown) => reported.push(e),
      describe: (e: unknown) => (e as Error).message,
    };
    let id = 0;
    for (const [method, params] of Object.entries(SAMPLE)) {
      const message = parseWebviewMessage({ type: 'request', id: ++id, method, params });
      assert.ok(message, method);
      await dispatch(message, d);
    }
    assert.deepEqual(
      replies.map((r) => [r.id, r.method, r.result !== undefined, r.error?.code]),
      [
        [1, 'validate', true, undefined],
        [2, 'send', false, 'EADDRINUSE'],
        [3, 'checkLoginHint', false, 'EADDRINUSE'],
        [4, 'signIn', false, 'EADDRINUSE'],
        [5, 'exportCode', true, undefined],
      ],
    );
    assert.equal(replies[1]?.error?.message, 'the sandbox could not start');
    await dispatch({ type: 'command', method: 'copyToken', params: {} } satisfies WebviewToHost, d);
    assert.equal(reported.length, 1, 'a failing command has nobody waiting: it is reported');
    assert.equal(replies.length, 5, 'commands are never answered');
  });

  it('the guard accepts exactly the methods of the tables', () => {
    for (const method of Object.keys(REQUEST_PARAMS))
      assert.ok(parseWebviewMessage({ type: 'request', id: 1, method, params: SAMPLE[method as keyof typeof SAMPLE] }), method);
    for (const method of Object.keys(COMMAND_PARAMS))
      assert.equal(
        parseWebviewMessage({ type: 'command', method, params: {} })?.method,
        ['selectEnvironment', 'openCode', 'copyCode', 'saveSvg'].includes(method) ? undefined : method,
      );
    assert.ok(
      parseWebviewMessage({ type: 'command', method: 'saveSvg', params: { svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' } }),
    );
    assert.equal(
      parseWebviewMessage({ type: 'command', method: 'saveSvg', params: { svg: '<script>alert(1)</script>' } }),
      undefined,
      'only an SVG is saved',
    );
    assert.equal(parseWebviewMessage({ type: 'request', id: 1, method: 'copyToken', params: {} }), undefined, 'a command is not a request');
  });
});

describe('playground form ↔ JSON', () => {
  it('builds the body in each flavour from the form', () => {
    assert.deepEqual(formToBody('v1', EMPTY_FORM), {
      device: { phoneNumber: '+34666666661' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 600,
    });
    assert.deepEqual(formToBody('v0.8', { ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.5' }), {
      ueId: { ipv4addr: '203.0.113.5' },
      asId: { ipv4addr: '198.51.100.10' },
      qos: 'QOS_E',
      duration: 600,
    });
    assert.deepEqual(formToBody('v1', { ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.5:5000' }).device, {
      ipv4Address: { publicAddress: '203.0.113.5', publicPort: 5000 },
    });
    assert.equal(formToBody('v1', { ...EMPTY_FORM, deviceKind: 'none' }).device, undefined);
  });

  it('reads the form back from JSON, and keeps it when the JSON says nothing usable', () => {
    const form = bodyToForm(
      { device: { ipv6Address: '2001:db8::1' }, applicationServer: { ipv6Address: '2001:db8::/64' }, qosProfile: 'QOS_L', duration: 60 },
      EMPTY_FORM,
    );
    assert.deepEqual(form, {
      deviceKind: 'ipv6',
      deviceValue: '2001:db8::1',
      applicationServer: '2001:db8::/64',
      qosProfile: 'QOS_L',
      duration: '60',
    });
    assert.deepEqual(formToBody('v1', form), {
      device: { ipv6Address: '2001:db8::1' },
      applicationServer: { ipv6Address: '2001:db8::/64' },
      qosProfile: 'QOS_L',
      duration: 60,
    });
    assert.equal(bodyToForm([1, 2], EMPTY_FORM), EMPTY_FORM);
  });

  it('puts each validation message next to its field', () => {
    assert.equal(fieldOf('device.ipv4Address.publicPort'), 'deviceValue');
    assert.equal(fieldOf('applicationServer.ipv4Address'), 'applicationServer');
    assert.equal(fieldOf('duration'), 'duration');
    assert.equal(fieldOf('sink'), 'json');
  });
});

describe('playground saved state', () => {
  it('keeps the body but not a credential typed into it, even when the JSON is half-typed', () => {
    const body = JSON.stringify(
      {
        qosProfile: 'QOS_E',
        sink: 'https://app.example/notify',
        sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'sink-t0ken-\\"quoted\\"', accessTokenType: 'bearer' },
        webhook: { notificationUrl: 'https://app.example/n', notificationAuthToken: 'c9f2-webhook-secret' },
      },
      null,
      2,
    );
    const saved = withoutCredentials(body);
    assert.ok(!saved.includes('sink-t0ken') && !saved.includes('c9f2-webhook-secret'), saved);
    const restored = JSON.parse(saved);
    assert.equal(restored.sinkCredential.accessToken, NOT_SAVED);
    assert.equal(restored.webhook.notificationAuthToken, NOT_SAVED);
    assert.equal(restored.sinkCredential.credentialType, 'ACCESSTOKEN', 'the rest of the body stays');
    assert.equal(restored.sink, 'https://app.example/notify');
    const halfTyped = '{ "sinkCredential": { "refreshToken": "r-123", "clientSecret": "cs-456", ';
    assert.equal(withoutCredentials(halfTyped), `{ "sinkCredential": { "refreshToken": "${NOT_SAVED}", "clientSecret": "${NOT_SAVED}", `);
  });
});

describe('playground login hint builder', () => {
  it("writes the request form's device as a CAMARA login_hint", () => {
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'phoneNumber', deviceValue: ' +34666666661 ' }), 'tel:+34666666661');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.25:5000' }), 'ipport:203.0.113.25:5000');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.25' }), 'ipport:203.0.113.25');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv6', deviceValue: '2001:db8::1' }), 'ipport:[2001:db8::1]');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'none', deviceValue: '' }), undefined, '3-legged: the token names the device');
  });
});
