import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/qod';
import { withSandbox } from '../support/sandbox';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** Runs the real `qod` program (from source, through tsx) as a separate process. */
async function qod(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/qod.ts'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: ROOT,
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('qod CLI', () => {
  const { sb } = withSandbox({ cibaInterval: 1, activationDelayMs: 0 });

  it('CIBA login → create → get → extend → delete, as separate processes', async () => {
    const env = { QOD_SANDBOX_URL: sb.url };
    const login = await qod(['login', '--ciba', '--hint', 'tel:+34666666661', '--print-token'], env);
    assert.equal(login.code, 0, login.stderr);
    const token = login.stdout.trim();
    assert.match(token, /^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(login.stderr, /approved: after 1 poll/);
    const withToken = { ...env, QOD_ACCESS_TOKEN: token };

    const created = await qod(
      ['session', 'create', '--as', '198.51.100.10', '--profile', 'QOS_E', '--duration', '600', '--json'],
      withToken,
    );
    assert.equal(created.code, 0, created.stderr);
    const session = JSON.parse(created.stdout);
    assert.equal(session.qosProfile, 'QOS_E');
    await new Promise((r) => setTimeout(r, 20));

    const got = await qod(['session', 'get', session.id], withToken);
    assert.equal(got.code, 0, got.stderr);
    assert.match(got.stdout, new RegExp(`session\\s+${session.id}`));
    assert.match(got.stdout, /status\s+AVAILABLE/);

    const extended = await qod(['session', 'extend', session.id, '--seconds', '60', '--json'], withToken);
    assert.equal(JSON.parse(extended.stdout).durationSeconds, 660);

    const deleted = await qod(['session', 'delete', session.id], withToken);
    assert.equal(deleted.code, 0);
    assert.match(deleted.stdout, /deleted/);
    assert.ok(
      ![created, got, extended, deleted].some((r) => r.stdout.includes(token) || r.stderr.includes(token)),
      'the token is never printed back',
    );
  });

  it('--wait prints the settled session; cancelled while waiting it exits 130', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const env = { QOD_SANDBOX_URL: sb.url };
    const create = [
      'session',
      'create',
      '--client-credentials',
      '--phone',
      '+34666666661',
      '--as',
      '198.51.100.10',
      '--profile',
      'QOS_E',
      '--duration',
      '60',
      '--wait',
      '--json',
    ];
    assert.equal(await main(create, env, io), 0, lines.join('\n'));
    assert.equal(JSON.parse(lines.join('\n')).status, 'AVAILABLE');
    lines.length = 0;
    const cancel = new AbortController();
    const waiting = main([...create.slice(0, 4), '+34666666662', ...create.slice(5)], env, io, cancel.signal);
    setTimeout(() => cancel.abort(), 300);
    assert.equal(await waiting, 130, lines.join('\n'));
  });

  it('exit codes and messages: API error 1, invalid input 2, sign-in failure 3, network failure 4', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const env = { QOD_SANDBOX_URL: sb.url };
    assert.equal(await main(['session', 'get', crypto.randomUUID(), '--client-credentials'], env, io), 1);
    assert.match(lines.join('\n'), /404 NOT_FOUND/);
    assert.match(lines.join('\n'), /fix: /);
    lines.length = 0;
    assert.equal(
      await main(['session', 'create', '--phone', '34666', '--as', '198.51.100.10', '--profile', 'QOS_E', '--duration', '60'], env, io),
      2,
    );
    assert.match(lines.join('\n'), /device\.phoneNumber: must be an E\.164/);
    assert.equal(await main(['session', 'create', '--bogus'], env, io), 2);
    // An operation without a body pays --body no heed, as before the table (not a usage error).
    assert.equal(await main(['session', 'get', crypto.randomUUID(), '--client-credentials', '--body', 'nope'], env, io), 1);
    assert.equal(await main(['session', 'create', '--body', 'null'], env, io), 2);
    assert.match(lines.join('\n'), /\(body\): must be a JSON object/, 'a null body is refused as a body');
    assert.equal(await main(['login', '--ciba', '--hint', 'tel:+34666666666'], { ...env }, io), 3);
    assert.equal(await main(['profiles', '--url', 'http://127.0.0.1:9'], {}, io), 4);
    assert.equal(await main(['profiles'], {}, io), 2, 'no sandbox URL is a usage error');
  });

  it('--json prints machine-readable results and errors', async () => {
    const out: string[] = [];
    const code = await main(
      ['profiles', '--json', '--status', 'INACTIVE'],
      { QOD_SANDBOX_URL: sb.url },
      { out: (l) => out.push(l), err: () => undefined },
    );
    assert.equal(code, 0);
    assert.deepEqual(
      JSON.parse(out.join('\n')).map((p: { name: string }) => p.name),
      ['QOS_XL_TRIAL'],
    );
    out.length = 0;
    // Not a UUID: refused before anything is sent (exit 2), with the field named.
    assert.equal(
      await main(['session', 'get', 'nope', '--json'], { QOD_SANDBOX_URL: sb.url }, { out: (l) => out.push(l), err: () => undefined }),
      2,
    );
    const refused = JSON.parse(out.join('\n')).error;
    assert.equal(refused.code, 'INVALID_INPUT');
    assert.match(refused.issues[0], /^sessionId: must be a UUID/);
    out.length = 0;
    assert.equal(
      await main(
        ['session', 'get', crypto.randomUUID(), '--json'],
        { QOD_SANDBOX_URL: sb.url },
        { out: (l) => out.push(l), err: () => undefined },
      ),
      1,
    );
    assert.equal(JSON.parse(out.join('\n')).error.code, 'NOT_FOUND');
  });

  it("--json --raw prints the provider's own answer (redacted), besides the normalised view; --raw alone is a usage error", async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => undefined };
    const env = { QOD_SANDBOX_URL: sb.url, QOD_CLIENT_SECRET: 'qod-demo-secret' };
    const args = [
      'session',
      'create',
      '--client-credentials',
      '--phone',
      '+34666666664',
      '--as',
      '198.51.100.10',
      '--profile',
      'QOS_E',
      '--duration',
      '60',
      '--json',
    ];
    assert.equal(await main([...args, '--raw'], env, io), 0);
    const raw = JSON.parse(out.join('\n'));
    // v1's own words (sessionId, qosStatus), not the normalised view's (id, status).
    assert.match(raw.sessionId, /^[0-9a-f-]{36}$/);
    assert.equal(raw.qosStatus, 'REQUESTED');
    assert.equal(raw.id, undefined);
    out.length = 0;
    assert.equal(await main(['session', 'get', raw.sessionId, '--client-credentials', '--json'], env, io), 0);
    assert.equal(JSON.parse(out.join('\n')).id, raw.sessionId, 'without --raw: the normalised view');
    out.length = 0;
    assert.equal(await main(['session', 'delete', raw.sessionId, '--client-credentials', '--json', '--raw'], env, io), 0);
    assert.equal(JSON.parse(out.join('\n')), null, '204: no body');
    assert.equal(await main(['profiles', '--raw'], env, io), 2);
  });

  it("--version prints the version, from the source (dev) and from the shipped bundle (package.json's)", async () => {
    const out: string[] = [];
    assert.equal(await main(['--version'], {}, { out: (l) => out.push(l), err: () => undefined }), 0);
    assert.deepEqual(out, ['qod dev']);
    const shipped = join(__dirname, '..', '..', 'dist', 'qod.js');
    if (!existsSync(shipped)) return console.log('      skipped the shipped bundle: needs dist/qod.js (npm test builds it first)');
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v', 'version']) {
      assert.equal(execFileSync(process.execPath, [shipped, flag], { encoding: 'utf8', timeout: 10_000 }).trim(), `qod ${version}`);
    }
  });

  it('every command answers --help with its own help, exit 0, before anything is checked or sent', async () => {
    for (const [args, expected] of [
      [['session', '--help'], /qod session extend <id> --seconds 300/],
      [['session', 'create', '--help'], /--profile, --duration/],
      [['session', 'get', '-h'], /qod session get <id>/],
      [['login', '--help'], /--client-credentials/],
      [['profiles', '--help'], /--status ACTIVE/],
      [['sandbox', '--help'], /--v0-flavour/],
    ] as const) {
      const out: string[] = [];
      const code = await main(
        [...args],
        { QOD_SANDBOX_URL: 'http://127.0.0.1:1' },
        { out: (l) => out.push(l), err: (l) => out.push(`ERR ${l}`) },
      );
      assert.equal(code, 0, `${args.join(' ')}: ${out.join('\n')}`);
      assert.match(out.join('\n'), expected, args.join(' '));
      assert.doesNotMatch(out.join('\n'), /^ERR /m);
    }
  });
});

