// `npm run bench:webview`: the playground's bundle size, and the time from running "QoD: Open Playground" in
// the real host until the panel is interactive (rendered, with the host's state applied). Prints figures.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { launchWorkbench } from '../test/vscode/harness/code-server';
import { provision } from '../test/vscode/harness/provision';
import { playground, runCommand } from '../test/vscode/ui/command-palette';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const kb = (file: string) => `${(statSync(join(ROOT, 'dist', 'webview', file)).size / 1024).toFixed(1)} KB`;
  console.log(`webview bundle: playground.js ${kb('playground.js')} minified (goal < 200 KB), playground.css ${kb('playground.css')}`);
  const host = provision();
  const first: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < 3; run++) {
    const workbench = await launchWorkbench(host, { extensionDevelopmentPath: ROOT });
    try {
      const { page } = workbench;
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      for (let open = 0; open < 3; open++) {
        const t0 = Date.now();
        await runCommand(page, 'QoD: Open Playground');
        await playground(page).locator('#environment vscode-option').first().waitFor({ state: 'attached', timeout: 30_000 });
        (open === 0 ? first : warm).push(Date.now() - t0);
        await runCommand(page, 'View: Close All Editors');
        await page.waitForTimeout(300);
      }
    } finally {
      await workbench.stop();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(`time until interactive (command → rendered with state), real host, 3 windows:`);
  console.log(`  first open in a fresh window (includes the workbench's first webview and loading the services bundle): median ${median(first)} ms (runs: ${first.join(', ')})`);
  console.log(`  later opens: median ${median(warm)} ms (runs: ${warm.join(', ')}) (goal < 500 ms)`);
  console.log('  (measured from the key press, so the command palette\'s own time is included)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
