// `npm start`: builds, then opens the playground in a real VS Code with the extension loaded and the embedded
// sandbox as the environment: a desktop VS Code (`code` on PATH) where there is one, otherwise VS Code in the
// browser (the code-server host the tests use), whose URL is printed. Ctrl-C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provision } from '../test/vscode/harness/provision';

const ROOT = join(__dirname, '..');
/** A workspace holding this marker activates the extension, which then opens the playground. */
const MARKER = '.qod-playground-start';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), 'qod-playground-'));
  writeFileSync(join(workspace, MARKER), 'Opened by `npm start`: QoD Playground opens its playground here.\n');
  // The browser host's profile, settings and log live next to the workspace and go with it.
  const state = `${workspace}-state`;
  const children: ChildProcess[] = [];
  const stop = (code = 0) => {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(workspace, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
    process.exit(code);
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());

  if (!process.env.QOD_START_BROWSER && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log('Opening the playground in your desktop VS Code (extension from this folder, local sandbox)…');
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit', detached: true });
    children.push(code);
    console.log('Close that window, or press Ctrl-C here, to stop.');
    return;
  }
  const host = provision();
  const dirs = Object.fromEntries(['user-data', 'extensions', 'config', 'data'].map((d) => [d, join(state, d)])) as Record<string, string>;
  mkdirSync(join(dirs['user-data'] as string, 'User'), { recursive: true });
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  writeFileSync(join(dirs['user-data'] as string, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'security.workspace.trust.enabled': false }));
  // code-server's own chatter (offline marketplace lookups and the like) goes to a file, not the terminal.
  const logFile = join(state, 'code-server.log');
  const log = openSync(logFile, 'a');
  const port = Number(process.env.QOD_START_PORT ?? (await freePort()));
  // `enable-smoke-test-driver`: without it, VS Code in the browser ignores the extensionDevelopmentPath in the
  // URL's payload, and the extension from this folder would not load.
  const server = spawn(host.node, [
    host.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', dirs['user-data'] as string, '--extensions-dir', dirs.extensions as string,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver', workspace,
  ], { env: { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data }, detached: true, stdio: ['ignore', log, log] });
  children.push(server);
  const url = `http://127.0.0.1:${port}`;
  let up = false;
  for (let i = 0; i < 150 && !up && server.exitCode === null; i++) {
    up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  if (!up) {
    console.error(`VS Code in the browser did not start within 30 s. Its log:\n${readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`);
    stop(1);
  }
  const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${ROOT}`], ['skipWelcome', 'true']]));
  console.log('\nQoD Playground is running in VS Code in the browser, with the embedded sandbox:');
  console.log(`\n  ${url}/?folder=${encodeURIComponent(workspace)}&payload=${payload}\n`);
  console.log('Open that URL in a browser on this machine; the playground opens by itself. Press Ctrl-C to stop everything.');
  console.log(`(VS Code's own log: ${logFile})`);
}

void main();
