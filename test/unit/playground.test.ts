import assert from 'node:assert/strict';
import { renderPlaygroundHtml } from '../../src/vscode/playground/html';
import { parseWebviewMessage } from '../../src/vscode/playground/message-guard';
import { bodyToForm, EMPTY_FORM, fieldOf, formToBody, loginHintFor } from '../../src/webview/app/form-model';
import { NOT_SAVED, withoutCredentials } from '../../src/webview/app/saved-state';

describe('playground HTML', () => {
  const input = { cspSource: 'https://webview.test', nonce: 'abcdefghijklmnop1234', scriptUri: 'https://webview.test/playground.js', styleUri: 'https://webview.test/playground.css' };

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
    for (const bad of [null, 'ready', { type: 'command', method: 'runShell', params: {} }, { type: 'request', id: -1, method: 'send', params: { operation: 'createSession' } },
      { type: 'request', id: 1, method: 'send', params: { operation: 'dropDatabase' } }, { type: 'request', id: 1, method: 'signIn', params: { flow: 'password' } },
      { type: 'command', method: 'openCode', params: { language: 'cobol', code: '' } }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('playground form ↔ JSON', () => {
  it('builds the body in each flavour from the form', () => {
    assert.deepEqual(formToBody('v1', EMPTY_FORM), { device: { phoneNumber: '+34666666661' }, applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 600 });
    assert.deepEqual(formToBody('v0.8', { ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.5' }), { ueId: { ipv4addr: '203.0.113.5' }, asId: { ipv4addr: '198.51.100.10' }, qos: 'QOS_E', duration: 600 });
    assert.deepEqual(formToBody('v1', { ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.5:5000' }).device, { ipv4Address: { publicAddress: '203.0.113.5', publicPort: 5000 } });
    assert.equal(formToBody('v1', { ...EMPTY_FORM, deviceKind: 'none' }).device, undefined);
  });

  it('reads the form back from JSON, and keeps it when the JSON says nothing usable', () => {
    const form = bodyToForm({ device: { ipv6Address: '2001:db8::1' }, applicationServer: { ipv6Address: '2001:db8::/64' }, qosProfile: 'QOS_L', duration: 60 }, EMPTY_FORM);
    assert.deepEqual(form, { deviceKind: 'ipv6', deviceValue: '2001:db8::1', applicationServer: '2001:db8::/64', qosProfile: 'QOS_L', duration: '60' });
    assert.deepEqual(formToBody('v1', form), { device: { ipv6Address: '2001:db8::1' }, applicationServer: { ipv6Address: '2001:db8::/64' }, qosProfile: 'QOS_L', duration: 60 });
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
    const body = JSON.stringify({
      qosProfile: 'QOS_E',
      sink: 'https://app.example/notify',
      sinkCredential: { credentialType: 'ACCESSTOKEN', accessToken: 'sink-t0ken-\\"quoted\\"', accessTokenType: 'bearer' },
      webhook: { notificationUrl: 'https://app.example/n', notificationAuthToken: 'c9f2-webhook-secret' },
    }, null, 2);
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
  it('writes the request form\'s device as a CAMARA login_hint', () => {
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'phoneNumber', deviceValue: ' +34666666661 ' }), 'tel:+34666666661');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.25:5000' }), 'ipport:203.0.113.25:5000');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.25' }), 'ipport:203.0.113.25');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv6', deviceValue: '2001:db8::1' }), 'ipport:[2001:db8::1]');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'none', deviceValue: '' }), undefined, '3-legged: the token names the device');
  });
});
