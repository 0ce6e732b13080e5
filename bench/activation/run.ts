// `npm run bench:activation`: the extension's activation time in the real host (module load plus activate()),
// the size of the entry bundle that loads at activation, and all shipped JavaScript. Prints figures.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launchWorkbench } from '../../test/vscode/harness/code-server';
import { provision } from '../../test/vscode/harness/provision';

const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, '.cache', 'bench-activation');

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error('build first (npm run build)');
  const host = provision();
  await esbuild.build({ entryPoints: [join(__dirname, 'in-host.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(OUT, 'index.js'), external: ['vscode'], logLevel: 'warning' });
  const resultsFile = join(OUT, 'results.json');
  let exit: number | undefined;
  const runs: Array<{ activateMs: number; firstLoadMs: number; medianLoadMs: number }> = [];
  for (let i = 0; i < 3; i++) {
    exit = undefined;
    const workbench = await launchWorkbench(host, { extensionDevelopmentPath: ROOT, extensionTestsPath: join(OUT, 'index.js'), env: { QOD_BENCH_RESULTS: resultsFile }, onExit: (code) => { exit = code; } });
    const deadline = Date.now() + 120_000;
    while (exit === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await workbench.stop();
    if (exit !== 0) throw new Error('the in-host measurement failed');
    runs.push(JSON.parse(readFileSync(resultsFile, 'utf8')));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const activate = median(runs.map((r) => r.activateMs));
  const load = median(runs.map((r) => r.medianLoadMs));
  const dist = join(ROOT, 'dist');
  // The .vsix ships the extension's bundles and, for VS Code's MCP support, `qod mcp` (its entry and its bundle).
  const shipped = ['extension.js', 'services.js', 'sandbox.js', 'qod.js', 'qod-mcp.js'];
  const size = (f: string) => statSync(join(dist, f)).size;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`activation in the real host (code-server, ${runs.length} fresh windows, medians):`);
  console.log(`  module load ${load.toFixed(2)} ms + activate() ${activate.toFixed(2)} ms = ${(load + activate).toFixed(2)} ms (goal < 20 ms)`);
  console.log(`entry bundle dist/extension.js: ${kb(size('extension.js'))} (goal < 300 KB)`);
  console.log(`loaded on first use: dist/services.js ${kb(size('services.js'))}; when the sandbox starts: dist/sandbox.js ${kb(size('sandbox.js'))}`);
  console.log(`loaded when VS Code starts the MCP server (a process of its own): dist/qod.js ${kb(size('qod.js'))} + dist/qod-mcp.js ${kb(size('qod-mcp.js'))}`);
  console.log(`total shipped JavaScript: ${kb(shipped.reduce((n, f) => n + size(f), 0))} (${shipped.join(', ')})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
