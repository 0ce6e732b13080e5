// The core client of the sandbox's network scripts, against a real sandbox over the product's transport: set, read
// and clear; the sandbox's field-level refusals relayed as they are; the token never in the recorded exchange; plain
// http refused off loopback; an answer that is not a script state never used.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpTransport } from '../../src/core/http/transport';
import {
  clearNetworkScript,
  getNetworkScript,
  SandboxNetworkError,
  setNetworkScript,
  type SandboxNetworkTarget,
} from '../../src/core/sandbox-network';
import { clientCredentials } from '../support/client';
import { withSandbox } from '../support/sandbox';

describe('Core client of the sandbox network scripts (src/core/sandbox-network.ts)', () => {
  const { sb } = withSandbox({});
  let transport: HttpTransport;
  let token: string;
  let target: SandboxNetworkTarget;

  before(async () => {
    token = await clientCredentials(sb, 'qod-profiles-read');
  });
  beforeEach(() => {
    transport = new HttpTransport();
    target = { sandboxUrl: sb.url, transport, accessToken: async () => token };
  });
  afterEach(() => transport.close());

  it('sets, reads and clears a script; the answer says what the network will do', async () => {
    const set = await setNetworkScript(target, '+34666666661', 'available-after:5s,network-ends:30s');
    assert.deepEqual(
      { ...set, description: '' },
      { device: 'tel:+34666666661', script: 'available-after:5s,network-ends:30s', description: '', withdrawnProfiles: [] },
    );
    assert.match(set.description, /^Sessions stay REQUESTED for 5 s after the create, then become AVAILABLE/);
    assert.deepEqual(await getNetworkScript(target, '34666666661'), set);
    const cleared = await clearNetworkScript(target, '+34666666661');
    assert.equal(cleared.script, null);
    assert.match(cleared.description, /^No script/);
    assert.equal((await getNetworkScript(target, '[2001:db8::1]')).device, 'ip:2001:db8::1');
  });

  it("relays the sandbox's field-level refusal (400) with its status and code", async () => {
    await assert.rejects(
      setNetworkScript(target, '+34666666661', 'network-ends:soon'),
      (error: SandboxNetworkError) =>
        error instanceof SandboxNetworkError &&
        error.status === 400 &&
        error.code === 'INVALID_ARGUMENT' &&
        /^script: network-ends: the time must be 1 to 86400 seconds/.test(error.message),
    );
    await assert.rejects(getNetworkScript(target, 'alice@example.com'), /^SandboxNetworkError: device: must be a phone number/);
    const refused = { ...target, accessToken: async () => 'not-a-token' };
    await assert.rejects(
      getNetworkScript(refused, '+34666666661'),
      (error: SandboxNetworkError) => error.status === 401 && /UNAUTHENTICATED/.test(error.message),
    );
  });

  it('sends nothing for an empty device or script, and no token over plain http off loopback', async () => {
    let asked = 0;
    const counting = { ...target, accessToken: async () => (asked++, token) };
    await assert.rejects(setNetworkScript(counting, '', 'network-ends:30s'), /device: must be a phone number or an IP address/);
    await assert.rejects(setNetworkScript(counting, '+34666666661', '  '), /script: must be 1 to 200 characters/);
    await assert.rejects(getNetworkScript({ ...counting, sandboxUrl: 'http://sandbox.example' }, '+34666666661'), /must use https:\/\//);
    assert.equal(asked, 0, 'no token was even asked for');
    assert.equal(transport.recorder.list().length, 0, 'nothing was sent');
  });

  it('keeps the token out of the recorded exchange', async () => {
    await getNetworkScript(target, '+34666666661');
    const recorded = JSON.stringify(transport.recorder.list());
    assert.ok(recorded.includes('network/devices'), 'the exchange is recorded');
    assert.ok(!recorded.includes(token), 'the access token is redacted');
  });

  it('never uses an answer that is not a script state (a server that is not the sandbox)', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"device":1}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const other = { ...target, sandboxUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
      await assert.rejects(getNetworkScript(other, '+34666666661'), /not a network script state \(device\)/);
    } finally {
      server.close();
    }
  });
});
