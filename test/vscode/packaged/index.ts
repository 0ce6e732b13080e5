// Runs in a real VS Code where the packaged .vsix was installed (no development path): the artifact itself.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const results = { passed: 0, failed: 0, failures: [] as string[] };
  const check = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      results.passed += 1;
      console.log(`    ✔ ${name}`);
    } catch (error) {
      results.failed += 1;
      results.failures.push(`${name}: ${(error as Error).message}`);
      console.log(`    ✗ ${name}: ${(error as Error).message}`);
    }
  };
  console.log('  the packaged .vsix, installed');
  const extension = vscode.extensions.getExtension('qod-playground.qod-playground');
  await check('is installed from the .vsix, not a development folder, and activates', async () => {
    assert.ok(extension, 'installed');
    assert.ok(!extension.extensionPath.startsWith(process.env.QOD_REPO ?? '\0'), `runs from ${extension.extensionPath}`);
    await extension.activate();
    assert.ok(extension.isActive);
  });
  await check('lists its commands', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension?.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length >= 18);
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });
  await check('creates a session against the embedded sandbox', async () => {
    await vscode.commands.executeCommand('qod.startSandbox');
    const created = await vscode.commands.executeCommand<{ id: string; status: string }>('qod.createSession', {
      device: { phoneNumber: '+34666666663' }, applicationServer: '198.51.100.10', qosProfile: 'QOS_M', duration: 60,
    });
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(await vscode.commands.executeCommand('qod.deleteSession', created.id), true);
    await vscode.commands.executeCommand('qod.stopSandbox');
  });
  if (process.env.QOD_TEST_RESULTS) writeFileSync(process.env.QOD_TEST_RESULTS, JSON.stringify(results));
  if (results.failed > 0) throw new Error(results.failures.join('\n'));
}
