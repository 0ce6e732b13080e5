import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionView } from '../../../src/core/camara/normalise';
import { services } from './support';

// The built-in sandbox in the older flavours providers still serve: the same commands, the flavour's own
// paths, body shape and scopes, and one normalised session view.
const FLAVOURS = [
  { id: 'sandbox-v0.10', flavour: 'v0.10', path: '/v0.10/qod/v0/sessions', device: { phoneNumber: '+34666666671' } },
  { id: 'sandbox-v0.8', flavour: 'v0.8', path: '/v0.8/qod/v0/sessions', device: { msisdn: '+34666666681' } },
];

describe('the local sandbox in every flavour', () => {
  for (const f of FLAVOURS) {
    it(`${f.flavour}: selected from the environments, it creates, reads and deletes sessions on its own paths`, async () => {
      assert.equal(await vscode.commands.executeCommand('qod.selectEnvironment', f.id), f.id);
      const s = await services();
      const runtime = await s.runtime();
      assert.equal(runtime.environment.flavour, f.flavour);
      const created = await vscode.commands.executeCommand<SessionView>('qod.createSession', {
        device: f.device, applicationServer: '198.51.100.10', qosProfile: 'QOS_E', duration: 60,
      });
      assert.match(created.id, /^[0-9a-f-]{36}$/);
      assert.equal(created.durationSeconds, 60);
      const got = await vscode.commands.executeCommand<SessionView>('qod.getSession', created.id);
      assert.equal(got.id, created.id);
      assert.equal(await vscode.commands.executeCommand('qod.deleteSession', created.id), true);
      const urls = runtime.transport.recorder.list().filter((e) => e.kind === 'api').map((e) => new URL(e.url).pathname);
      assert.ok(urls.includes(f.path), `calls went to ${f.path}: ${urls.join(', ')}`);
      assert.ok(s.registry.find(f.id, created.id), 'the sessions view knows it under its environment');
    });
  }

  after(async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    await vscode.commands.executeCommand('qod.stopSandbox');
  });
});
