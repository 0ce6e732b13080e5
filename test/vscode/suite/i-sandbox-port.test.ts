// The local sandbox keeps its port across a window reload (exported scripts and history entries name it), and
// honours qod.sandbox.port; a port that is taken falls back to a free one, said in the log.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';
import { services } from './support';

const portOf = (url: string): number => Number(new URL(url).port);

/** A server holding a loopback port (0: any free one). */
async function hold(port = 0): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { server, port: (server.address() as { port: number }).port };
}

async function release(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function setPort(value: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('qod').update('sandbox.port', value, vscode.ConfigurationTarget.Global);
}

/**
 * Stops the sandbox and starts it as a reloaded window does: from what the workspace storage remembers (the
 * services keep no port in memory; a second Services here would share, and close, the extension's log channel).
 */
async function afterReload(s: Services): Promise<number> {
  await s.stopSandbox();
  const remembered = s.context.workspaceState.get<number>('qod.sandbox.lastPort');
  const port = portOf((await s.sandbox()).url);
  assert.equal(port, remembered, 'started on the port the workspace storage remembers');
  return port;
}

describe('the local sandbox port', () => {
  afterEach(async () => {
    await setPort(undefined);
  });

  it('after a reload, the sandbox comes back on the port it had', async () => {
    const s = await services();
    const before = portOf((await s.sandbox()).url);
    assert.equal(await afterReload(s), before);
  });

  it('when the port it had is taken meanwhile, starts on another and says so in the log', async () => {
    const s = await services();
    const before = portOf((await s.sandbox()).url);
    await s.stopSandbox();
    const squatter = await hold(before);
    try {
      const now = portOf((await s.sandbox()).url);
      assert.notEqual(now, before);
      assert.ok(
        s.log
          .lines()
          .some((l) =>
            l.startsWith(
              `Port ${before} (the local sandbox's port last time) is not available (EADDRINUSE): the sandbox runs on port ${now} instead`,
            ),
          ),
        s.log.lines().slice(-5).join('\n'),
      );
    } finally {
      await release(squatter.server);
    }
  });

  it('honours qod.sandbox.port, and falls back to a free port (said in the log) when that one is taken', async () => {
    const s = await services();
    const free = await hold();
    await release(free.server);
    await setPort(free.port);
    await s.stopSandbox();
    assert.equal(portOf((await s.sandbox()).url), free.port, 'the configured port');

    const taken = await hold();
    try {
      await setPort(taken.port);
      await s.stopSandbox();
      const fallback = portOf((await s.sandbox()).url);
      assert.notEqual(fallback, taken.port);
      assert.ok(
        s.log
          .lines()
          .some((l) =>
            l.startsWith(
              `Port ${taken.port} (the qod.sandbox.port setting) is not available (EADDRINUSE): the sandbox runs on port ${fallback} instead`,
            ),
          ),
        s.log.lines().slice(-5).join('\n'),
      );
      // The fallback is remembered: with the setting back to automatic, a reload keeps it.
      await setPort(undefined);
      assert.equal(await afterReload(s), fallback);
    } finally {
      await release(taken.server);
    }
  });
});
