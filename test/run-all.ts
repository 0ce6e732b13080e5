// `npm test` after type check, lint and build: the mocha suites (unit, sandbox over real HTTP, core, CLI), then
// the real-VS-Code suites. The last line is `N passed, N failed` over everything.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { provision } from './vscode/harness/provision';

const ROOT = join(__dirname, '..');

/**
 * The mocha suites run on a Node the project declares (22 LTS or newer, which oidc-provider needs). On a machine
 * whose own Node is older, they run on the provisioned Node 24 (the one code-server uses); without provisioning
 * they run on the machine's Node, and say so.
 */
async function runMocha(node: string): Promise<{ passed: number; failed: number; skipped: number }> {
  return new Promise((resolve) => {
    const child = spawn(node, ['--import', 'tsx', join(ROOT, 'test', 'run-mocha.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-500);
    });
    child.on('exit', (code) => {
      const match = /mocha: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(tail);
      resolve(
        match
          ? { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]) }
          : { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 },
      );
    });
  });
}

async function runVsCode(): Promise<{ passed: number; failed: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'vscode', 'harness', 'run-suite.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let last = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = chunk.toString().trim().split('\n');
      last = lines.at(-1) ?? last;
    });
    child.on('exit', (code) => {
      const match = /(\d+) passed, (\d+) failed$/.exec(last.trim());
      resolve(
        match
          ? { passed: Number(match[1]), failed: Number(match[2]) + (code === 0 || Number(match[2]) > 0 ? 0 : 1) }
          : { passed: 0, failed: 1 },
      );
    });
  });
}

async function main(): Promise<void> {
  // Chromium (webview tests) and the real VS Code come from the same provisioning; do it once, up front.
  const host = process.env.QOD_SKIP_VSCODE ? undefined : provision();
  const machineNodeSupported = Number(process.versions.node.split('.')[0]) >= 22;
  const mochaNode = machineNodeSupported || !host ? process.execPath : host.node;
  console.log(
    `mocha suites on Node ${mochaNode === process.execPath ? process.version : `24 (${mochaNode})`}${!machineNodeSupported && !host ? ', older than the declared Node 22: expect oidc-provider\'s "Unsupported runtime" line' : ''}`,
  );
  const node = await runMocha(mochaNode);
  console.log('\n== real VS Code ==');
  const vscode = process.env.QOD_SKIP_VSCODE
    ? (console.log('skipped: QOD_SKIP_VSCODE is set'), { passed: 0, failed: 0 })
    : await runVsCode();
  console.log(
    `\nmocha (unit, sandbox, core, CLI): ${node.passed} passed, ${node.failed} failed, ${node.skipped} skipped; real VS Code: ${vscode.passed} passed, ${vscode.failed} failed`,
  );
  const failed = node.failed + vscode.failed;
  console.log(`${node.passed + vscode.passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
