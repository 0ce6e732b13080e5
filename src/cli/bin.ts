#!/usr/bin/env node
// The `qod` program as shipped (dist/qod.js): help is answered from this small file, and each command loads
// only its own bundle — the command line (qod-main.js), the sandbox with its authorization server
// (qod-sandbox.js, from the command line's `sandbox`), the MCP server (qod-mcp.js) — so an agent host that
// starts `qod` often does not pay for what it does not run.
import { helpFor, usage } from './help';
import { isVersionRequest, VERSION } from './version';

const [command, ...rest] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage());
  process.exitCode = command ? 0 : 2;
} else if (isVersionRequest(command)) {
  console.log(`qod ${VERSION}`);
} else if ((rest.includes('--help') || rest.includes('-h')) && helpFor(command)) {
  console.log(helpFor(command));
} else if (command === 'mcp') {
  // Straight to the MCP server: no command-line bundle in between (an MCP host waits for this start).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, loaded only now
  const { runMcp } = require('./mcp') as typeof import('./mcp');
  runMcp(rest, process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`qod mcp: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
} else {
  // Bundled as a file of its own (see esbuild.mjs), loaded only now; require, not import(), so Node does not
  // scan the whole bundle for its exports first.
  let cli: typeof import('./qod') | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, loaded only now
    cli = require('./qod') as typeof import('./qod');
  } catch (error) {
    // The copy inside the VS Code extension ships only what the editor runs (`qod mcp`): it says so in words.
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String(error).includes('qod-main')) throw error;
    console.error(
      `qod ${command}: this copy of qod (the one inside the VS Code extension) serves only \`qod mcp\`, --help and --version.` +
        ' For the other commands, use the one from the repository: npm ci, then node dist/qod.js <command>.',
    );
    process.exitCode = 2;
  }
  cli?.start();
}
