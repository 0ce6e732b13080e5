// The mocha suites (everything under test/ but the real-VS-Code suites in test/vscode: core, sandbox over real HTTP,
// CLI, webview in Chromium) in this process; run-all.ts starts it under the Node it chooses. The last line is
// `mocha: N passed, N failed, N skipped`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import Mocha from 'mocha';

const ROOT = join(__dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));
}

async function main(): Promise<void> {
  const rc = JSON.parse(readFileSync(join(ROOT, '.mocharc.json'), 'utf8')) as { spec: string[]; ignore?: string[]; timeout: number };
  const mocha = new Mocha({ timeout: rc.timeout, forbidOnly: true, reporter: 'spec' });
  // .mocharc's globs are all `dir/**/...`: a spec names a folder to search, an ignore a folder to leave out.
  const folder = (pattern: string): string => join(ROOT, pattern.split('/**')[0] as string);
  const ignored = (rc.ignore ?? []).map((pattern) => folder(pattern) + sep);
  for (const pattern of rc.spec) {
    for (const file of testFiles(folder(pattern))) if (!ignored.some((dir) => file.startsWith(dir))) mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  const runner = mocha.run(() => {
    const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
    console.log(`\nmocha: ${passes} passed, ${failures} failed, ${pending} skipped`);
    process.exit(failures > 0 ? 1 : 0);
  });
}

void main();
