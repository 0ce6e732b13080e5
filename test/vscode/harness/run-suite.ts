// `npm run test:vscode`: the integration suite inside a real VS Code extension host (code-server, offline),
// then the Playwright UI tests. Prints `N passed, N failed` as its last line; exits non-zero on any failure.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { advisorUiTests } from '../ui/advisor';
import { uiTests } from '../ui/command-palette';
import { customProviderTests } from '../ui/custom-provider';
import { firstRunUiTests } from '../ui/first-run';
import { signInUiTests } from '../ui/sign-in';
import { themeTest } from '../ui/themes';
import { launchWorkbench, type LaunchOptions } from './code-server';
import { provision } from './provision';

const ROOT = join(__dirname, '..', '..', '..');
const OUT = join(ROOT, '.cache', 'vscode-suite');
/** For working on one UI test: `QOD_UI_GREP="authorization code" npm run test:vscode`. */
const UI_GREP = process.env.QOD_UI_GREP;

async function buildSuite(): Promise<string> {
  rmSync(OUT, { recursive: true, force: true });
  const suiteDir = join(ROOT, 'test', 'vscode', 'suite');
  const { readdirSync } = await import('node:fs');
  const entries = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(suiteDir, f));
  await esbuild.build({
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: OUT,
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(OUT, 'index.js');
}

interface Counts {
  passed: number;
  failed: number;
}

/**
 * Runs a test module in the extension host and reads the counts it wrote. A run that does not finish, or
 * exits non-zero without a recorded failure, counts as one failure.
 */
async function runInHost(
  host: ReturnType<typeof provision>,
  options: LaunchOptions,
  resultsFile: string,
  timeoutMs: number,
): Promise<Counts> {
  rmSync(resultsFile, { force: true });
  let exitCode: number | undefined;
  const workbench = await launchWorkbench(host, {
    ...options,
    env: { ...options.env, QOD_TEST_RESULTS: resultsFile },
    onExit: (code) => {
      exitCode = code;
    },
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (exitCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  } finally {
    await workbench.stop();
  }
  if (exitCode === undefined) {
    console.log(workbench.logs.join('').slice(-4000));
    console.log(`  (the run did not finish in ${Math.round(timeoutMs / 60_000)} minutes)`);
    return { passed: 0, failed: 1 };
  }
  const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Counts) : { passed: 0, failed: 1 };
  return exitCode !== 0 && results.failed === 0 ? { passed: results.passed, failed: 1 } : results;
}

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error('build the extension first (npm run build)');
  const host = provision();
  if (UI_GREP) {
    console.log(`QOD_UI_GREP=${UI_GREP}: only the Playwright tests whose name contains it; the host and packaged suites are not run`);
    const ui = await runUiTests(host);
    console.log(`${ui.passed} passed, ${ui.failed} failed`);
    return ui.failed > 0 || ui.passed === 0 ? 1 : 0;
  }
  const suite = await buildSuite();
  const results = await runInHost(
    host,
    {
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      // The workbench's own chatter about GitHub sign-in and marketplace lookups is noise offline.
      onLog: (line) => {
        if (!/^\[AgentHost\]|open-vsx|api\.github\.com/.test(line)) console.log(line);
      },
    },
    join(OUT, 'results.json'),
    10 * 60_000,
  );
  const ui = await runUiTests(host);
  const packaged = await runPackagedTests(host);
  console.log(
    `\nreal VS Code: extension host suite ${results.passed} passed, ${results.failed} failed; Playwright UI ${ui.passed} passed, ${ui.failed} failed; packaged .vsix ${packaged.passed} passed, ${packaged.failed} failed`,
  );
  const passed = results.passed + ui.passed + packaged.passed;
  const failed = results.failed + ui.failed + packaged.failed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** The packaged artifact: installed with --install-extension into a clean profile, then exercised. */
async function runPackagedTests(host: ReturnType<typeof provision>): Promise<Counts> {
  const vsix = join(ROOT, 'dist', 'qod-playground.vsix');
  if (!existsSync(vsix)) {
    console.log(`\n  packaged .vsix: skipped, ${vsix} is not built (npm run package; npm test does it)`);
    return { passed: 0, failed: 0 };
  }
  const out = join(ROOT, '.cache', 'vscode-packaged');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'vscode', 'packaged', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(out, 'index.js'),
    external: ['vscode'],
    logLevel: 'warning',
  });
  // The workbench runs tests only for a development extension: an empty one stands in.
  const placeholder = join(out, 'placeholder');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(placeholder, { recursive: true });
  writeFileSync(
    join(placeholder, 'package.json'),
    JSON.stringify({ name: 'placeholder', publisher: 'test', version: '0.0.0', engines: { vscode: '*' } }),
  );
  return runInHost(
    host,
    {
      installExtension: vsix,
      extensionDevelopmentPath: placeholder,
      extensionTestsPath: join(out, 'index.js'),
      env: { QOD_REPO: ROOT },
      onLog: (line) => {
        if (/^\s+[✔✗]|the packaged/.test(line)) console.log(line);
      },
    },
    join(out, 'results.json'),
    5 * 60_000,
  );
}

/** The Playwright tests: the workbench with the extension loaded, driven like a user would. */
async function runUiTests(host: ReturnType<typeof provision>): Promise<Counts> {
  const outcome = { passed: 0, failed: 0 };
  console.log('\n  Playwright, in the real workbench');
  for (const test of [...uiTests, ...signInUiTests, ...firstRunUiTests, ...customProviderTests, ...advisorUiTests, themeTest].filter(
    (t) => !UI_GREP || t.name.includes(UI_GREP),
  )) {
    const workbench = await launchWorkbench(host, { extensionDevelopmentPath: ROOT, settings: test.settings });
    try {
      await test.run(workbench.page);
      outcome.passed += 1;
      console.log(`    ✔ ${test.name}`);
    } catch (error) {
      outcome.failed += 1;
      await workbench.page.screenshot({ path: join(ROOT, '.cache', 'artifacts', 'failure.png') }).catch(() => undefined);
      // The notifications say what went wrong in the extension.
      const toasts = await workbench.page
        .locator('.notifications-toasts, .notifications-center')
        .allInnerTexts()
        .catch(() => []);
      if (toasts.join('').trim()) console.log(`      notifications: ${toasts.join(' | ').replace(/\s+/g, ' ')}`);
      console.log(`    ✗ ${test.name}: ${(error as Error).message}`);
    } finally {
      await workbench.stop();
    }
  }
  return outcome;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  },
);
