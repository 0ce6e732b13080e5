import assert from 'node:assert/strict';
import { NOT_SAVED, withoutCredentials } from '../../../src/webview/app/saved-state';

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
