// "Check this provider" against the real sandbox over real HTTP: each release's whole catalogue against its
// flavour. Every scenario the sandbox can be asked for passes; what is skipped says why.
import assert from 'node:assert/strict';
import { sandboxEnvironment } from '../../../src/core/environments';
import type { CheckResult } from '../../../src/core/check/model';
import { runCheck } from '../../../src/core/check/run-check';
import { sandboxCheckInputs } from '../../../src/core/check/sandbox-inputs';
import { tally } from '../../../src/core/check/report';
import { withSandbox } from '../../support/sandbox';

function counts(results: readonly CheckResult[]) {
  return Object.fromEntries(tally(results).map((t) => [t.apiVersion, [t.passed, t.failed, t.skipped, t.contradictions]]));
}

const APIS = ['qod', 'profiles', 'provisioning'] as const;

const failures = (results: readonly CheckResult[]) =>
  results.filter((r) => r.verdict === 'fail').map((r) => `${r.id} ${r.row ?? ''}: ${r.reason}`);

describe('qod check against the sandbox', function () {
  this.timeout(120_000);
  const { sb } = withSandbox();

  it('r3.2 against QoD 1.1.0: every scenario passes', async () => {
    const seen: CheckResult[] = [];
    const results: CheckResult[] = [];
    for (const api of APIS)
      results.push(
        ...(await runCheck(sandboxCheckInputs(sandboxEnvironment(sb.url, 'v1')), { release: 'r3.2', api }, (r) => seen.push(r))),
      );
    assert.deepEqual(seen, results, 'each result is streamed as it is known');
    assert.deepEqual(failures(results), []);
    // [passed, failed, skipped, contradictions]
    assert.deepEqual(counts(results), {
      'quality-on-demand 1.1.0': [96, 0, 0, 6],
      'qos-profiles 1.1.0': [31, 0, 0, 1],
      'qos-provisioning 0.3.0': [66, 0, 0, 5],
    });
  });

  it('r4.1 against QoD 1.2.0-rc.3: every scenario passes', async () => {
    const results: CheckResult[] = [];
    for (const api of APIS)
      results.push(...(await runCheck(sandboxCheckInputs(sandboxEnvironment(sb.url, 'v1.2')), { release: 'r4.1', api })));
    assert.deepEqual(failures(results), []);
    assert.deepEqual(counts(results), {
      'quality-on-demand 1.2.0-rc.3': [115, 0, 0, 6],
      'qos-profiles 1.2.0-rc.3': [35, 0, 0, 1],
      'qos-provisioning 0.4.0-rc.1': [75, 0, 0, 5],
    });
  });

  it('keeps to one API when asked, and a result names its release, API version and exchanges', async () => {
    const results = await runCheck(sandboxCheckInputs(sandboxEnvironment(sb.url, 'v1')), { release: 'r3.2', api: 'profiles' });
    assert.ok(results.length > 0 && results.every((r) => r.api === 'profiles' && r.release === 'r3.2'));
    const one = results.find((r) => r.id === 'qos_profiles_getQosProfile_01_generic_success_scenario');
    assert.equal(one?.apiVersion, 'qos-profiles 1.1.0');
    assert.equal(one?.verdict, 'pass');
    assert.match(one?.exchanges[0]?.url ?? '', /\/qos-profiles\/v1\/qos-profiles\/QOS_/);
    assert.equal(one?.exchanges[0]?.status, 200);
  });
});
