// Starts bench/sandbox-server in its own process, so the load generator and the sandbox do not share an
// event loop. Benchmarks run bundled (see esbuild.mjs --bench), like the shipped code.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** `serverArgs` go to bench/sandbox-server (`--max-sessions N`). */
export async function startSandboxProcess(serverArgs: string[] = []): Promise<{ url: string; stop(): void }> {
  const bundled = __filename.endsWith('.js');
  const args = [...(bundled ? [join(__dirname, 'sandbox-server.js')] : ['--import', 'tsx', join(__dirname, 'sandbox-server.ts')]), ...serverArgs];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: chunk.toString().trim().split('\n')[0] as string, stop: () => child.kill('SIGTERM') };
}
