import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../src/shared/protocol';

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