describe('qod checks the whole request before anything leaves the machine', () => {
  // A stand-in provider on loopback that records every request: none may arrive.
  let server: Server;
  let url: string;
  const arrived: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      arrived.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    arrived.length = 0;
  });

  /** Runs `qod` in-process against the stand-in; answers the exit code and everything printed. */
  async function refused(args: string[], env: Record<string, string> = {}): Promise<string> {
    const lines: string[] = [];
    const code = await main(args, { QOD_SANDBOX_URL: url, ...env }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    const output = lines.join('\n');
    assert.equal(code, 2, `${args.join(' ')}: ${output}`);
    assert.deepEqual(arrived, [], `${args.join(' ')}: nothing is sent (not even a sign-in)`);
    assert.match(output, /the request was not sent/);
    return output;
  }

  it('a session id that is not a UUID, for get, delete and extend, with every other problem of the command', async () => {
    assert.match(await refused(['session', 'get', 'not-a-uuid']), /sessionId: must be a UUID.*\(got "not-a-uuid"\)/);
    assert.match(await refused(['session', 'delete', '..']), /sessionId: must be a UUID/);
    const extend = await refused(['session', 'extend', 'not-a-uuid', '--seconds', '0']);
    assert.match(extend, /sessionId: must be a UUID/);
    assert.match(extend, /--seconds: must be a whole number ≥ 1 \(got "0"\)/);
    assert.match(await refused(['session', 'extend', crypto.randomUUID()]), /--seconds: must be a whole number ≥ 1 \(got nothing\)/);
    const v08 = await refused(['session', 'extend', 'nope', '--seconds', '60', '--flavour', 'v0.8']);
    assert.match(v08, /Extend session: is not part of QoD v0\.8/);
  });

  it("session create names every invalid field at once, the flags' and the body's, each once", async () => {
    const output = await refused(['session', 'create', '--phone', '34666', '--as', 'not-an-address', '--duration', 'ten']);
    assert.match(output, /--duration: must be a number of seconds \(got "ten"\)/);
    assert.match(output, /device\.phoneNumber: must be an E\.164/);
    assert.match(output, /applicationServer\.ipv4Address: must be an IPv4 address/);
    assert.match(output, /qosProfile: is required/);
    assert.doesNotMatch(output, /^\s*duration:/m, '--duration already says it');
    const body = await refused(['session', 'create', '--body', JSON.stringify({ device: { phoneNumber: '1' }, duration: 0 })]);
    for (const field of ['device.phoneNumber', 'applicationServer: is required', 'qosProfile: is required', 'duration: must be'])
      assert.ok(body.includes(field), `${field} in:\n${body}`);
  });

  it('the device of session list, the profile filter and the login hint are checked too (every command that sends input)', async () => {
    assert.match(await refused(['session', 'list', '--phone', '12']), /device\.phoneNumber: must be an E\.164/);
    const profiles = await refused(['profiles', '--status', 'SOMETIMES', '--name', 'a/b']);
    assert.match(profiles, /status: must be ACTIVE, INACTIVE or DEPRECATED/);
    assert.match(profiles, /name: must be a profile name/);
    assert.match(await refused(['profiles', '--name', '..']), /name: must be a profile name/);
    assert.match(await refused(['login', '--ciba', '--hint', 'garbage']), /--hint: login_hint must start with tel:/);
    const both = await refused(['session', 'get', 'nope', '--ciba', '--hint', '34666666661']);
    assert.match(both, /--hint: "34666666661" is not a CAMARA login_hint/);
    assert.match(both, /sessionId: must be a UUID/);
  });

  /** `--env custom` at the stand-in, signing in with client credentials (a secret given: only the check stops it). */
  const custom = (over: Record<string, string> = {}): string[] =>
    Object.entries({
      '--env': 'custom',
      '--api-base': `${url}/qod`,
      '--token-endpoint': `${url}/token`,
      '--client-id': 'c',
      ...over,
    }).flat();

  it("--env custom: every URL flag follows the core's rule (https; plain http only on loopback), said by its flag", async () => {
    // 0.0.0.0 reaches the stand-in on this machine, yet is not loopback by name: it must be refused like any http URL.
    const zero = url.replace('127.0.0.1', '0.0.0.0');
    const secret = { QOD_CLIENT_SECRET: 's' };
    const get = (over: Record<string, string>) => ['session', 'get', crypto.randomUUID(), '--client-credentials', ...custom(over)];
    assert.match(
      await refused(get({ '--api-base': `${zero}/qod` }), secret),
      /--api-base: must use https:\/\/ \(plain http only on 127\.0\.0\.1, localhost or \[::1\]\)/,
    );
    assert.match(await refused(get({ '--token-endpoint': `${zero}/token` }), secret), /--token-endpoint: must use https:\/\//);
    assert.match(
      await refused(get({ '--bc-authorize-endpoint': 'http://qod.example/bc-authorize' }), secret),
      /--bc-authorize-endpoint: must use https:\/\//,
    );
    assert.match(
      await refused(get({ '--authorize-endpoint': 'http://qod.example/authorize' }), secret),
      /--authorize-endpoint: must use https:\/\//,
    );
    assert.match(await refused(get({ '--issuer': zero }), secret), /--issuer: must use https:\/\//);
    assert.match(await refused(get({ '--api-base': 'not a url' }), secret), /--api-base: "not a url" is not a URL/);
    // Loopback http is allowed: the request goes out (the stand-in answers 500).
    const code = await main(get({}), secret, { out: () => undefined, err: () => undefined });
    assert.notEqual(code, 2);
    assert.deepEqual(arrived, ['POST /token']);
  });

  it('--ciba without --hint (and no hint in the environment) is said with the other problems, before signing in', async () => {
    const both = await refused(['session', 'get', 'nope', '--ciba', ...custom()]);
    assert.match(both, /sessionId: must be a UUID/);
    assert.match(both, /--hint: --ciba needs a login hint: tel:\+… or ipport:…/);
    assert.match(await refused(['login', '--ciba', ...custom()]), /--hint: --ciba needs a login hint/);
  });

  it('--json lists every problem; the real program (a separate process) sends nothing either', async () => {
    const out: string[] = [];
    assert.equal(
      await main(
        ['session', 'extend', 'x', '--seconds', '1.5', '--json'],
        { QOD_SANDBOX_URL: url },
        { out: (l) => out.push(l), err: () => undefined },
      ),
      2,
    );
    const { error } = JSON.parse(out.join('\n'));
    assert.equal(error.code, 'INVALID_INPUT');
    assert.deepEqual(
      error.issues.map((i: string) => i.split(':')[0]),
      ['sessionId', '--seconds'],
    );
    const process = await qod(['session', 'get', 'not-a-uuid'], { QOD_SANDBOX_URL: url });
    assert.equal(process.code, 2, process.stderr);
    assert.match(process.stderr, /sessionId: must be a UUID/);
    assert.deepEqual(arrived, []);
  });
});

describe('the bundled qod (dist/qod.js)', () => {
  it("is package.json's `qod` bin: after a build, `qod` on the PATH (as npm link puts it: a link to the file) runs every command", () => {
    const { bin } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    assert.equal(typeof bin?.qod, 'string', 'package.json has a bin entry named qod');
    const target = join(ROOT, bin!.qod!);
    assert.ok(existsSync(target), `${bin!.qod} exists (build first: node esbuild.mjs)`);
    assert.match(readFileSync(target, 'utf8').split('\n')[0] as string, /^#!\/usr\/bin\/env node$/, 'it starts with a shebang');
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const onPath = mkdtempSync(join(tmpdir(), 'qod-bin-'));
    try {
      symlinkSync(target, join(onPath, 'qod'));
      // Run as the shell would: by name, from another folder, through the link (shebang and executable bit).
      const env = { PATH: `${onPath}:${process.env.PATH ?? ''}` };
      assert.equal(execFileSync('qod', ['--version'], { env, cwd: tmpdir(), encoding: 'utf8', timeout: 10_000 }).trim(), `qod ${version}`);
      // A command beyond --help and --version loads its bundle from beside the real file, not beside the link.
      const refused = (() => {
        try {
          execFileSync('qod', ['session', 'get', 'not-a-uuid', '--url', 'http://127.0.0.1:9'], {
            env,
            cwd: tmpdir(),
            encoding: 'utf8',
            timeout: 10_000,
            stdio: 'pipe',
          });
          return { status: 0, stderr: '' };
        } catch (error) {
          return error as { status: number; stderr: string };
        }
      })();
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /sessionId: must be a UUID/);
    } finally {
      rmSync(onPath, { recursive: true, force: true });
    }
  });

  it('runs the sandbox with token expiry intact (minified class names would drop it)', async function () {
    const bundle = join(ROOT, 'dist', 'qod.js');
    if (!existsSync(bundle)) {
      console.log(`      skipped: ${bundle} is not built (npm test builds it first)`);
      this.skip();
    }
    const child = spawn(process.execPath, [bundle, 'sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const res = await fetch(`${url}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('qod-demo:qod-demo-secret').toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials&scope=qos-profiles:read',
      });
      const token = (await res.json()) as { expires_in?: number; access_token: string };
      assert.equal(token.expires_in, 3600);
      assert.equal(typeof JSON.parse(Buffer.from(token.access_token.split('.')[1] as string, 'base64url').toString()).exp, 'number');
      // The banner names every API it serves, QoS Provisioning's two versions included.
      assert.match(output, new RegExp(`QoS Provisioning\\s+${url}/qos-provisioning/v0\\.3 `));
      assert.match(output, new RegExp(`QoS Provisioning\\s+${url}/qos-provisioning/v0\\.4rc1 `));
    } finally {
      child.kill('SIGTERM');
    }
  });
});
