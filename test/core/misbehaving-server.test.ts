// The client against a provider that misbehaves (a local loopback server that answers wrongly on purpose):
// every case is a clear error that says what was expected and what came, never `undefined`, `NaN` or a crash.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createAuthContext } from '../../src/core/auth/auth-context';
import { AuthError } from '../../src/core/auth/auth-error';
import { signInWithClientCredentials } from '../../src/core/auth/client-credentials';
import { QodClient, QodConfigurationError, QodError, QodResponseError } from '../../src/core/camara/qod-client';
import type { Environment } from '../../src/core/environments';
import { NetworkError } from '../../src/core/errors';
import { formatExchange } from '../../src/core/http/log-format';
import { HttpTransport } from '../../src/core/http/transport';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const SESSION = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.secret-access-token-value.signature';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** One answer per "METHOD path"; each test sets the ones it needs. */
const answers = new Map<string, Handler>();
let server: Server;
let base: string;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };

function environment(apiBase = `${base}/qod`, flavour: Environment['flavour'] = 'v1'): Environment {
  return {
    id: 'misbehaving',
    label: 'Misbehaving',
    preset: 'custom',
    apiBase,
    paths: { sessions: '', profiles: '/p' },
    flavour,
    issuer: undefined,
    endpoints: { token: `${base}/token` },
    clientId: 'c',
    authMethod: 'client_secret_basic',
    scope: 'x',
  };
}

function client(env = environment(), transport = new HttpTransport({ timeouts: { headersMs: 500, bodyMs: 500 } })): QodClient {
  transport.redactor.addSecret(TOKEN);
  return new QodClient({ environment: env, transport, accessToken: async () => TOKEN, maxRetryDelayMs: 1500 });
}

/** A create the provider answers; what the client makes of the answer (a session or an error). */
const create = (): Promise<unknown> =>
  client()
    .createSession({
      device: { phoneNumber: '+34666666661' },
      applicationServer: { ipv4Address: '198.51.100.1' },
      qosProfile: 'QOS_E',
      duration: 60,
    })
    .catch((e: unknown) => e);

/** A sign-in context whose token endpoint is the misbehaving server. */
const tokenContext = (transport: HttpTransport, authMethod: 'client_secret_basic' | 'client_secret_post' = 'client_secret_basic') =>
  createAuthContext(
    { endpoints: { token: `${base}/token` }, clientId: 'c', authMethod },
    { clientSecret: 'client-secret-for-test' },
    transport,
  );

