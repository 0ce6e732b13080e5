// The playground's host side in plain Node: the HTML and CSP it serves (html.ts) and its dispatch (dispatch.ts).
import assert from 'node:assert/strict';
import { COMMAND_PARAMS, parseWebviewMessage, REQUEST_PARAMS, type ReplyMessage, type WebviewToHost } from '../../src/shared/protocol';
import { dispatch, type CommandHandlers, type RequestHandlers } from '../../src/vscode/playground/dispatch';
import { renderPlaygroundHtml } from '../../src/vscode/playground/html';

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
    advise: { needs: 'latency<=50ms' },
    setNetworkScript: { device: '+34666666661', script: 'network-ends:30s' },
    clearNetworkScript: { device: '+34666666661' },
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
      advise: async () => ({ operators: [] }),
      setNetworkScript: failing,
      clearNetworkScript: async () => ({ description: 'No script' }),
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
        [6, 'advise', true, undefined],
        [7, 'setNetworkScript', false, 'EADDRINUSE'],
        [8, 'clearNetworkScript', true, undefined],
      ],
    );
    assert.equal(replies[1]?.error?.message, 'the sandbox could not start');
    await dispatch({ type: 'command', method: 'copyToken', params: {} } satisfies WebviewToHost, d);
    assert.equal(reported.length, 1, 'a failing command has nobody waiting: it is reported');
    assert.equal(replies.length, 8, 'commands are never answered');
  });

  it('the guard accepts exactly the methods of the tables', () => {
    for (const method of Object.keys(REQUEST_PARAMS))
      assert.ok(parseWebviewMessage({ type: 'request', id: 1, method, params: SAMPLE[method as keyof typeof SAMPLE] }), method);
    for (const method of Object.keys(COMMAND_PARAMS))
      assert.equal(
        parseWebviewMessage({ type: 'command', method, params: {} })?.method,
        ['selectEnvironment', 'openCode', 'copyCode', 'saveSvg', 'saveRequestFile'].includes(method) ? undefined : method,
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
