// `qod check` over real HTTP: against the sandbox it prints the counts per API and version (exit 0 when nothing
// failed), writes JUnit/JSON/Markdown reports, exits 1 when a scenario fails and 2 for usage.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/qod';
import { withSandbox } from '../support/sandbox';

async function qod(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('qod check', function () {
  this.timeout(60_000);
  const { sb } = withSandbox();

  it('against the sandbox (r4.1, QoS Profiles): the counts per API and version, exit 0', async () => {
    const { code, stdout, stderr } = await qod(['check', '--url', sb.url, '--api', 'profiles', '--release', 'r4.1']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^CAMARA r4\.1 scenarios\nqos-profiles 1\.2\.0-rc\.3 {2}35 passed, 0 failed, 0 skipped, 1 contradiction\n/);
    assert.doesNotMatch(stdout, /Skipped:|Failed:/);
    assert.match(stdout, /! qos_profiles_retrieveQoSProfiles_06_device_qos_profiles_not_found: Same precondition, opposite expectations/);
    assert.match(stderr, /✓ qos_profiles_getQosProfile_01_generic_success_scenario/, 'each result as it comes');
  });

  it('--flavour v1 runs r3.2; --reporter junit --out writes the XML and still prints the counts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qod-check-')), 'check.xml');
    const { code, stdout } = await qod(['check', '--url', sb.url, '--flavour', 'v1', '--api', 'qod', '--reporter', 'junit', '--out', file]);
    assert.equal(code, 0, stdout);
    assert.equal(
      stdout,
      `quality-on-demand 1.1.0  96 passed, 0 failed, 0 skipped, 6 contradictions\ntotal                    96 passed, 0 failed, 0 skipped, 6 contradictions\nreport: ${file}`,
    );
    const xml = readFileSync(file, 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="CAMARA r3\.2">/);
    assert.match(xml, /<testsuite name="quality-on-demand 1\.1\.0 \(r3\.2\)" tests="96" failures="0" skipped="0" errors="0">/);
  });

  it('--reporter json and md to stdout (the counts go to stderr)', async () => {
    const json = await qod(['check', '--url', sb.url, '--release', 'r3.2', '--api', 'profiles', '--reporter', 'json']);
    assert.equal(JSON.parse(json.stdout).summary[0].passed, 31);
    assert.match(json.stderr, /qos-profiles 1\.1\.0 {2}31 passed/);
    const md = await qod(['check', '--url', sb.url, '--release', 'r3.2', '--api', 'profiles', '--reporter', 'md']);
    assert.match(md.stdout, /\| qos-profiles 1\.1\.0 \| 31 \| 0 \| 0 \| 1 \|/);
  });

  it('the sandbox seen as an operator (--env custom): what only a sandbox offers is skipped with the reason', async () => {
    const args = ['check', '--env', 'custom', '--issuer', sb.url, '--api-base', sb.url, '--client-id', 'qod-demo', '--flavour', 'v1'];
    const options = ['--api', 'qod', '--device', '+34666666662', '--hint', 'tel:+34666666661'];
    const { code, stdout } = await qod([...args, ...options], { QOD_CLIENT_SECRET: 'qod-demo-secret' });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /quality-on-demand 1\.1\.0 {2}81 passed, 0 failed, 15 skipped, 6 contradictions/);
    assert.match(stdout, /- quality_on_demand_getSession_403\.2_session_token_mismatch: needs a second API client/);
    assert.match(
      stdout,
      /- quality_on_demand_createSession_02_2_event_received: needs a notification sink the provider can reach and this run can read/,
    );
    assert.doesNotMatch(stdout, /qod-demo-secret/);
  });

  describe('against a provider that answers an HTML page', () => {
    let server: Server;
    let base = '';
    before(async () => {
      server = createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Maintenance</html>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    it('fails its scenarios clearly and exits 1', async () => {
      const args = [
        'check',
        '--env',
        'custom',
        '--api-base',
        base,
        '--token-endpoint',
        `${base}/token`,
        '--client-id',
        'c',
        '--flavour',
        'v1.2',
        '--api',
        'profiles',
      ];
      const { code, stdout } = await qod(args, { QOD_ACCESS_TOKEN: 'handed-over-token-0123456789', QOD_CLIENT_SECRET: 'x' });
      assert.equal(code, 1);
      assert.match(stdout, /qos-profiles 1\.2\.0-rc\.3 {2}0 passed, \d+ failed/);
      assert.match(
        stdout,
        /✗ qos_profiles_getQosProfile_01_generic_success_scenario: x-correlator not echoed \(sent "qod-check-[^"]+"\); Content-Type is "text\/html", expected application\/json; the body is not JSON \(an HTML page, text\/html\)/,
      );
      assert.match(stdout, /- qos_profiles_getQosProfile_401\.02_expired_access_token: needs an expired access token/);
      assert.match(
        stdout,
        /- qos_profiles_getQosProfile_429\.01_too_many_requests: needs a client with a low rate limit \(only ever on the local sandbox/,
      );
      assert.doesNotMatch(stdout, /handed-over-token/);
    });
  });

  it('--help says what it runs and which options supply an operator’s needs', async () => {
    const { code, stdout } = await qod(['check', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /qod check \[--api qod\|profiles\|provisioning\] \[--release r3\.2\|r4\.1\]/);
    assert.match(stdout, /--second-client-id ID with QOD_SECOND_CLIENT_SECRET/);
  });

  it('usage: an unknown release, a flavour without scenarios, or flags that disagree exit 2 and send nothing', async () => {
    for (const args of [
      ['--release', 'r9'],
      ['--flavour', 'v0.10'],
      ['--flavour', 'v1', '--release', 'r4.1'],
      ['--api', 'sessions'],
      ['--reporter', 'tap'],
      // An operator's sink needs the bearer token the user's receiver expects: never a default one.
      [
        '--env',
        'custom',
        '--issuer',
        'https://issuer.example.invalid',
        '--client-id',
        'app',
        '--api-base',
        'https://api.example.invalid',
        '--sink',
        'https://sink.example.invalid/n',
      ],
    ]) {
      const { code, stderr } = await qod(['check', '--url', sb.url, ...args]);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /--(release|api|reporter)|r3\.2|--sink needs QOD_SINK_TOKEN/);
    }
  });
});
