// The mocha suites (unit, sandbox over real HTTP, core, CLI, webview in Chromium) in this process; run-all.ts
// starts it under the Node it chooses. The last line is `mocha: N passed, N failed, N skipped`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const ROOT = join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));
}

async function main(): Promise<void> {
  const rc = JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { spec: string[]; timeout: number };
  const mocha = new Mocha({ timeout: rc.timeout, forbidOnly: true, reporter: 'spec' });
  for (const pattern of rc.spec) {
    const dir = join(ROOT, pattern.split('/**')[0] as string);
    for (const file of testFiles(dir)) mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  const runner = mocha.run(() => {
    const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
    console.log(`\nmocha: ${passes} passed, ${failures} failed, ${pending} skipped`);
    process.exit(failures > 0 ? 1 : 0);
  });
}

void main();
