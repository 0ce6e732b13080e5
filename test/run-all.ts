// `npm test` after type check, lint and build: the mocha suites (unit, sandbox over real HTTP, core, CLI), then
// the real-VS-Code suites. The last line is `N passed, N failed` over everything.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { provision } from './vscode/harness/provision';

const ROOT = join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(dir, f));
}

async function runMocha(): Promise<{ passed: number; failed: number; skipped: number }> {
  const rc = JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { spec: string[]; timeout: number };
  const mocha = new Mocha({ timeout: rc.timeout, forbidOnly: true, reporter: 'spec' });
  for (const pattern of rc.spec) {
    const dir = join(ROOT, pattern.split('/**')[0] as string);
    for (const file of testFiles(dir)) mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, skipped: runner.stats?.pending ?? 0 }));
  });
}

async function runVsCode(): Promise<{ passed: number; failed: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'vscode', 'harness', 'run-suite.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = chunk.toString().trim().split('\n');
      last = lines.at(-1) ?? last;
    });
    child.on('exit', (code) => {
      const match = /(\d+) passed, (\d+) failed$/.exec(last.trim());
      resolve(match ? { passed: Number(match[1]), failed: Number(match[2]) + (code === 0 || Number(match[2]) > 0 ? 0 : 1) } : { passed: 0, failed: 1 });
    });
  });
}

async function main(): Promise<void> {
  // Chromium (webview tests) and the real VS Code come from the same provisioning; do it once, up front.
  if (!process.env.QOD_SKIP_VSCODE) provision();
  const node = await runMocha();
  console.log('\n== real VS Code ==');
  const vscode = process.env.QOD_SKIP_VSCODE ? (console.log('skipped: QOD_SKIP_VSCODE is set'), { passed: 0, failed: 0 }) : await runVsCode();
  console.log(`\nmocha (unit, sandbox, core, CLI): ${node.passed} passed, ${node.failed} failed, ${node.skipped} skipped; real VS Code: ${vscode.passed} passed, ${vscode.failed} failed`);
  const failed = node.failed + vscode.failed;
  console.log(`${node.passed + vscode.passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
