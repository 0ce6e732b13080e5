// Bundles the extension and the sandbox CLI. `--dev` keeps sourcemaps and skips minification.
import * as esbuild from 'esbuild';

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

if (process.argv.includes('--bench')) {
  // Benchmarks measure bundled code, as it ships, with no TypeScript loader in the way.
  await esbuild.build({
    ...common,
    minify: true,
    entryPoints: ['bench/sandbox.ts', 'bench/client.ts', 'bench/sandbox-server.ts', 'bench/fuzz.ts'],
    outdir: '.cache/bench',
    logLevel: 'warning',
  });
  process.exit(0);
}

await Promise.all([
  // The entry bundle holds activation only; services and the sandbox load on first use (require at run time).
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' }),
  esbuild.build({ ...common, entryPoints: ['src/vscode/composition.ts'], outfile: 'dist/services.js' }),
  esbuild.build({ ...common, entryPoints: ['src/sandbox/server.ts'], outfile: 'dist/sandbox.js' }),
  // The playground webview: a browser bundle and its stylesheet, nothing else is reachable from it.
  esbuild.build({
    ...common, platform: 'browser', format: 'esm', target: 'es2022', keepNames: false, external: [],
    entryPoints: ['src/webview/app/main.ts', 'src/webview/app/playground.css'], outdir: 'dist/webview', entryNames: 'playground',
  }),
  esbuild.build({ ...common, entryPoints: ['src/cli/qod.ts'], outfile: 'dist/qod.js', banner: { js: '#!/usr/bin/env node' } }),
]);
