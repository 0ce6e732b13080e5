// Runs inside the real extension host (as extensionTestsPath): activates QoD Playground and measures it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ activationMs: number }>('qod-playground.qod-playground');
  if (!extension) throw new Error('extension not found');
  const api = await extension.activate();
  // Module load on its own: a fresh require of the same entry bundle (read, compile, evaluate), repeated.
  const entry = join(extension.extensionPath, 'dist', 'extension.js');
  const loads: number[] = [];
  for (let i = 0; i < 20; i++) {
    delete require.cache[require.resolve(entry)];
    const t0 = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing a fresh load is the point
    require(entry);
    loads.push(performance.now() - t0);
  }
  loads.sort((a, b) => a - b);
  const result = { activateMs: api.activationMs, firstLoadMs: loads[loads.length - 1], medianLoadMs: loads[Math.floor(loads.length / 2)] };
  if (process.env.QOD_BENCH_RESULTS) writeFileSync(process.env.QOD_BENCH_RESULTS, JSON.stringify(result));
}
