// `npm start`: builds, then opens the playground in a real VS Code with the extension loaded and the embedded
// sandbox as the environment: a desktop VS Code (`code` on PATH) where there is one, otherwise VS Code in the
// browser (the code-server host the tests use), whose URL is printed. Ctrl-C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(workspace, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (!process.env.QOD_START_BROWSER && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log('Opening the playground in your desktop VS Code (extension from this folder, local sandbox)…');
    const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit', detached: true });
    children.push(code);
    console.log('Close that window, or press Ctrl-C here, to stop.');
    return;
  }
  const host = provision();
  const dirs = Object.fromEntries(['ud', 'ext', 'cfg', 'data'].map((d) => [d, join(workspace, '..', `${join(workspace).split('/').pop()}-${d}`)])) as Record<string, string>;
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.ud as string, 'User'), { recursive: true });
  writeFileSync(join(dirs.ud as string, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'security.workspace.trust.enabled': false }));
  const port = Number(process.env.QOD_START_PORT ?? (await freePort()));
  const server = spawn(host.node, [
    host.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', dirs.ud as string, '--extensions-dir', dirs.ext as string,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver', workspace,
  ], { env: { ...process.env, XDG_CONFIG_HOME: dirs.cfg, XDG_DATA_HOME: dirs.data }, detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(server);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const payload = encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://remote${ROOT}`], ['skipWelcome', 'true']]));
  console.log('\nQoD Playground is running in VS Code in the browser, with the embedded sandbox:');
  console.log(`\n  ${url}/?folder=${encodeURIComponent(workspace)}&payload=${payload}\n`);
  console.log('Open that URL in a browser on this machine; the playground opens by itself. Press Ctrl-C to stop everything.');
}

void main();
