// Bundles the extension and the sandbox CLI. `--dev` keeps sourcemaps and skips minification.
import * as esbuild from 'esbuild';

const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  logLevel: 'info',
  // `vscode` is provided by the extension host at run time.
  external: ['vscode'],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['src/cli/qod.ts'], outfile: 'dist/qod.js', banner: { js: '#!/usr/bin/env node' } }),
]);
