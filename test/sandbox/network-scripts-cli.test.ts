// `qod sandbox --network DEVICE=SCRIPT` (repeatable): every wrong entry named at once before anything listens, and a
// good one in force on the running sandbox (its banner says so, its control endpoint shows it).
import assert from 'node:assert/strict';
import { request } from 'undici';
import { runSandbox } from '../../src/cli/sandbox-command';
import type { Sandbox } from '../../src/sandbox/server';
import { clientCredentials } from '../support/client';

describe('qod sandbox --network', () => {
  it('names every wrong --network entry at once, and starts nothing', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    await assert.rejects(
      runSandbox(['--network', '+34666666661', '--network', 'nobody=network-ends:30s', '--network', '203.0.113.5=later:5s'], io),
      (error: Error) => {
        assert.equal(error.name, 'UsageError');
        assert.match(error.message, /--network must be DEVICE=SCRIPT, such as \+34666666661=network-ends:30s \(got \+34666666661\)/);
        assert.match(error.message, /--network nobody device: must be a phone number/);
        assert.match(error.message, /--network 203\.0\.113\.5: unknown step "later:5s"/);
        return true;
      },
    );
    assert.deepEqual(lines, [], 'nothing started, nothing printed');
  });

  it('runs with the scripts in force: the banner says them in words, the control endpoint shows them', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const running = runSandbox(
      ['--port', '0', '--network', '+34666666661=network-ends:30s', '--network', '203.0.113.5 = available-after:10s'],
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      abort.signal,
    );
    try {
      for (let i = 0; i < 100 && !lines.some((l) => /running at/.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
      const banner = lines.join('\n');
      const url = /running at (\S+)/.exec(banner)?.[1] as string;
      assert.ok(url, banner);
      assert.match(
        banner,
        /Network scripts \(--network DEVICE=SCRIPT; at run time: PUT http:\/\/127\.0\.0\.1:\d+\/sandbox\/v1\/network\/devices\/\{device\}\):/,
      );
      assert.match(
        banner,
        / {2}tel:\+34666666661 network-ends:30s: Sessions become AVAILABLE after the usual activation delay\. 30 s after the create/,
      );
      assert.match(banner, / {2}ip:203\.0\.113\.5 available-after:10s: Sessions stay REQUESTED for 10 s/);
      const token = await clientCredentials({ url } as Sandbox, 'qod-profiles-read');
      const res = await request(`${url}/sandbox/v1/network/devices/%2B34666666661`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.body.json()) as { script: string };
      assert.equal(body.script, 'network-ends:30s');
    } finally {
      abort.abort();
      await running;
    }
  });
});
