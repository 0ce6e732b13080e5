// Starts code-server in its own process group (killed as a whole afterwards, or extension hosts linger) and
// drives its workbench from Debian's Chromium with playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { VsCodeHost } from './provision';

export interface RunningWorkbench {
  url: string;
  page: Page;
  browser: Browser;
  workspace: string;
  logs: string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface LaunchOptions {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  env?: Record<string, string>;
  onExit?: (code: number) => void;
  onLog?: (line: string) => void;
  /** Extensions to install first (a .vsix path). */
  installExtension?: string;
  /** User settings besides the quiet defaults. */
  settings?: Record<string, unknown>;
}

export async function launchWorkbench(host: VsCodeHost, options: LaunchOptions = {}): Promise<RunningWorkbench> {
  const root = mkdtempSync(join(tmpdir(), 'qod-vscode-'));
  const dirs = Object.fromEntries(['ud', 'ext', 'cfg', 'data', 'ws'].map((d) => [d, join(root, d)])) as Record<string, string>;
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.ud as string, 'User'), { recursive: true });
  // A quiet workbench: no welcome page, no telemetry, no update checks.
  writeFileSync(
    join(dirs.ud as string, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      ...options.settings,
    }),
  );
  const env = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: dirs.cfg as string,
    XDG_DATA_HOME: dirs.data as string,
    PATH: `${join(host.node, '..')}:${process.env.PATH ?? ''}`,
  };
  const logs: string[] = [];
  const common = ['--user-data-dir', dirs.ud as string, '--extensions-dir', dirs.ext as string];
  if (options.installExtension) {
    await new Promise<void>((resolve, reject) => {
      const p = spawn(host.node, [host.codeServer, ...common, '--install-extension', options.installExtension as string], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      p.stdout.on('data', (d: Buffer) => logs.push(d.toString()));
      p.stderr.on('data', (d: Buffer) => logs.push(d.toString()));
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`install-extension exited ${code}: ${logs.join('')}`))));
    });
  }
  const port = await freePort();
  const server: ChildProcess = spawn(
    host.node,
    [
      host.codeServer,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      ...common,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--vscode-option',
      'enable-smoke-test-driver',
      dirs.ws as string,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
  server.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const ready = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > ready) throw new Error(`code-server did not start: ${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: host.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    // The extension host's console, mocha's output among it, with its printf-style arguments applied.
    options.onLog?.(format(...((args ?? []) as [unknown, ...unknown[]])));
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => options.onExit?.(code));
  const payload: Array<[string, string]> = [['skipWelcome', 'true']];
  if (options.extensionDevelopmentPath)
    payload.push(['extensionDevelopmentPath', `vscode-remote://remote${options.extensionDevelopmentPath}`]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://remote${options.extensionTestsPath}`]);
  const target = `${url}/?folder=${encodeURIComponent(dirs.ws as string)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(target);
  return {
    url,
    page,
    browser,
    workspace: dirs.ws as string,
    logs,
    async stop() {
      await browser.close().catch(() => undefined);
      try {
        if (server.pid) process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
