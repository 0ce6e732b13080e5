// Runs inside the real extension host: mocha over the bundled suite files, results written for the harness.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', forbidOnly: true });
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(__dirname, file));
  const results = { passed: 0, failed: 0, failures: [] as string[] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => {
      results.passed += 1;
    });
    runner.on('fail', (test, error: Error) => {
      results.failed += 1;
      results.failures.push(`${test.fullTitle()}: ${error.message}`);
    });
  });
  if (process.env.QOD_TEST_RESULTS) writeFileSync(process.env.QOD_TEST_RESULTS, JSON.stringify(results));
  if (results.failed > 0) throw new Error(`${results.failed} test(s) failed`);
}
