// The client's side of issue 17's smaller findings, each tested the way it was found: session ids and profile
// names that would climb or reroute the URL never leave the machine (in the core, the CLI and the agent tools);
// lookups by a provider's or a model's word read only the table's own entries; a provider's error code is relayed
// only when it is shaped like a CAMARA code, and what it wrote is cleaned and bounded before anyone sees it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from '../../src/core/auth/auth-error';
import { summariseErrorBody } from '../../src/core/camara/error-body';
import { QodClient, QodValidationError } from '../../src/core/camara/qod-client';
import type { Environment } from '../../src/core/environments';
import { cleanProviderText, forTerminal } from '../../src/core/http/provider-text';
import { HttpTransport } from '../../src/core/http/transport';
import { runTool } from '../../src/core/tools/run-tool';
import type { ToolContext } from '../../src/core/tools/tool-context';
import { findTool } from '../../src/core/tools/tool-table';
import { main } from '../../src/cli/qod';

const HOSTILE_IDS = ['.', '..', '', 'a/b', '../../jwks', '%2e%2e', 'x'.repeat(300), '3fa85f64-5717-4562-b3fc-2c963f66afa6/../x'];

describe('Ids, names and codes from people, models and providers', () => {
  let server: Server;
  let requests = 0;
  let environment: Environment;

  before(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"code":"NOT_FOUND","message":"no"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    environment = {
      id: 'x',
      label: 'X',
      preset: 'custom',
      flavour: 'v1',
      apiBase: url,
      endpoints: { token: `${url}/token` },
      clientId: 'c',
      authMethod: 'client_secret_basic',
      scope: 's',
    };
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = 0;
  });

  it('a session id that is not a UUID (., .., a/b, …) is refused by the core before anything is sent, naming the field', async () => {
    const transport = new HttpTransport();
    const client = new QodClient({ environment, transport, accessToken: async () => 'token-value-1234' });
    for (const id of HOSTILE_IDS) {
      for (const call of [() => client.getSession(id), () => client.deleteSession(id), () => client.extendSession(id, 60)]) {
        const error = await call().catch((e: unknown) => e);
        assert.ok(error instanceof QodValidationError, `${JSON.stringify(id)}: ${String(error)}`);
        assert.match(error.issues[0]?.message ?? '', /^sessionId: must be a UUID/);
      }
    }
    for (const name of ['.', '..', 'a/b', 'QO']) {
      const error = await client.getProfile(name).catch((e: unknown) => e);
      assert.ok(error instanceof QodValidationError, name);
      assert.match(error.issues[0]?.message ?? '', /^name: must be a profile name/);
    }
    assert.equal(requests, 0, 'nothing left the machine');
    assert.equal(transport.recorder.list().length, 0);
    // Any 8-4-4-4-12 hex is a session id: a provider's ids need not carry RFC 9562's version and variant bits.
    const error = await client.getSession('3fa85f64-5717-0562-c3fc-2c963f66afa6').catch((e: unknown) => e);
    assert.equal((error as Error).name, 'QodError', String(error));
    assert.equal(requests, 1);
    await transport.close();
  });

  it('the CLI refuses them with exit 2 before signing in; the agent tools answer "nothing was sent"', async () => {
    const err: string[] = [];
    for (const id of ['.', '..']) {
      const code = await main(
        [
          'session',
          'get',
          id,
          '--env',
          'custom',
          '--api-base',
          environment.apiBase,
          '--token-endpoint',
          `${environment.apiBase}/token`,
          '--client-id',
          'c',
          '--client-credentials',
        ],
        { QOD_CLIENT_SECRET: 'a-client-secret-1' },
        { out: () => undefined, err: (l) => err.push(l) },
      );
      assert.equal(code, 2, err.join('\n'));
    }
    assert.match(err.join('\n'), /sessionId: must be a UUID/);
    // A deadline past the settings' maximum (Node would fire a timer past 2^31 ms at once) is a usage error.
    const tooLong = await main(
      [
        'session',
        'get',
        '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        '--env',
        'custom',
        '--api-base',
        environment.apiBase,
        '--token-endpoint',
        `${environment.apiBase}/token`,
        '--client-id',
        'c',
        '--timeout',
        '2147484',
      ],
      {},
      { out: () => undefined, err: (l) => err.push(l) },
    );
    assert.equal(tooLong, 2);
    assert.match(err.join('\n'), /--timeout must be a number greater than 0 and at most 300/);
    assert.equal(requests, 0, 'not even a sign-in');
    const transport = new HttpTransport();
    const client = new QodClient({ environment, transport, accessToken: async () => 'token-value-1234' });
    const ctx: ToolContext = {
      environment: { id: 'x', label: 'X', flavour: 'v1', sandbox: false },
      signedIn: () => undefined,
      signInHint: 'sign in',
      run: (ref, input) => client.run(ref, input),
    };
    for (const tool of ['qod_get_session', 'qod_delete_session']) {
      const result = await runTool(findTool(tool) as never, ctx, { sessionId: '..' });
      assert.equal(result.isError, true);
      assert.match(result.text, /^Invalid input, nothing was sent: sessionId: must be a UUID/);
    }
    assert.equal(requests, 0);
    await transport.close();
  });

  it('qod_explain_error and sign-in hints read only their own tables: __proto__, constructor, toString are unknown', async () => {
    const explain = findTool('qod_explain_error');
    assert.ok(explain);
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const result = await runTool(explain, {} as ToolContext, { code });
      assert.equal(result.isError, true, code);
      assert.doesNotMatch(result.text, /undefined|function/, code);
      const auth = new AuthError(code, 'x');
      assert.equal(auth.hint, undefined, code);
      assert.doesNotMatch(auth.message, /function|native code/, code);
    }
    const known = await runTool(explain, {} as ToolContext, { code: 'CONFLICT' });
    assert.equal(known.isError, false);
    assert.match(known.text, /^CONFLICT \(HTTP 409\)/);
  });

  it("a provider's code is relayed only when CAMARA-shaped; messages are cleaned of escapes and bounded to 512", () => {
    const long = summariseErrorBody(
      401,
      'application/json',
      JSON.stringify({ status: 401, code: `${'A'.repeat(21_640)} Bearer x`, message: 'x' }),
    );
    assert.equal(long.code, 'HTTP_401');
    assert.match(long.message, /the provider's error code was left out/);
    assert.ok(long.message.length < 700);
    const lower = summariseErrorBody(400, 'application/json', '{"status":400,"code":"Bearer abc","message":"m"}');
    assert.equal(lower.code, 'HTTP_400');
    const ok = summariseErrorBody(
      409,
      'application/json',
      '{"status":409,"code":"QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED","message":"m"}',
    );
    assert.equal(ok.code, 'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED');
    const escaped = summariseErrorBody(
      400,
      'application/json',
      JSON.stringify({ status: 400, code: 'INVALID_ARGUMENT', message: `a\u001b]0;title\u0007b\u001b[2Jc\u202ed${'e'.repeat(900)}` }),
    );
    assert.match(escaped.message, /^abcde+…$/);
    assert.equal(escaped.message.length, 512);
    const html = summariseErrorBody(502, 'text/html', `<html><title>\u001b]8;;http://x\u001b\\Gateway</title></html>`);
    assert.match(html.message, /\("Gateway"\)/);
  });

  it('cleans provider text for people and agents, and makes any control visible for a terminal', () => {
    assert.equal(cleanProviderText('\u001b]0;pwned\u0007Title\u001bc ok'), 'Title ok');
    assert.equal(cleanProviderText('line\nbreak\u2028sep'), 'line break sep');
    assert.equal(forTerminal('a\u001b[2Jb\n\tc\u009b'), 'a\\u001b[2Jb\n\tc\\u009b');
  });
});
