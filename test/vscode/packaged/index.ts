// Runs in a real VS Code where the packaged .vsix was installed (no development path): the artifact itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
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
  await check('is installed from the .vsix, not a development folder', async () => {
    assert.ok(extension, 'installed');
    // By path segment: a clone at <tmp>/qod beside <tmp>/qod-vscode-… is not the install folder's parent.
    const repo = process.env.QOD_REPO;
    const rel = repo === undefined ? '..' : relative(repo, extension.extensionPath);
    const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    assert.ok(!inside, `runs from ${extension.extensionPath}`);
  });
  await check('activates', async () => {
    assert.ok(extension, 'installed');
    await extension.activate();
    assert.ok(extension.isActive);
  });
  await check('its qod answers --version, and says in words which commands this copy serves', async () => {
    assert.ok(extension, 'installed');
    const qod = join(extension.extensionPath, 'dist', 'qod.js');
    const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    const run = (args: string[]) => spawnSync(process.execPath, [qod, ...args], { encoding: 'utf8', timeout: 20_000, env });
    const version = run(['--version']);
    assert.equal(version.stdout.trim(), `qod ${extension.packageJSON.version as string}`, version.stderr);
    const other = run(['session', 'list']);
    assert.equal(other.status, 2, other.stderr);
    assert.match(other.stderr, /serves only `qod mcp`, --help and --version/);
    assert.doesNotMatch(other.stderr, /Cannot find module|\n\s+at /);
  });
  await check('lists its commands', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension?.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length >= 18);
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
  });
  await check('creates a session against the embedded sandbox', async () => {
    await vscode.commands.executeCommand('qod.startSandbox');
    const created = await vscode.commands.executeCommand<{ id: string; status: string }>('qod.createSession', {
      device: { phoneNumber: '+34666666663' },
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_M',
      duration: 60,
    });
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(await vscode.commands.executeCommand('qod.deleteSession', created.id), true);
    await vscode.commands.executeCommand('qod.stopSandbox');
  });
  if (process.env.QOD_TEST_RESULTS) writeFileSync(process.env.QOD_TEST_RESULTS, JSON.stringify(results));
  if (results.failed > 0) throw new Error(results.failures.join('\n'));
}
