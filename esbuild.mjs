// Bundles the extension and the sandbox CLI. `--dev` keeps sourcemaps and skips minification.
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: !dev,
  // oidc-provider finds its models' TTLs and storage by class name; minified names would silently drop
  // token expiry. Keep them.
  keepNames: true,
  sourcemap: dev ? 'linked' : false,
  logLevel: 'info',
  // `vscode` is provided by the extension host at run time.
  external: ['vscode'],
};

/** The `qod` bundles load one another at run time (`require('./qod')` → `./qod-main.js`), never inline. */
const SIBLINGS = { './qod': './qod-main.js', './sandbox-command': './qod-sandbox.js', './mcp': './qod-mcp.js' };
const siblingBundles = {
  name: 'sibling-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/(qod|sandbox-command|mcp)$/ }, (args) => (args.kind === 'require-call' ? { path: SIBLINGS[args.path], external: true } : undefined));
  },
};

if (process.argv.includes('--bench')) {
  // Benchmarks measure bundled code, as it ships, with no TypeScript loader in the way.
  await esbuild.build({
    ...common,
    minify: true,
    entryPoints: ['bench/sandbox.ts', 'bench/client.ts', 'bench/sandbox-server.ts', 'bench/fuzz.ts', 'bench/run.ts', 'bench/operators.ts'],
    outdir: '.cache/bench',
    logLevel: 'warning',
  });
  process.exit(0);
}

await Promise.all([
  // The entry bundle holds activation only; services and the sandbox load on first use (require at run time).
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['src/composition.ts'], outfile: 'dist/services.js' }),
  esbuild.build({ ...common, entryPoints: ['src/sandbox/index.ts'], outfile: 'dist/sandbox.js' }),
  // The playground webview: a browser bundle and its stylesheet, nothing else is reachable from it.
  esbuild.build({
    ...common, platform: 'browser', format: 'esm', target: 'es2022', keepNames: false, external: [],
    entryPoints: ['src/webview/app/main.ts', 'src/webview/app/playground.css'], outdir: 'dist/webview', entryNames: 'playground',
  }),
  // `qod`: a small entry (help), and one bundle per kind of command, each loaded only when it runs.
  esbuild.build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/qod.js', plugins: [siblingBundles], minify: false, define: { QOD_VERSION: JSON.stringify(version) } }),
  esbuild.build({ ...common, entryPoints: ['src/cli/qod.ts'], outfile: 'dist/qod-main.js', plugins: [siblingBundles], define: { QOD_VERSION: JSON.stringify(version) } }),
  esbuild.build({ ...common, entryPoints: ['src/cli/sandbox-command.ts'], outfile: 'dist/qod-sandbox.js' }),
  esbuild.build({ ...common, entryPoints: ['src/cli/mcp.ts'], outfile: 'dist/qod-mcp.js', define: { QOD_VERSION: JSON.stringify(version) } }),
]);
