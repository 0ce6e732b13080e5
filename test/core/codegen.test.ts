// Exported code actually runs: each snippet is executed against the sandbox and must create a session.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateSnippet, SNIPPET_LANGUAGES, type SnippetLanguage, type SnippetRequest } from '../../src/core/codegen';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';

const run = promisify(execFile);
const RUNNERS: Record<SnippetLanguage, (file: string) => [string, string[]]> = {
  curl: (f) => ['bash', [f]],
  javascript: (f) => [process.execPath, [f]],
  python: (f) => ['python3', [f]],
  java: (f) => ['java', [f]],
};

describe('code export runs against the sandbox', () => {
  let sb: Sandbox;
  let dir: string;

  before(async () => {
    sb = await startSandbox({ cibaInterval: 1, rateLimit: false });
    dir = mkdtempSync(join(tmpdir(), 'qod-snippets-'));
  });
  after(async () => {
    await sb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<{ language: SnippetLanguage; flow: SnippetRequest['flow']; clientAuth: SnippetRequest['clientAuth']; digit: number }> = [
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
      curl: ['curl', ['--version']], javascript: [process.execPath, ['--version']], python: ['python3', ['-c', 'import requests']], java: ['java', ['-version']],
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
          applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 120,
        },
      };
      const code = generateSnippet(c.language, request);
      const secret = post ? 'qod-demo-post-secret' : 'qod-demo-secret';
      assert.ok(!code.includes(secret), 'the secret is never in the code');
      assert.match(code, /QOD_CLIENT_SECRET/);
      const file = join(dir, `${c.language}-${c.flow}-${SNIPPET_LANGUAGES.find((l) => l.id === c.language)?.file}`);
      writeFileSync(file, code);
      const [command, args] = RUNNERS[c.language](file);
      const { stdout } = await run(command, args, { env: { PATH: process.env.PATH ?? '', QOD_CLIENT_SECRET: secret, HOME: process.env.HOME ?? '' }, timeout: 55_000 });
      assert.match(stdout, /HTTP 201/, stdout);
      const session = JSON.parse(stdout.slice(0, stdout.lastIndexOf('HTTP')).trim()) as { sessionId: string; qosStatus: string };
      assert.match(session.sessionId, /^[0-9a-f-]{36}$/);
    });
  }

  it('a snippet without the secret in the environment stops with a clear message', async () => {
    const file = join(dir, 'no-secret.sh');
    writeFileSync(file, generateSnippet('curl', {
      flow: 'client_credentials', tokenEndpoint: `${sb.url}/token`, scope: 'x', clientId: 'qod-demo', clientAuth: 'client_secret_basic', method: 'GET', url: `${sb.urls.qodV1}/sessions/x`,
    }));
    await assert.rejects(run('bash', [file], { env: { PATH: process.env.PATH ?? '' } }), (e: { stderr: string }) => /QOD_CLIENT_SECRET/.test(e.stderr));
  });
});
