// QoD: Check This Provider in the real extension host: CAMARA's scenarios against the local sandbox, results in the
// Testing view's controller ("QoD provider check"), one item per scenario row under its release and API.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckResult } from '../../../src/core/check/model';
import { services } from './support';

describe('QoD: Check This Provider, against the local sandbox', () => {
  it('runs the QoS Profiles scenarios of r3.2: every one passes or is skipped with its reason, none fails', async () => {
    await vscode.commands.executeCommand('qod.startSandbox');
    const results = await vscode.commands.executeCommand<CheckResult[]>('qod.checkProvider', { release: 'r3.2', api: 'profiles' });
    assert.ok(results.length >= 25, `${results.length} scenario rows`);
    assert.deepEqual(
      results.filter((r) => r.verdict === 'fail').map((r) => `${r.id}: ${r.reason}`),
      [],
    );
    assert.ok(results.every((r) => r.api === 'profiles' && r.release === 'r3.2' && r.apiVersion === 'qos-profiles 1.1.0'));
    for (const skipped of results.filter((r) => r.verdict === 'skipped'))
      assert.ok(skipped.reason, `${skipped.id} says why it was skipped`);
    assert.ok(
      results.some((r) => r.verdict === 'pass' && r.exchanges.length > 0),
      'a passing scenario keeps its exchange',
    );
    const text = JSON.stringify(results);
    assert.doesNotMatch(text, /qod-demo-secret|Bearer ey/, 'no secret and no token in the results');
  });

  it('a QoD v0.10 environment is refused with the releases the test definitions cover', async () => {
    const before = (await services()).environments.activeId;
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox-v0.10');
    try {
      assert.equal(await vscode.commands.executeCommand('qod.checkProvider', {}), undefined);
    } finally {
      await vscode.commands.executeCommand('qod.selectEnvironment', before);
      await vscode.commands.executeCommand('qod.stopSandbox');
    }
  });
});
