// A request to a sandbox that has stopped (a window reload restarts it) says so in words, in the error and in the
// recorded exchange the playground's trace and history show: not "fetch failed", not a bare "refused".
import assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import type { NetworkError } from '../../../src/core/errors';
import { QodClient } from '../../../src/core/camara/qod-client';
import { sandboxEnvironment } from '../../../src/core/environments';
import { HttpTransport } from '../../../src/core/http/transport';
import { startSandbox } from '../../../src/sandbox/server';
import { sandboxClient } from '../../support/core';

describe('a request to a sandbox that is gone', () => {
  it('says nothing is listening at its URL and that the sandbox has stopped or moved', async () => {
    const sb = await startSandbox({ rateLimit: false });
    const signedIn = await sandboxClient(sb, 'v1');
    const created = await signedIn.client.createSession({
      device: { phoneNumber: '+34666666661' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 600,
    });
    const token = await signedIn.auth.accessToken();
    await signedIn.transport.close();
    const origin = new URL(sb.url).origin;
    await sb.close();
    // What a reloaded window, the CLI or a history Re-run does next: a fresh client sends to the URL it had.
    const transport = new HttpTransport();
    const client = new QodClient({ environment: sandboxEnvironment(sb.url, 'v1'), transport, accessToken: async () => token });
    try {
      await assert.rejects(client.getSession(created.value.id), (e: NetworkError) => {
        assert.equal(e.kind, 'refused');
        assert.equal(
          e.message,
          `Nothing is listening at ${origin} (connection refused): the sandbox or local server that answered there ` +
            'has stopped, or runs on another port now. Start it again, or send the request to its current URL.',
        );
        return true;
      });
      // The trace and the history show the recorded exchange: the same words.
      assert.match(
        transport.recorder.list().at(-1)?.error ?? '',
        /^Nothing is listening at http:\/\/127\.0\.0\.1:\d+ \(connection refused\): the sandbox/,
      );
    } finally {
      await transport.close();
    }
  });

  it('elsewhere than loopback, says to check the URL rather than blaming a sandbox', async () => {
    // A dispatcher that refuses as undici does (no network is used).
    const refusing = {
      request: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 192.0.2.1:443'), { code: 'ECONNREFUSED' });
      },
      close: async () => undefined,
    } as unknown as Dispatcher;
    const transport = new HttpTransport({ dispatcher: refusing });
    await assert.rejects(
      transport.send('https://api.example.test/qod/v1/sessions', {}, { kind: 'api' }),
      (e: NetworkError) =>
        e.kind === 'refused' &&
        e.message ===
          'Nothing is listening at https://api.example.test (connection refused): check the URL and that the server is running.',
    );
    await transport.close();
  });
});
