// `qod run`: the project's example request files run green against a fresh sandbox (exit 0, a JUnit report
// written); a failing assertion exits 1 with its line; a bad flag or a file that does not parse exits 2.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/qod';
import { startOperatorNetwork } from '../../src/sandbox/operators/network';
import { withSandbox } from '../support/sandbox';

const ROOT = join(__dirname, '..', '..');

describe('qod run', () => {
  const { sb } = withSandbox({ cibaInterval: 1 });
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'qod-run-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function qod(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { QOD_SANDBOX_URL: sb.url }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it("runs the single operator's examples green and writes a JUnit report", async () => {
    const report = join(dir, 'report.xml');
    const files = ['session-lifecycle.http', 'profiles.http'].map((f) => join(ROOT, 'examples', f));
    const { code, out, err } = await qod(['run', ...files, '--env', 'sandbox', '--reporter', 'junit', '--out', report]);
    assert.equal(code, 0, `${out}\n${err}`);
    const xml = readFileSync(report, 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.equal(xml.match(/<testsuite /g)?.length, 2, 'a suite per file');
    assert.equal(xml.match(/<testcase /g)?.length, 6, 'a case per request');
    assert.doesNotMatch(xml, /<failure|<skipped/);
    assert.match(out, /6 passed, 0 failed, 0 skipped/);
  });

  it('runs examples/operators through the aggregator of `qod sandbox --operators` green', async () => {
    const network = await startOperatorNetwork({ rateLimit: false });
    try {
      const out: string[] = [];
      const code = await main(
        ['run', join(ROOT, 'examples', 'operators'), '--env', 'aggregator'],
        { QOD_TELCO_FINDER: network.finderUrl },
        { out: (l) => out.push(l), err: (l) => out.push(l) },
      );
      assert.equal(code, 0, out.join('\n'));
      assert.match(out.join('\n'), /4 passed, 0 failed, 0 skipped/);
    } finally {
      await network.close();
    }
  });

  it('exits 1 when an assertion fails, saying expected vs actual at file:line', async () => {
    const file = join(dir, 'failing.http');
    writeFileSync(file, '# @qod sign-in client_credentials\nPOST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n\n?? status == 201\n');
    const { code, out } = await qod(['run', file]);
    assert.equal(code, 1, out);
    assert.ok(out.includes(`status: expected == 201, got 200 (${file}:6)`), out);
  });

  it('exits 2 for a bad flag, an unknown reporter, or a file that does not parse (nothing sent)', async () => {
    assert.equal((await qod(['run', join(ROOT, 'examples'), '--nope'])).code, 2);
    const reporter = await qod(['run', join(ROOT, 'examples'), '--reporter', 'html']);
    assert.equal(reporter.code, 2);
    assert.match(reporter.err, /--reporter must be text, junit, tap or json/);
    assert.equal((await qod(['run'])).code, 2);
    const broken = join(dir, 'broken.http');
    writeFileSync(broken, 'GET {{$qod.sessions}}/sessions/1\n\n?? status ===== 200\n');
    const parsed = await qod(['run', broken]);
    assert.equal(parsed.code, 2);
    assert.ok(parsed.err.includes(`${broken}:3: `), parsed.err);
    assert.match(parsed.err, /nothing was sent/);
  });

  it('refuses a file holding a literal credential, naming its line and never echoing it (exit 2, nothing sent)', async () => {
    const leaky = join(dir, 'leaky.http');
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';
    writeFileSync(
      leaky,
      `# @qod sign-in client_credentials\nPOST {{$qod.profiles}}/retrieve-qos-profiles\nAuthorization: Bearer ${token}\n\n{}\n`,
    );
    const refused = await qod(['run', leaky]);
    assert.equal(refused.code, 2, refused.out);
    assert.ok(refused.err.includes(`${leaky}:3: `), refused.err);
    assert.match(refused.err, /a literal credential; use \{\{\$qod\.accessToken\}\}/);
    assert.ok(!`${refused.out}${refused.err}`.includes(token), 'the token is not echoed');
  });

  it('fills placeholders from http-client.env.json: $shared always, --variables NAME over it; unknown names exit 2', async () => {
    const folder = mkdtempSync(join(dir, 'vars-'));
    const file = join(folder, 'profiles.http');
    writeFileSync(file, '# @qod sign-in client_credentials\nPOST {{$qod.profiles}}/{{path}}\n\n{}\n\n?? status == {{expect}}\n');
    const envFile = join(folder, 'http-client.env.json');
    writeFileSync(envFile, JSON.stringify({ $shared: { path: 'retrieve-qos-profiles', expect: '201' }, local: { expect: '200' } }));
    const chosen = await qod(['run', file, '--variables', 'local']);
    assert.equal(chosen.code, 0, `${chosen.out}\n${chosen.err}`);
    const shared = await qod(['run', file]);
    assert.equal(shared.code, 1, 'only $shared: expects 201');
    assert.ok(shared.out.includes('status: expected == 201, got 200'), shared.out);
    const unknown = await qod(['run', file, '--variables', 'prod']);
    assert.equal(unknown.code, 2);
    assert.ok(unknown.err.includes('No environment "prod" in http-client.env.json: it has "local"'), unknown.err);
    writeFileSync(envFile, JSON.stringify({ local: { expect: '200', client_secret: 'not-for-git-123' } }));
    const leaky = await qod(['run', file, '--variables', 'local']);
    assert.equal(leaky.code, 2);
    assert.match(leaky.err, /client_secret looks like a credential/);
    assert.ok(!leaky.err.includes('not-for-git-123'), 'the value is not echoed');
  });

  it('a JetBrains env file (object values, an environment with problems nobody chose) does not stop the run; a note says what was skipped', async () => {
    const folder = mkdtempSync(join(dir, 'jetbrains-'));
    const file = join(folder, 'profiles.http');
    writeFileSync(
      file,
      '# @qod sign-in client_credentials\nPOST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n\n?? status == {{expect}}\n',
    );
    const security = { Auth: { bearer: { Type: 'OAuth2', 'Grant Type': 'Client Credentials' } } };
    const envFile = join(folder, 'http-client.env.json');
    // A BOM, as Windows editors save it.
    writeFileSync(envFile, `\uFEFF${JSON.stringify({ $shared: { expect: '200' }, dev: { Security: security }, broken: { 'a b': 1 } })}`);
    const plain = await qod(['run', file]);
    assert.equal(plain.code, 0, `${plain.out}\n${plain.err}`);
    const dev = await qod(['run', file, '--variables', 'dev']);
    assert.equal(dev.code, 0, `${dev.out}\n${dev.err}`);
    assert.ok(dev.err.includes(`note: ${envFile}: environment "dev": Security is skipped`), dev.err);
    const broken = await qod(['run', file, '--variables', 'broken']);
    assert.equal(broken.code, 2);
    assert.ok(broken.err.includes(`${file}: ${envFile}: environment "broken": "a b" is not a variable name`), broken.err);
  });

  it("malformed env JSON holding a token: the position only, never V8's text", async () => {
    const folder = mkdtempSync(join(dir, 'badjson-'));
    const file = join(folder, 'profiles.http');
    writeFileSync(file, 'POST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n');
    writeFileSync(join(folder, 'http-client.env.json'), '{"dev": {"tok": eyJhbGciOiJIUzI1NiJ9}}');
    const result = await qod(['run', file]);
    assert.equal(result.code, 2);
    assert.ok(result.err.includes('http-client.env.json is not valid JSON at line 1, column 17'), result.err);
    assert.ok(!result.err.includes('eyJ'), result.err);
  });

  it('a sign-in line without a login hint takes --hint (here a subscriber who declines: the run says so)', async () => {
    const file = join(dir, 'no-hint.http');
    writeFileSync(file, '# @qod sign-in ciba\nPOST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n\n?? status == 200\n');
    const declined = await qod(['run', file, '--hint', 'tel:+34666666666']);
    assert.equal(declined.code, 1, declined.out);
    assert.match(`${declined.out}\n${declined.err}`, /access_denied|declined|denied/i);
    const approved = await qod(['run', file, '--hint', 'tel:+34666666661']);
    assert.equal(approved.code, 0, `${approved.out}\n${approved.err}`);
  });
});
