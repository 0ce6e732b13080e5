// Exported code actually runs: each snippet is executed against the sandbox and must create a session, and must
// exit non-zero, saying why in words, when a step fails (a 4xx, a refused secret, nothing listening).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Authenticator } from '../../../src/core/auth/authenticator';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { TokenCache } from '../../../src/core/auth/token-cache';
import { API_VERSIONS } from '../../../src/core/camara/flavour';
import {
  EXPORT_LANGUAGES,
  generateSnippet,
  SNIPPET_LANGUAGES,
  type ExportLanguage,
  type SnippetLanguage,
  type SnippetRequest,
} from '../../../src/core/codegen';
import { snippetFor } from '../../../src/core/codegen/for-environment';
import { sandboxEnvironment } from '../../../src/core/environments';
import { HttpTransport } from '../../../src/core/http/transport';
import { withSandbox } from '../../support/sandbox';

const run = promisify(execFile);
const RUNNERS: Record<SnippetLanguage, (file: string) => [string, string[]]> = {
  curl: (f) => ['bash', [f]],
  javascript: (f) => [process.execPath, [f]],
  python: (f) => ['python3', [f]],
  java: (f) => ['java', [f]],
};

describe('code export runs against the sandbox', () => {
  const { sb } = withSandbox({ cibaInterval: 1 });
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'qod-snippets-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<{ language: SnippetLanguage; flow: SnippetRequest['flow']; clientAuth: SnippetRequest['clientAuth']; digit: number }> =
    [
      { language: 'curl', flow: 'ciba', clientAuth: 'client_secret_basic', digit: 1 },
      { language: 'javascript', flow: 'ciba', clientAuth: 'client_secret_basic', digit: 2 },
      { language: 'python', flow: 'ciba', clientAuth: 'client_secret_basic', digit: 3 },
      { language: 'java', flow: 'ciba', clientAuth: 'client_secret_basic', digit: 4 },
      { language: 'curl', flow: 'client_credentials', clientAuth: 'client_secret_post', digit: 0 },
      { language: 'python', flow: 'client_credentials', clientAuth: 'client_secret_post', digit: 0 },
    ];

  /** The machine is documented to have bash/curl, python3 with requests and a JDK; say so if one is missing. */
  const missing = (language: SnippetLanguage): string | undefined => {
    const probe: Record<SnippetLanguage, [string, string[]]> = {
      curl: ['curl', ['--version']],
      javascript: [process.execPath, ['--version']],
      python: ['python3', ['-c', 'import requests']],
      java: ['java', ['-version']],
    };
    const [command, args] = probe[language];
    return spawnSync(command, args).status === 0 ? undefined : `${command} ${args.join(' ')} failed`;
  };

  for (const c of cases) {
    it(`${c.language}, ${c.flow} with ${c.clientAuth}: creates a session (201)`, async function () {
      this.timeout(60_000);
      const why = missing(c.language);
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      const post = c.clientAuth === 'client_secret_post';
      const phone = `+3466666${c.language.length}${String(c.digit)}${post ? 0 : 1}${c.digit}`;
      const request: SnippetRequest = {
        flow: c.flow,
        tokenEndpoint: `${sb.url}/token`,
        bcAuthorizeEndpoint: `${sb.url}/bc-authorize`,
        loginHint: `tel:${phone}`,
        scope: 'dpv:RequestedServiceProvision#qod',
        clientId: post ? 'qod-demo-post' : 'qod-demo',
        clientAuth: c.clientAuth,
        method: 'POST',
        url: `${sb.urls.qodV1}/sessions`,
        body: {
          ...(c.flow === 'client_credentials' ? { device: { phoneNumber: phone } } : {}),
          applicationServer: { ipv4Address: '198.51.100.10' },
          qosProfile: 'QOS_E',
          duration: 120,
        },
      };
      const code = generateSnippet(c.language, request);
      const secret = post ? 'qod-demo-post-secret' : 'qod-demo-secret';
      assert.ok(!code.includes(secret), 'the secret is never in the code');
      assert.match(code, /QOD_CLIENT_SECRET/);
      const file = join(dir, `${c.language}-${c.flow}-${SNIPPET_LANGUAGES.find((l) => l.id === c.language)?.file}`);
      writeFileSync(file, code);
      const [command, args] = RUNNERS[c.language](file);
      const { stdout } = await run(command, args, {
        env: { PATH: process.env.PATH ?? '', QOD_CLIENT_SECRET: secret, HOME: process.env.HOME ?? '' },
        timeout: 55_000,
      });
      assert.match(stdout, /HTTP 201/, stdout);
      const session = JSON.parse(stdout.slice(0, stdout.lastIndexOf('HTTP')).trim()) as { sessionId: string; qosStatus: string };
      assert.match(session.sessionId, /^[0-9a-f-]{36}$/);
    });
  }

  /** A port nothing listens on: bound, read, and let go. */
  const closedPort = async (): Promise<number> => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  };

  /** Runs a snippet that must fail: its exit code, and what it printed on both streams. */
  const runFailing = async (
    language: SnippetLanguage,
    request: SnippetRequest,
    secret: string,
  ): Promise<{ code: number; output: string }> => {
    const file = join(dir, `${language}-failing-${SNIPPET_LANGUAGES.find((l) => l.id === language)?.file}`);
    writeFileSync(file, generateSnippet(language, request));
    const [command, args] = RUNNERS[language](file);
    try {
      const { stdout, stderr } = await run(command, args, {
        env: { PATH: process.env.PATH ?? '', QOD_CLIENT_SECRET: secret, HOME: process.env.HOME ?? '' },
        timeout: 55_000,
      });
      return { code: 0, output: `${stdout}${stderr}` };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };

  const clientCredentials = (over: Partial<SnippetRequest> = {}): SnippetRequest => ({
    flow: 'client_credentials',
    tokenEndpoint: `${sb.url}/token`,
    scope: 'dpv:RequestedServiceProvision#qod',
    clientId: 'qod-demo',
    clientAuth: 'client_secret_basic',
    method: 'GET',
    url: `${sb.urls.qodV1}/sessions/${randomUUID()}`,
    ...over,
  });
  /** A stack trace in any of the four languages. */
  const STACK = /Traceback|^\s+at .+\(.+:\d+|Exception in thread|node:internal/m;

  for (const language of ['curl', 'javascript', 'python', 'java'] as const) {
    describe(`${language}: a failed step exits non-zero with the status and body`, () => {
      beforeEach(function () {
        const why = missing(language);
        if (why) {
          console.log(`      skipped: ${why}`);
          this.skip();
        }
      });

      it('the QoD call answers 404', async function () {
        this.timeout(60_000);
        const { code, output } = await runFailing(language, clientCredentials(), 'qod-demo-secret');
        assert.notEqual(code, 0, output);
        assert.match(output, /the QoD call failed: HTTP 404/);
        assert.match(output, /"code": ?"NOT_FOUND"/, 'the body too');
        assert.doesNotMatch(output, STACK);
      });

      it('the token endpoint answers 401 (a wrong secret)', async function () {
        this.timeout(60_000);
        const { code, output } = await runFailing(language, clientCredentials(), 'not-the-secret');
        assert.notEqual(code, 0, output);
        assert.match(output, /sign-in failed: HTTP 401 .*invalid_client/);
        assert.doesNotMatch(output, STACK);
        assert.doesNotMatch(output, /not-the-secret/, 'the secret is not printed');
      });

      it('nothing listens at the URL: one line says so, no stack trace', async function () {
        this.timeout(60_000);
        const port = await closedPort();
        const { code, output } = await runFailing(
          language,
          clientCredentials({
            tokenEndpoint: `http://127.0.0.1:${port}/token`,
            url: `http://127.0.0.1:${port}/quality-on-demand/v1/sessions/x`,
          }),
          'qod-demo-secret',
        );
        assert.notEqual(code, 0, output);
        assert.match(
          output,
          new RegExp(
            `Nothing is listening at http://127\\.0\\.0\\.1:${port} \\(.*\\)\\. If it was the local sandbox, it has stopped or runs on another port now`,
          ),
        );
        assert.equal(output.trim().split('\n').length, 1, `one line (curl's own message folded in):\n${output}`);
        assert.doesNotMatch(output, STACK);
        assert.doesNotMatch(output, /fetch failed/);
      });
    });
  }

  it('the JavaScript imports crypto (global crypto needs Node 19+, the header says 18+)', () => {
    const code = generateSnippet('javascript', clientCredentials());
    assert.match(code, /^\/\/ Run with Node 18\+/m);
    assert.match(code, /^import \{ randomUUID \} from 'node:crypto';$/m);
    assert.doesNotMatch(code, /(?<![.\w])crypto\./, 'no global crypto');
  });

  it('says in a comment which device it signs in as and why; a hint cannot break out of the comment', () => {
    const ciba = (loginHint: string, loginHintFrom: SnippetRequest['loginHintFrom']): SnippetRequest =>
      clientCredentials({ flow: 'ciba', bcAuthorizeEndpoint: `${sb.url}/bc-authorize`, loginHint, loginHintFrom });
    const marker: Record<SnippetLanguage, string> = { curl: '#', javascript: '//', python: '#', java: '//' };
    for (const language of SNIPPET_LANGUAGES.map((l) => l.id)) {
      const signedIn = generateSnippet(language, ciba('tel:+34666666661', 'sign-in'));
      assert.ok(
        signedIn.includes(
          `${marker[language]} Signs in as "tel:+34666666661": the device of your current sign-in, so this script repeats the request you ran.`,
        ),
        language,
      );
      assert.ok(signedIn.includes(`${marker[language]} A login hint edited since then is used once you sign in with it`), language);
      const fromSettings = generateSnippet(language, ciba('tel:+34666666662', 'environment'));
      assert.ok(fromSettings.includes(`${marker[language]} Signs in as "tel:+34666666662": the environment's login hint`), language);
      const hostile = generateSnippet(language, ciba('tel:+1\nrm -rf ~', 'sign-in'));
      assert.ok(
        hostile.includes(`${marker[language]} Signs in as "tel:+1\\nrm -rf ~": the device`),
        `${language}: the hint stays on its comment line`,
      );
    }
    // Client credentials: the device is in the body, no login hint to explain.
    assert.doesNotMatch(generateSnippet('python', clientCredentials()), /Signs in as/);
  });

  it('names the API version it is written for, in every language and the request file', () => {
    const marker: Record<ExportLanguage, string> = { curl: '#', javascript: '//', python: '#', java: '//', http: '#' };
    for (const language of EXPORT_LANGUAGES.map((l) => l.id)) {
      const code = generateSnippet(language, clientCredentials({ apiVersion: API_VERSIONS['v1.2'] }));
      const line = `${marker[language]} Written for quality-on-demand 1.2.0-rc.3 + qos-profiles 1.2.0-rc.3: another version's body or paths may differ.`;
      assert.ok(code.includes(line), `${language}:\n${code.slice(0, 400)}`);
      assert.doesNotMatch(generateSnippet(language, clientCredentials()), /Written for/, `${language}: no version given, none said`);
    }
  });

  it('exported from an environment signed in with CIBA, it uses the signed-in device and says so', async function () {
    this.timeout(30_000);
    const environment = { ...sandboxEnvironment(sb.url, 'v1'), loginHint: 'tel:+34666666662' };
    const transport = new HttpTransport();
    const auth = new Authenticator(
      environment,
      async () => ({ clientSecret: 'qod-demo-secret' }),
      transport,
      new TokenCache(new MemorySecretStore()),
    );
    try {
      await auth.signIn({ flow: 'ciba', loginHint: 'tel:+34666666661' });
      const code = await snippetFor({ environment, auth }, 'python');
      assert.match(code, /^# Signs in as "tel:\+34666666661": the device of your current sign-in/m);
      assert.match(code, /"login_hint": "tel:\+34666666661"/);
      assert.doesNotMatch(code, /34666666662/, 'not the hint edited since');
      assert.ok(!code.includes('qod-demo-secret'), 'the secret is never in the code');
    } finally {
      await transport.close();
    }
  });

  it('a snippet without the secret in the environment stops with a clear message', async () => {
    const file = join(dir, 'no-secret.sh');
    writeFileSync(
      file,
      generateSnippet('curl', {
        flow: 'client_credentials',
        tokenEndpoint: `${sb.url}/token`,
        scope: 'x',
        clientId: 'qod-demo',
        clientAuth: 'client_secret_basic',
        method: 'GET',
        url: `${sb.urls.qodV1}/sessions/x`,
      }),
    );
    await assert.rejects(run('bash', [file], { env: { PATH: process.env.PATH ?? '' } }), (e: { stderr: string }) =>
      /QOD_CLIENT_SECRET/.test(e.stderr),
    );
  });
});

// Exported scripts meet hostile input: values the user typed or a provider sent (a client id with $(…), a URL
// with a line break, a token endpoint that answers 201 with a token, or never answers) must not run code, leak a
// token, hang, or end in a stack trace.
describe('code export against hostile values and providers', () => {
  let dir: string;
  let provider: HttpServer;
  let silent: NetServer;
  let base: string;
  let silentBase: string;
  /** Where a payload that ran would leave its file (a fresh folder per test, which must stay empty). */
  let markers: string;
  const held: Socket[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qod-hostile-snippets-'));
    // A provider on loopback whose behaviour is the first path segment.
    provider = createHttpServer((req, res) => {
      const [, behaviour, step] = (req.url ?? '').split('/');
      const send = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      req.resume();
      req.on('end', () => {
        if (step === 'qod') return send(200, '{"sessions": []}');
        switch (behaviour) {
          case 'created':
            return send(201, '{"access_token": "TOKEN-OF-A-201", "token_type": "Bearer", "expires_in": 60}');
          case 'refused-with-tokens':
            return send(
              400,
              '{"error": "invalid_grant", "access_token": "LEAKED-ACCESS\\"X", "refresh_token": "LEAKED-REFRESH", "id_token": "LEAKED-ID"}',
            );
          case 'list':
            return send(200, '[1, 2]');
          case 'null':
            return send(200, 'null');
          case 'string':
            return send(200, '"a token?"');
          case 'ciba-garbled':
            // Numbers that are not numbers, built to run a command if a script evaluated them.
            if (step === 'bc')
              return send(
                200,
                JSON.stringify({
                  auth_req_id: 'r1',
                  interval: `a[$(touch ${markers}/interval)]`,
                  expires_in: `a[$(touch ${markers}/expires)]`,
                }),
              );
            return send(400, '{"error": "access_denied"}');
          default:
            return send(500, '{}');
        }
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    // Accepts every connection and never answers.
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentBase = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    markers = mkdtempSync(join(dir, 'markers-'));
  });
  after(async () => {
    held.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await new Promise<void>((resolve) => provider.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const LANGUAGES = ['curl', 'javascript', 'python', 'java'] as const;
  const STACK = /Traceback|^\s+at .+\(.+:\d+|Exception in thread|node:internal|error: |SyntaxError/m;

  /** Runs a snippet (to its end, or killed after 25 s): its exit, and what it printed. */
  const runSnippet = async (language: SnippetLanguage, request: SnippetRequest, env: Record<string, string> = {}) => {
    const file = join(mkdtempSync(join(dir, `${language}-`)), SNIPPET_LANGUAGES.find((l) => l.id === language)?.file ?? 'x');
    writeFileSync(file, generateSnippet(language, request));
    const [command, args] = RUNNERS[language](file);
    try {
      const { stdout, stderr } = await run(command, args, {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', QOD_CLIENT_SECRET: 's', ...env },
        timeout: 25_000,
        cwd: markers,
      });
      return { code: 0, killed: false, stdout, stderr, output: `${stdout}${stderr}` };
    } catch (error) {
      const e = error as { code?: number; killed?: boolean; stdout?: string; stderr?: string };
      return {
        code: typeof e.code === 'number' ? e.code : -1,
        killed: e.killed === true,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
        output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      };
    }
  };

  const request = (behaviour: string, over: Partial<SnippetRequest> = {}): SnippetRequest => ({
    flow: 'client_credentials',
    tokenEndpoint: `${base}/${behaviour}/token`,
    scope: 'qod',
    clientId: 'qod-demo',
    clientAuth: 'client_secret_basic',
    method: 'GET',
    url: `${base}/${behaviour}/qod/sessions`,
    ...over,
  });

  /** One value with a way out of every context a script has: $(…), backticks, each quote, a line break, Java's \u000a. */
  const payload = () =>
    [
      `$(touch ${markers}/dollar)`,
      `\`touch ${markers}/backtick\``,
      `"; touch ${markers}/dquote; "`,
      `'; touch ${markers}/squote; '`,
      `\ntouch ${markers}/newline #`,
      `\nimport os; os.system('touch ${markers}/python') #`,
      `\nimport('node:fs').then((fs) => fs.writeFileSync('${markers}/javascript', '')); //`,
      `\\u000aclass Evil {} //`,
    ].join('');

  for (const language of LANGUAGES) {
    it(`${language}: hostile client id, scope, login hint, URL and body stay data (nothing runs; the script runs to its connection)`, async function () {
      this.timeout(60_000);
      const port = await closedPort();
      const hostile = payload();
      for (const over of [
        {
          flow: 'ciba',
          clientAuth: 'client_secret_basic',
          bcAuthorizeEndpoint: `http://127.0.0.1:${port}/bc-authorize`,
          loginHint: `tel:+1${hostile}`,
          loginHintFrom: 'sign-in',
        },
        { flow: 'client_credentials', clientAuth: 'client_secret_post' },
      ] as const) {
        const result = await runSnippet(language, {
          ...request('x'),
          ...over,
          tokenEndpoint: `http://127.0.0.1:${port}/token`,
          clientId: `c${hostile}`,
          scope: `qod${hostile}`,
          method: 'POST',
          url: `http://127.0.0.1:${port}/qod/sessions${hostile}`,
          body: { qosProfile: hostile },
        });
        assert.notEqual(result.code, 0, result.output);
        assert.match(
          result.output,
          new RegExp(`Nothing is listening at http://127\\.0\\.0\\.1:${port} `),
          `${language} ${over.flow}: ${result.output}`,
        );
        assert.doesNotMatch(result.output, STACK);
        assert.deepEqual(readdirSync(markers), [], `${language} ${over.flow}: no payload ran`);
      }
    });
  }

  it('a CIBA answer whose interval and expires_in are not numbers is never evaluated, and ends cleanly', async function () {
    this.timeout(60_000);
    const ciba = request('ciba-garbled', { flow: 'ciba', bcAuthorizeEndpoint: `${base}/ciba-garbled/bc`, loginHint: 'tel:+34666666661' });
    const results = await Promise.all(LANGUAGES.map((language) => runSnippet(language, ciba)));
    results.forEach((result, i) => {
      assert.notEqual(result.code, 0, result.output);
      assert.match(result.output, /sign-in failed: HTTP 400 .*access_denied/, `${LANGUAGES[i]}: ${result.output}`);
      assert.doesNotMatch(result.output, STACK, LANGUAGES[i]);
    });
    assert.deepEqual(readdirSync(markers), [], 'no number was evaluated as code');
  });

  it('a provider that accepts and never answers: each request gives up after QOD_HTTP_TIMEOUT_SECONDS, said in one line', async function () {
    this.timeout(60_000);
    const results = await Promise.all(
      LANGUAGES.map((language) =>
        runSnippet(language, { ...request('x'), tokenEndpoint: `${silentBase}/token` }, { QOD_HTTP_TIMEOUT_SECONDS: '1' }),
      ),
    );
    results.forEach((result, i) => {
      assert.equal(result.killed, false, `${LANGUAGES[i]} did not stop by itself: ${result.output}`);
      assert.notEqual(result.code, 0, result.output);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${LANGUAGES[i]}: one line (curl's own message folded in):\n${result.stderr}`);
      assert.match(
        lines[0] ?? '',
        new RegExp(`^${silentBase.replace(/\./g, '\\.')} did not answer within 1 s\\b.*If it was the local sandbox`),
        LANGUAGES[i],
      );
      assert.doesNotMatch(result.output, STACK, LANGUAGES[i]);
    });
  });

  it('the exported code sets a deadline on every request (Java: connect and per request; JavaScript: a signal on every fetch)', () => {
    const java = generateSnippet('java', request('x', { flow: 'ciba', bcAuthorizeEndpoint: `${base}/bc` }));
    assert.match(java, /HttpClient\.newBuilder\(\)\.connectTimeout\(Duration\.ofSeconds\(10\)\)/);
    assert.equal(
      java.match(/HttpRequest\.newBuilder\(/g)?.length,
      java.match(/HttpRequest\.newBuilder\([^\n]*\)\)?\.timeout\(TIMEOUT\)/g)?.length,
      'every request has .timeout',
    );
    const javascript = generateSnippet('javascript', request('x'));
    assert.equal(javascript.match(/\bfetch\(/g)?.length, 1, 'one fetch, in send()');
    assert.match(javascript, /fetch\(url, \{ \.\.\.init, signal: AbortSignal\.timeout\(timeoutSeconds \* 1000\) \}\)/);
  });

  it('a CIBA wait is bounded whatever the provider says: expires_in capped at 600 s, the interval at 60 s, in all four', () => {
    for (const language of LANGUAGES) {
      const code = generateSnippet(language, request('x', { flow: 'ciba', bcAuthorizeEndpoint: `${base}/bc` }));
      assert.match(code, /expires_in[^\n]*\b120,? 1,? 600\b/, language);
      assert.match(code, /interval[^\n]*\b5,? 1,? 60\b/, language);
    }
  });

  it('a sign-in answered with any 2xx succeeds, and its token is never printed', async function () {
    this.timeout(60_000);
    const results = await Promise.all(LANGUAGES.map((language) => runSnippet(language, request('created'))));
    results.forEach((result, i) => {
      assert.equal(result.code, 0, `${LANGUAGES[i]}: ${result.output}`);
      assert.match(result.stdout, /HTTP 200/);
      assert.doesNotMatch(result.output, /TOKEN-OF-A-201/, LANGUAGES[i]);
    });
  });

  it('a failed sign-in prints the answer with access, refresh and id tokens masked', async function () {
    this.timeout(60_000);
    const results = await Promise.all(LANGUAGES.map((language) => runSnippet(language, request('refused-with-tokens'))));
    results.forEach((result, i) => {
      assert.notEqual(result.code, 0, result.output);
      assert.match(result.output, /sign-in failed: HTTP 400 .*invalid_grant/, `${LANGUAGES[i]}: ${result.output}`);
      assert.doesNotMatch(result.output, /LEAKED|"X/, `${LANGUAGES[i]}: ${result.output}`);
    });
  });

  it('a token answer that is JSON but not an object (a list, null, a string) fails in one line, no stack trace', async function () {
    this.timeout(90_000);
    for (const behaviour of ['list', 'null', 'string']) {
      const results = await Promise.all(LANGUAGES.map((language) => runSnippet(language, request(behaviour))));
      results.forEach((result, i) => {
        assert.notEqual(result.code, 0, result.output);
        assert.match(result.output, /sign-in failed: HTTP 200/, `${LANGUAGES[i]} ${behaviour}: ${result.output}`);
        assert.doesNotMatch(result.output, STACK, `${LANGUAGES[i]} ${behaviour}`);
      });
    }
  });
});

/** A port nothing listens on: bound, read, and let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
