// The reporters of a real check run (r4.1's QoD and profiles against the sandbox, events and sink credentials
// included): JUnit is XML, JSON is JSON, Markdown is a table, text has the counts; no output holds a secret.
import assert from 'node:assert/strict';
import { sandboxEnvironment } from '../../../src/core/environments';
import type { CheckResult } from '../../../src/core/check/model';
import { render, summaryLines } from '../../../src/core/check/report';
import { runCheck } from '../../../src/core/check/run-check';
import { sandboxCheckInputs } from '../../../src/core/check/sandbox-inputs';
import { withSandbox } from '../../support/sandbox';

// xml2js comes with @vscode/vsce (a dev dependency) and has no types: a strict XML parser is all this test needs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string) => Promise<any> };

/** A secret of any kind: the demo secrets, a JWT, a bearer token in clear. */
const SECRET =
  /qod-demo(-post)?-secret|eyJ[\w-]{10,}\.[\w-]{10,}|Bearer (?!\[REDACTED\]|<access token>)\S+|accessToken\\?":\s*\\?"(?!\[REDACTED\])/;

describe('qod check reports', function () {
  this.timeout(60_000);
  const { sb } = withSandbox();
  let results: CheckResult[] = [];
  before(async () => {
    const inputs = sandboxCheckInputs(sandboxEnvironment(sb.url, 'v1.2'));
    results = [
      ...(await runCheck(inputs, { release: 'r4.1', api: 'qod' })),
      ...(await runCheck(inputs, { release: 'r4.1', api: 'profiles' })),
    ];
  });

  it('JUnit: well-formed XML, one suite per API and version with its counts', async () => {
    const parsed = await parseStringPromise(render('junit', results, 'r4.1'));
    const suites = parsed.testsuites.testsuite as { $: Record<string, string>; testcase: unknown[] }[];
    assert.deepEqual(
      suites.map((s) => [s.$.name, s.$.tests, s.$.failures, s.$.skipped]),
      [
        ['quality-on-demand 1.2.0-rc.3 (r4.1)', '115', '0', '0'],
        ['qos-profiles 1.2.0-rc.3 (r4.1)', '35', '0', '0'],
      ],
    );
    assert.equal(suites[0]?.testcase.length, 115);
  });

  it('JSON: the summary and every result with its exchanges', () => {
    const parsed = JSON.parse(render('json', results, 'r4.1'));
    assert.equal(parsed.release, 'r4.1');
    assert.equal(parsed.results.length, 150);
    assert.deepEqual(parsed.summary[0], {
      api: 'qod',
      apiVersion: 'quality-on-demand 1.2.0-rc.3',
      passed: 115,
      failed: 0,
      skipped: 0,
      contradictions: 6,
    });
    const create = parsed.results.find((r: CheckResult) => r.id === 'quality_on_demand_createSession_02_1_sinkcredential_provided');
    assert.equal(create.exchanges.at(-1).requestHeaders.authorization, 'Bearer [REDACTED]');
  });

  it('Markdown: a counts table and a row per scenario; text: the counts per API and version', () => {
    const md = render('md', results, 'r4.1');
    assert.match(md, /\| API \| passed \| failed \| skipped \| contradictions \|/);
    assert.match(md, /\| quality-on-demand 1\.2\.0-rc\.3 \| 115 \| 0 \| 0 \| 6 \|/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| quality_on_demand_') || l.startsWith('| qos_profiles_')).length, 150);
    assert.deepEqual(summaryLines(results), [
      'quality-on-demand 1.2.0-rc.3  115 passed, 0 failed, 0 skipped, 6 contradictions',
      'qos-profiles 1.2.0-rc.3       35 passed, 0 failed, 0 skipped, 1 contradiction',
      'total                         150 passed, 0 failed, 0 skipped, 7 contradictions',
    ]);
    assert.match(render('text', results, 'r4.1'), /Contradictions \(the API definition wins\):\n {2}! quality_on_demand_createSession_01/);
  });

  it('no reporter prints a token, a secret or an Authorization header in clear', () => {
    for (const reporter of ['text', 'junit', 'json', 'md'] as const) {
      const text = render(reporter, results, 'r4.1');
      assert.doesNotMatch(text, SECRET, `${reporter}: ${SECRET.exec(text)?.[0]}`);
    }
    const headers = results.flatMap((r) => r.exchanges.map((e) => e.requestHeaders.authorization)).filter(Boolean);
    assert.ok(headers.length > 100 && headers.every((h) => h === 'Bearer [REDACTED]'));
  });
});
