import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionView } from '../../../src/core/camara/normalise';
import type { HostToWebview } from '../../../src/shared/protocol';
import { EMPTY_FORM, formToBody } from '../../../src/webview/app/form-model';
import { api, services, until } from './support';

// The built-in sandbox in the other flavours (the older ones providers still serve, and the next CAMARA release):
// the same commands, the flavour's own paths, body shape and scopes, and one normalised session view.
const FLAVOURS = [
  { id: 'sandbox-v1.2', flavour: 'v1.2', path: '/quality-on-demand/v1rc3/sessions', device: { phoneNumber: '+34666666652' } },
  { id: 'sandbox-v0.10', flavour: 'v0.10', path: '/v0.10/qod/v0/sessions', device: { phoneNumber: '+34666666671' } },
  { id: 'sandbox-v0.8', flavour: 'v0.8', path: '/v0.8/qod/v0/sessions', device: { msisdn: '+34666666681' } },
] as const;
/** The device the playground test puts on its form, one per flavour (the sandbox allows one live session per device). */
const FORM_DEVICE: Record<(typeof FLAVOURS)[number]['flavour'], string> = {
  'v1.2': '+34666666662',
  'v0.10': '+34666666672',
  'v0.8': '+34666666682',
};

describe('the local sandbox in every flavour', () => {
  for (const f of FLAVOURS) {
    it(`${f.flavour}: selected from the environments, it creates, reads and deletes sessions on its own paths`, async () => {
      assert.equal(await vscode.commands.executeCommand('qod.selectEnvironment', f.id), f.id);
      const s = await services();
      const runtime = await s.runtime();
      assert.equal(runtime.environment.flavour, f.flavour);
      const created = await vscode.commands.executeCommand<SessionView>('qod.createSession', {
        device: f.device,
        // 1.2 takes a list of addresses: typed as Create Session takes them, separated by commas.
        applicationServer: f.flavour === 'v1.2' ? '198.51.100.10, 198.51.100.11' : '198.51.100.10',
        qosProfile: 'QOS_E',
        duration: 60,
      });
      assert.match(created.id, /^[0-9a-f-]{36}$/);
      assert.equal(created.durationSeconds, 60);
      const got = await vscode.commands.executeCommand<SessionView>('qod.getSession', created.id);
      assert.equal(got.id, created.id);
      assert.equal(await vscode.commands.executeCommand('qod.deleteSession', created.id), true);
      const urls = runtime.transport.recorder
        .list()
        .filter((e) => e.kind === 'api')
        .map((e) => new URL(e.url).pathname);
      assert.ok(urls.includes(f.path), `calls went to ${f.path}: ${urls.join(', ')}`);
      if (f.flavour === 'v1.2') {
        const sent = runtime.transport.recorder.list().find((e) => e.kind === 'api' && e.method === 'POST' && e.url.endsWith(f.path));
        assert.deepEqual(JSON.parse(sent?.requestBody ?? '{}').applicationServer, { ipAddresses: ['198.51.100.10', '198.51.100.11'] });
      }
      assert.ok(s.registry.find(f.id, created.id), 'the sessions view knows it under its environment');
    });
  }

  for (const f of FLAVOURS) {
    it(`${f.flavour}: the playground switches to it, builds the flavour's body and creates and deletes a session`, async () => {
      await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
      const panel = (await api()).openPlayground();
      await until('the playground to be ready', () => panel.sent.some((m) => m.method === 'didChangeState'), 30_000);
      const replies = (id: number) =>
        panel.sent.find((m): m is Extract<HostToWebview, { type: 'reply' }> => m.type === 'reply' && m.id === id);
      // Spoken as the page would: through the same guard as the webview's own messages.
      await panel.receive({ type: 'command', method: 'selectEnvironment', params: { environmentId: f.id } });
      await until(
        `the state of ${f.id}`,
        () =>
          panel.sent.some(
            (m) =>
              m.method === 'didChangeState' &&
              (m.params as { environmentId?: string; flavour?: string }).environmentId === f.id &&
              (m.params as { flavour?: string }).flavour === f.flavour,
          ),
        30_000,
      );
      const body = formToBody(f.flavour, { ...EMPTY_FORM, deviceValue: FORM_DEVICE[f.flavour] });
      await panel.receive({ type: 'request', id: 9001, method: 'send', params: { operation: 'createSession', body } });
      const created = (await until('the create reply', () => replies(9001), 30_000)).result as {
        ok: boolean;
        status?: number;
        sessionId?: string;
        exchange?: { url: string };
      };
      assert.equal(created.ok, true, JSON.stringify(created));
      assert.equal(created.status, 201);
      assert.ok(created.exchange?.url.includes(f.path), created.exchange?.url);
      await panel.receive({
        type: 'request',
        id: 9002,
        method: 'send',
        params: { operation: 'deleteSession', sessionId: created.sessionId },
      });
      const deleted = (await until('the delete reply', () => replies(9002), 30_000)).result as { status?: number };
      assert.equal(deleted.status, 204);
      panel.dispose();
    });
  }

  after(async () => {
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    await vscode.commands.executeCommand('qod.stopSandbox');
  });
});