describe('The client against a misbehaving provider', () => {
  before(async () => {
    server = createServer((req, res) => {
      const handler = answers.get(`${req.method} ${req.url}`);
      req.resume();
      if (handler) handler(req, res);
      else res.writeHead(599).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => answers.clear());

  it('a 200 of the wrong shape is a QodResponseError naming what was expected, not `undefined` on screen', async () => {
    answers.set(`GET /qod/sessions/${SESSION}`, json(200, { id: 1, hello: 'world' }));
    const error = await client()
      .getSession(SESSION)
      .catch((e: unknown) => e);
    assert.ok(error instanceof QodResponseError, String(error));
    assert.match(error.message, /answered 200 but not with a SessionInfo object \(QoD v1\)/);
    assert.match(error.message, /sessionId: is required/);
    assert.doesNotMatch(error.message, /undefined|NaN/);
    for (const [path, body] of [
      ['/qod/retrieve-sessions', { not: 'an array' }],
      ['/qod/retrieve-sessions', '{"trunc'],
    ] as const) {
      answers.set(`POST ${path}`, json(200, body));
      const e = await client()
        .retrieveSessions({ phoneNumber: '+34666666661' })
        .catch((x: unknown) => x);
      assert.ok(e instanceof QodResponseError, String(e));
    }
    answers.set('POST /qod/p/retrieve-qos-profiles', json(200, [{ name: 'QOS_E' }]));
    const profiles = await client(environment(`${base}/qod`))
      .listProfiles()
      .catch((x: unknown) => x);
    assert.ok(profiles instanceof QodResponseError);
    assert.match((profiles as Error).message, /\[0\]\.status/);
  });

  it('error bodies that are not CAMARA JSON are one readable line with a hint', async () => {
    const cases: Array<[Handler, RegExp, string]> = [
      [
        (_q, r) =>
          r
            .writeHead(502, { 'content-type': 'text/html' })
            .end('<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>'),
        /HTML page \("502 Bad Gateway"\)/,
        'HTTP_502',
      ],
      [
        json(401, { error: 'invalid_token', error_description: 'The access token expired' }),
        /OAuth-style error.*invalid_token: The access token expired/,
        'HTTP_401',
      ],
      [(_q, r) => r.writeHead(401).end(), /HTTP 401 with an empty body/, 'HTTP_401'],
      [json(500, ['unexpected']), /HTTP 500: \["unexpected"\]/, 'HTTP_500'],
      [json(503, { weird: true }), /JSON body that is not a CAMARA error \(fields: weird\)/, 'HTTP_503'],
      [
        (_q, r) => r.writeHead(400, { 'content-type': 'text/plain' }).end(`bad request\n${'x'.repeat(5000)}`),
        /^HTTP 400: bad request x{490,510}…$/,
        'HTTP_400',
      ],
      [json(409, { status: 409, code: 'CONFLICT', message: 'Another session exists' }), /^Another session exists$/, 'CONFLICT'],
    ];
    for (const [handler, message, code] of cases) {
      answers.set('POST /qod/sessions', handler);
      const error = await create();
      assert.ok(error instanceof QodError, String(error));
      assert.equal(error.code, code);
      assert.match(error.apiMessage, message);
      assert.ok(error.apiMessage.length <= 600, 'one line, bounded (CAMARA: a message is at most 512 characters)');
      assert.ok(error.fix, `a hint for ${code}`);
      assert.doesNotMatch(error.message, /<html|is not a function|undefined/);
    }
  });

  it('honours Retry-After, and reports a wait longer than it will sleep instead of cutting it short', async () => {
    let calls = 0;
    answers.set(`GET /qod/sessions/${SESSION}`, (req, res) => {
      calls++;
      if (calls === 1) return json(429, { status: 429, code: 'TOO_MANY_REQUESTS', message: 'slow down' }, { 'retry-after': '1' })(req, res);
      json(200, {
        sessionId: SESSION,
        applicationServer: { ipv4Address: '198.51.100.1' },
        qosProfile: 'QOS_E',
        duration: 60,
        qosStatus: 'REQUESTED',
      })(req, res);
    });
    const started = Date.now();
    const ok = await client().getSession(SESSION);
    assert.equal(ok.value.id, SESSION);
    assert.equal(calls, 2);
    assert.ok(Date.now() - started >= 950, 'waited as asked');

    answers.set(
      `DELETE /qod/sessions/${SESSION}`,
      json(503, { status: 503, code: 'UNAVAILABLE', message: 'maintenance' }, { 'retry-after': '3600' }),
    );
    const long = await client()
      .deleteSession(SESSION)
      .catch((e: unknown) => e);
    assert.ok(long instanceof QodError);
    assert.equal(long.retryAfterSeconds, 3600);
    assert.match(long.apiMessage, /asks to retry after 3600 s, longer than this client waits \(2 s\)/);

    answers.set('POST /qod/sessions', json(429, { status: 429, code: 'QUOTA_EXCEEDED', message: 'quota' }, { 'retry-after': '30' }));
    const quota = await create();
    assert.ok(quota instanceof QodError);
    assert.match(quota.apiMessage, /retry after 30 s/);
  });

  it('a connection closed in the middle of a create says the session may exist and how to find it', async () => {
    answers.set('POST /qod/sessions', (req) => req.socket.destroy());
    const error = await create();
    assert.ok(error instanceof NetworkError, String(error));
    assert.match(error.message, /may have been created.*list the device's sessions/);
    answers.set('POST /qod/sessions', () => undefined); // hangs: the headers timeout ends it
    const hung = await create();
    assert.ok(hung instanceof NetworkError);
    assert.match(hung.message, /did not answer in time.*may have been created/);
  });

  it('never sends a bearer token in clear text: an http API base that is not loopback is refused before any request', async () => {
    let requested = false;
    const transport = new HttpTransport();
    transport.recorder.onExchange(() => {
      requested = true;
    });
    const error = await client(environment('http://qod.example.com/quality-on-demand/v1'), transport)
      .getSession(SESSION)
      .catch((e: unknown) => e);
    assert.ok(error instanceof QodConfigurationError, String(error));
    assert.match(error.message, /must use https/);
    assert.equal(requested, false);
  });

  it('a token reply sent as text/plain, or cut short, shows no token in the exchange or the verbose log', async () => {
    const reply = JSON.stringify({
      access_token: 'at-plain-0123456789',
      refresh_token: 'rt-plain-0123456789',
      token_type: 'Bearer',
      expires_in: 60,
    });
    for (const [type, body] of [
      ['text/plain', reply],
      ['application/json', reply.slice(0, 60)],
      ['text/html', reply.slice(0, 80)],
      [undefined, reply],
    ] as const) {
      answers.set('POST /token', (_q, r) => r.writeHead(200, type ? { 'content-type': type } : {}).end(body));
      const transport = new HttpTransport();
      const ctx = await tokenContext(transport);
      await signInWithClientCredentials(ctx, 'x').catch(() => undefined);
      const recorded = transport.recorder
        .list()
        .map((e) => formatExchange(e, true))
        .join('\n');
      assert.doesNotMatch(recorded, /at-plain-|rt-plain-|client-secret-for-test/, `${type}: ${recorded}`);
      assert.match(recorded, /token_type|REDACTED/);
    }
  });

  it('an authorization server that answers HTML, a truncated or empty body is one readable line with a hint', async () => {
    const cases: Array<[Handler, RegExp]> = [
      [
        (_q, r) => r.writeHead(502, { 'content-type': 'text/html' }).end('<html><title>Bad Gateway</title></html>'),
        /answered HTTP 502: an HTML page \("Bad Gateway"\), not an OAuth error.*try again later/,
      ],
      [json(200, '{"access_tok'), /answered HTTP 200 with a body that is not an OAuth JSON object/],
      [(_q, r) => r.writeHead(401).end(), /answered HTTP 401 with an empty body.*check the client id/],
    ];
    for (const [handler, message] of cases) {
      answers.set('POST /token', handler);
      const ctx = await tokenContext(new HttpTransport());
      const error = await signInWithClientCredentials(ctx, 'x').catch((e: unknown) => e);
      assert.ok(error instanceof AuthError, String(error));
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /<html|undefined|\n/);
    }
  });

  it('error_description echoed by the provider is scrubbed of every known secret', async () => {
    answers.set(
      'POST /token',
      json(401, { error: 'invalid_client', error_description: 'client_secret client-secret-for-test is wrong for c' }),
    );
    const transport = new HttpTransport();
    const ctx = await tokenContext(transport, 'client_secret_post');
    const error = await signInWithClientCredentials(ctx, 'x').catch((e: unknown) => e);
    assert.ok(error instanceof AuthError, String(error));
    assert.doesNotMatch(error.message, /client-secret-for-test/);
    assert.match(error.message, /\[REDACTED\] is wrong/);
  });
});

describe('qod CLI against a misbehaving provider', () => {
  let local: Server;
  let url: string;
  before(async () => {
    local = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ surprise: true }));
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(local.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((resolve) => local.close(() => resolve())));

  async function qod(args: string[], env: Record<string, string> = {}, input?: string) {
    const child = run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/qod.ts'), ...args], {
      env: { PATH: process.env.PATH ?? '', QOD_ACCESS_TOKEN: TOKEN, ...env },
      cwd: ROOT,
      timeout: 30_000,
    });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    try {
      const { stdout, stderr } = await child;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const custom = () => ['--env', 'custom', '--api-base', `${url}/qod`, '--client-id', 'c', '--token-endpoint', `${url}/token`];

  it('a 200 of the wrong shape exits 1 with what was expected and what came, never "session undefined"', async () => {
    const got = await qod(['session', 'get', SESSION, ...custom()]);
    assert.equal(got.code, 1, got.stderr);
    assert.match(got.stderr, /answered 200 but not with a SessionInfo object/);
    assert.match(got.stderr, /sessionId: is required/);
    assert.doesNotMatch(got.stdout + got.stderr, /undefined|NaN|is not a function/);
    const profiles = await qod(['profiles', ...custom()]);
    assert.equal(profiles.code, 1);
    assert.match(profiles.stderr, /not with an array of QosProfile objects/);
    assert.doesNotMatch(profiles.stderr, /padEnd|map is not a function/);
  });

  it('usage errors are reported before any network call (exit 2, nothing sent)', async () => {
    const unreachable = [
      '--env',
      'custom',
      '--api-base',
      'https://203.0.113.1/qod',
      '--client-id',
      'c',
      '--token-endpoint',
      'https://203.0.113.1/token',
    ];
    for (const args of [
      ['sesion', 'get', SESSION],
      ['session', 'fetch', SESSION],
      ['session', 'get'],
      ['session', 'extend', SESSION, '--seconds', 'ten'],
      ['session', 'get', SESSION, '--nope'],
    ]) {
      const r = await qod([...args, ...unreachable]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /network error/);
    }
  });

  it('--body takes @file or - (stdin), and warns when a credential is typed on the command line', async () => {
    const body = JSON.stringify({
      device: { phoneNumber: '+34666666661' },
      applicationServer: { ipv4Address: '198.51.100.1' },
      qosProfile: 'QOS_E',
      duration: 60,
      sink: 'https://app.example/n',
      sinkCredential: {
        credentialType: 'ACCESSTOKEN',
        accessToken: 'sink-secret-0123456789',
        accessTokenExpiresUtc: '2099-01-01T00:00:00Z',
        accessTokenType: 'bearer',
      },
    });
    const file = join(mkdtempSync(join(tmpdir(), 'qod-body-')), 'body.json');
    writeFileSync(file, body);
    for (const [args, input] of [[['--body', `@${file}`]], [['--body', '-'], body]] as const) {
      const r = await qod(['session', 'create', ...custom(), ...args], {}, input);
      assert.equal(r.code, 1, r.stderr); // the body was read and sent; the server's answer is the wrong shape
      assert.match(r.stderr, /not with a SessionInfo object/);
      assert.doesNotMatch(r.stderr, /warning/);
    }
    const inline = await qod(['session', 'create', ...custom(), '--body', body]);
    assert.match(inline.stderr, /warning: --body \(accessToken\) carries a credential/);
    assert.doesNotMatch(inline.stderr + inline.stdout, /sink-secret-0123456789/);
    const missing = await qod(['session', 'create', ...custom(), '--body', '@/no/such/file.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the file \(ENOENT\)/);
  });
});
