// `npm run test:vscode:desktop`: the same extension-host suite through @vscode/test-electron, on a desktop
// VS Code it downloads. That download is impossible on offline machines (this project's CI); there
// `npm test` uses code-server instead (run-suite.ts). `QOD_VSCODE_EXECUTABLE` points at an installed VS Code.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, '.cache', 'vscode-suite-desktop');

async function main(): Promise<void> {
  const { readdirSync } = await import('node:fs');
  const suiteDir = join(ROOT, 'test', 'vscode', 'suite');
  await esbuild.build({
    entryPoints: readdirSync(suiteDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(suiteDir, f)),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: OUT,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  const code = await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(OUT, 'index.js'),
    vscodeExecutablePath: process.env.QOD_VSCODE_EXECUTABLE,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { QOD_TEST_RESULTS: join(OUT, 'results.json') },
  });
  process.exitCode = code;
}

main().catch((error: unknown) => {
  const message = (error as Error).message;
  console.error(`desktop VS Code run failed: ${message}`);
  // Offline, @vscode/test-electron cannot download VS Code: say what works instead.
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(message) && !process.env.QOD_VSCODE_EXECUTABLE) {
    console.error(
      'No desktop VS Code could be downloaded. Point QOD_VSCODE_EXECUTABLE at an installed one, or run the same suite in VS Code in the browser: npm run test:vscode',
    );
  }
  process.exitCode = 1;
});
