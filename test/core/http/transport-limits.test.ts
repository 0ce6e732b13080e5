// Every request is bounded in time and size, whatever the provider does on the wire: a provider that
// trickles one byte at a time (each byte resets undici's per-chunk body timeout) is stopped at the overall
// deadline, and one that sends 100 MB is stopped at the size cap with the connection closed. In the core
// transport, the QoD client, the OIDC requests, and the `qod` command line as a separate process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createAuthContext } from '../../../src/core/auth/auth-context';
import { signInWithClientCredentials } from '../../../src/core/auth/client-credentials';
import { QodClient } from '../../../src/core/camara/qod-client';
import type { Environment } from '../../../src/core/environments';
import { NetworkError } from '../../../src/core/errors';
import { DeadlineExceededError, ResponseTooLargeError } from '../../../src/core/http/limits';
import { HttpTransport } from '../../../src/core/http/transport';
import { HUGE_BYTES, SESSION_ID, startHostileServer, type HostileServer } from '../../support/hostile-server';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.limits-test-access-token.signature';

/** The promise, or a failure that says what was still pending: no test waits unbounded. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still going after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('request limits: the overall deadline and the response size cap', function () {
  this.timeout(30_000);
  let hostile: HostileServer;
  const transports: HttpTransport[] = [];
  const transport = (options: ConstructorParameters<typeof HttpTransport>[0] = {}) => {
    const t = new HttpTransport(options);
    transports.push(t);
    return t;
  };

  before(async () => {
    hostile = await startHostileServer();
  });
  after(async () => {
    await Promise.all(transports.map((t) => t.close().catch(() => undefined)));
    await hostile.close();
  });

  describe('the core transport', () => {
    it('stops a body trickled one byte every 250 ms at the overall deadline, in words, and records it', async () => {
      const t = transport({ timeouts: { totalMs: 1500 } });
      const started = Date.now();
      const error = await within(8000, 'a trickled body', failure(t.send(`${hostile.url}/trickle`, {}, { kind: 'api' })));
      const elapsed = Date.now() - started;
      assert.ok(error instanceof DeadlineExceededError, String(error));
      assert.ok(error instanceof NetworkError && error.kind === 'timeout');
      assert.match(error.message, /127\.0\.0\.1:\d+ did not finish answering within 1\.5 s .*stopped waiting/);
      assert.match(error.message, /qod\.http\.timeoutSeconds/);
      assert.ok(elapsed >= 1400 && elapsed < 4000, `stopped at the deadline (${elapsed} ms)`);
      const exchange = t.recorder.list().at(-1);
      assert.match(exchange?.error ?? '', /did not finish answering/);
      // The caller cancelling before the deadline is still a cancellation, not a timeout.
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 300);
      const request = t.send(`${hostile.url}/trickle`, {}, { kind: 'api', signal: abort.signal });
      const cancelled = await within(4000, 'a cancelled request', failure(request));
      assert.equal((cancelled as Error)?.name, 'CancelledError', String(cancelled));
    });

    it('stops a 100 MB chunked answer at a small cap, closes the connection, and says so', async () => {
      const t = transport({ maxResponseBytes: 64 * 1024 });
      const error = await within(10_000, 'a 100 MB answer', failure(t.send(`${hostile.url}/huge/chunked`, {}, { kind: 'api' })));
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.equal(error.kind, 'too_large');
      assert.equal(error.limitBytes, 64 * 1024);
      assert.match(error.message, /^The provider's answer \(127\.0\.0\.1:\d+\) was larger than 64 KiB; stopped reading\./);
      assert.match(error.message, /qod\.http\.maxResponseBytes/);
      const record = hostile.sent.get('/huge/chunked');
      const hungUp = (async () => {
        while (!record?.clientClosed) await new Promise((r) => setTimeout(r, 20));
      })();
      await within(3000, 'the server seeing the hang-up', hungUp);
      assert.ok((record?.bytes ?? 0) < HUGE_BYTES / 4, `the connection was closed early (${record?.bytes} bytes written)`);
      assert.match(t.recorder.list().at(-1)?.error ?? '', /larger than 64 KiB/);
    });

    it('a declared Content-Length past the cap fails before the body is read', async () => {
      const t = transport({ maxResponseBytes: 1024 * 1024 });
      const error = await within(10_000, 'a declared 100 MB answer', failure(t.send(`${hostile.url}/huge/declared`, {}, { kind: 'api' })));
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.match(error.message, /larger than 1 MiB; stopped reading/);
    });

    it('by default: a 100 MB answer stops at 4 MiB, a 1 MiB answer is read whole', async () => {
      const t = transport();
      const huge = t.send(`${hostile.url}/huge/default`, {}, { kind: 'api' });
      const error = await within(10_000, 'a 100 MB answer, default cap', failure(huge));
      assert.ok(error instanceof ResponseTooLargeError, String(error));
      assert.match(error.message, /larger than 4 MiB/);
      const ok = await within(10_000, 'a 1 MiB answer', t.send(`${hostile.url}/big/1048576`, {}, { kind: 'api' }));
      assert.equal(ok.status, 200);
      assert.equal(ok.text.length, 1024 * 1024);
    });
  });

  describe('every request of the product goes through the limits', () => {
    function environment(apiBase: string): Environment {
      return {
        id: 'hostile',
        label: 'Hostile',
        preset: 'custom',
        apiBase,
        flavour: 'v1',
        issuer: undefined,
        endpoints: { token: `${hostile.url}/token` },
        clientId: 'c',
        authMethod: 'client_secret_basic',
        scope: 'x',
      };
    }

    it('a QoD call: a trickled session is a NetworkError timeout at the deadline; a huge one is too large', async () => {
      const t = transport({ timeouts: { totalMs: 1000 }, maxResponseBytes: 64 * 1024 });
      const slow = new QodClient({ environment: environment(`${hostile.url}/trickle/qod`), transport: t, accessToken: async () => TOKEN });
      const e1 = await within(8000, 'getSession, trickled', failure(slow.getSession(SESSION_ID)));
      assert.ok(e1 instanceof DeadlineExceededError, String(e1));
      const big = new QodClient({ environment: environment(`${hostile.url}/huge/qod`), transport: t, accessToken: async () => TOKEN });
      const e2 = await within(8000, 'getSession, huge', failure(big.getSession(SESSION_ID)));
      assert.ok(e2 instanceof ResponseTooLargeError, String(e2));
    });

    it('OIDC: discovery and the token request are bounded the same way', async () => {
      const t = transport({ timeouts: { totalMs: 1000 }, maxResponseBytes: 64 * 1024 });
      const credentials = { clientSecret: 'limits-test-secret' };
      const discovery = await within(
        8000,
        'discovery, trickled',
        failure(createAuthContext({ issuer: `${hostile.url}/trickle`, clientId: 'c', authMethod: 'client_secret_basic' }, credentials, t)),
      );
      assert.ok(discovery instanceof DeadlineExceededError, String(discovery));
      const config = { endpoints: { token: `${hostile.url}/huge/token` }, clientId: 'c', authMethod: 'client_secret_basic' } as const;
      const ctx = await createAuthContext(config, credentials, t);
      const token = await within(8000, 'a token request, huge', failure(signInWithClientCredentials(ctx, 'x')));
      assert.ok(token instanceof ResponseTooLargeError, String(token));
    });
  });

  describe('qod (a separate process)', () => {
    async function qod(args: string[], env: Record<string, string> = {}) {
      const started = Date.now();
      try {
        const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/qod.ts'), ...args], {
          env: { PATH: process.env.PATH ?? '', QOD_ACCESS_TOKEN: TOKEN, ...env },
          cwd: ROOT,
          timeout: 20_000,
        });
        return { code: 0, stdout, stderr, ms: Date.now() - started };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string; killed?: boolean };
        assert.ok(!e.killed, `qod ${args.join(' ')} was still running after 20 s`);
        return { code: e.code, stdout: e.stdout, stderr: e.stderr, ms: Date.now() - started };
      }
    }
    const custom = (path: string) => [
      '--env',
      'custom',
      '--api-base',
      `${hostile.url}${path}`,
      '--client-id',
      'c',
      '--token-endpoint',
      `${hostile.url}/token`,
    ];

    it('session get, trickled, with --timeout 1: exit 4 in words at the deadline; bad limits are usage errors', async () => {
      const got = await qod(['session', 'get', SESSION_ID, ...custom('/trickle/qod'), '--timeout', '1']);
      assert.equal(got.code, 4, got.stderr);
      assert.match(got.stderr, /network error: 127\.0\.0\.1:\d+ did not finish answering within 1 s/);
      assert.ok(got.ms < 12_000, `${got.ms} ms`);
      const json = await qod(['session', 'get', SESSION_ID, ...custom('/trickle/qod'), '--json'], { QOD_HTTP_TIMEOUT_SECONDS: '1' });
      assert.equal(json.code, 4, json.stderr);
      assert.equal(JSON.parse(json.stdout).error.code, 'NETWORK_TIMEOUT');
      // A limit that is not a positive number: exit 2 before anything is sent.
      for (const args of [['--timeout', '0'], ['--timeout', 'soon'], ['--max-response-bytes=-1'], ['--max-response-bytes', '1.5']]) {
        const bad = await qod(['session', 'get', SESSION_ID, ...custom('/huge/usage'), ...args]);
        assert.equal(bad.code, 2, `${args.join(' ')}: ${bad.stderr}`);
        assert.match(bad.stderr, /must be (a number greater than 0|a whole number)/);
      }
      assert.ok(![...hostile.sent.keys()].some((path) => path.startsWith('/huge/usage')), 'nothing was sent');
    });

    it('session get against a 100 MB answer with --max-response-bytes: exit 4, "stopped reading", nothing of it printed', async () => {
      const got = await qod(['session', 'get', SESSION_ID, ...custom('/huge/qod'), '--max-response-bytes', '65536', '--json']);
      assert.equal(got.code, 4, got.stderr);
      assert.match(got.stderr, /larger than 64 KiB; stopped reading/);
      assert.equal(JSON.parse(got.stdout).error.code, 'NETWORK_TOO_LARGE');
      assert.ok(got.stdout.length + got.stderr.length < 4096, 'the answer itself is not printed');
    });
  });
});
