import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { SessionView } from '../../../src/core/camara/normalise';
import { confirmProviderChange } from '../../../src/vscode/confirm-change';
import { SessionService } from '../../../src/core/sessions/session-service';
import { api, services, until } from './support';

describe('sessions through the commands, against the local sandbox', () => {
  let sessionId = '';

  it('starts the local sandbox and signs in with CIBA', async () => {
    const url = await vscode.commands.executeCommand<string>('qod.startSandbox');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const signedIn = await vscode.commands.executeCommand<{ flow: string; subject: string }>('qod.signIn', {
      flow: 'ciba',
      loginHint: 'tel:+34666666661',
    });
    assert.equal(signedIn.flow, 'ciba');
    assert.equal(signedIn.subject, 'tel:+34666666661');
    const s = await services();
    const kinds = (await s.runtime()).transport.recorder.list().map((e) => e.kind);
    assert.ok(kinds.includes('bc-authorize') && kinds.includes('ciba-poll'), kinds.join(','));
  });

  it('rejects an invalid device with a field-level message, and sends nothing', async () => {
    const s = await services();
    const recorder = (await s.runtime()).transport.recorder;
    const before = recorder.list().length;
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('qod.createSession', {
          device: { phoneNumber: '12' },
          applicationServer: '198.51.100.10',
          qosProfile: 'QOS_E',
          duration: 600,
        }),
      ),
      /device\.phoneNumber: must be an E\.164 number/,
    );
    assert.equal(recorder.list().length, before, 'no request left the machine');
  });

  it('creates a session with notifications; a notification from the sandbox makes it AVAILABLE', async () => {
    const s = await services();
    const created = await vscode.commands.executeCommand<SessionView>('qod.createSession', {
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      duration: 600,
      notify: true,
    });
    assert.equal(created.status, 'REQUESTED');
    sessionId = created.id;
    const available = await until('the AVAILABLE notification', () => {
      const known = s.registry.find('sandbox', sessionId);
      return known?.status === 'AVAILABLE' ? known : undefined;
    });
    assert.ok(available.expiresAt, 'the notification set the expiry');
    assert.ok(s.log.lines().some((l) => l.startsWith(`notification: session ${sessionId} is AVAILABLE`)));
  });

  it('lists it in the sessions view, with the remaining time falling', async () => {
    const { tree, statusBar } = (await api()).views();
    const describe = () => {
      const env = tree.getChildren().find((n) => n.kind === 'environment' && n.id === 'sandbox');
      assert.ok(env, 'the sandbox environment is in the view');
      const node = tree.getChildren(env).find((n) => n.kind === 'session' && n.session.id === sessionId);
      assert.ok(node, 'the session is in the view');
      return String(tree.getTreeItem(node).description);
    };
    const first = describe();
    assert.match(first, /QOS_E · .* left$|QOS_E · \d+:\d\d left$/);
    await new Promise((r) => setTimeout(r, 2100));
    const later = describe();
    const seconds = (d: string) => {
      const [m, sec] = (/(\d+):(\d\d) left/.exec(d) ?? []).slice(1).map(Number);
      return (m as number) * 60 + (sec as number);
    };
    assert.ok(seconds(later) < seconds(first), `${later} < ${first}`);
    assert.match(statusBar.item.text, /QoD: Local sandbox · \d+:\d\d left/);
  });

  it('ends a session in the view at the moment it expires, not at the next answer or refresh', async () => {
    const s = await services();
    const { tree } = (await api()).views();
    const id = '00000000-0000-4000-8000-00000000e0e1';
    const expiresAt = Date.now() + 1500;
    const expiring: SessionView = {
      flavour: 'v1',
      id,
      status: 'AVAILABLE',
      qosProfile: 'QOS_E',
      durationSeconds: 2,
      startedAt: new Date(expiresAt - 2000).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    };
    const icon = () => {
      const env = tree.getChildren().find((n) => n.kind === 'environment' && n.id === 'sandbox');
      const node = env && tree.getChildren(env).find((n) => n.kind === 'session' && n.session.id === id);
      assert.ok(node, 'the session is in the view');
      return (tree.getTreeItem(node).iconPath as vscode.ThemeIcon).id;
    };
    // Nothing else changes meanwhile: only the expiry itself can tell the view (and the status bar, the playground).
    const changedAfterExpiry = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(
        () => {
          listener.dispose();
          reject(new Error('no change in the 4 s after the expiry'));
        },
        expiresAt - Date.now() + 4000,
      );
      const listener = s.registry.onDidChange(() => {
        if (Date.now() < expiresAt) return;
        clearTimeout(timeout);
        listener.dispose();
        resolve();
      });
    });
    try {
      s.registry.upsert('sandbox', expiring);
      assert.equal(icon(), 'pass-filled', 'AVAILABLE and not expired: the green tick');
      await changedAfterExpiry;
      assert.equal(icon(), 'circle-slash', 'expired: ended in the view');
    } finally {
      s.registry.remove('sandbox', id);
    }
  });

  it('runs any operation of the core table from QoD: Run Operation… (a script names it)', async () => {
    const got = await vscode.commands.executeCommand<SessionView>('qod.runOperation', { operation: 'getSession', sessionId });
    assert.equal(got.id, sessionId);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('qod.runOperation', { operation: 'pingSession' })),
      /operation: no QoD operation is called "pingSession"/,
    );
  });

  it('gets, extends and deletes it', async () => {
    const got = await vscode.commands.executeCommand<SessionView>('qod.getSession', sessionId);
    assert.equal(got.status, 'AVAILABLE');
    const extended = await vscode.commands.executeCommand<SessionView>('qod.extendSession', { id: sessionId, seconds: 60 });
    assert.equal(extended.durationSeconds, 660);
    assert.equal(await vscode.commands.executeCommand('qod.deleteSession', sessionId), true);
    const s = await services();
    assert.equal(s.registry.find('sandbox', sessionId)?.status, 'UNAVAILABLE');
    const profiles = await vscode.commands.executeCommand<Array<{ name: string }>>('qod.listQosProfiles', {});
    assert.ok(profiles.some((p) => p.name === 'QOS_L'));
  });

  it('exports the request as code that runs: curl with CIBA polling, the secret from the environment', async () => {
    const code = await vscode.commands.executeCommand<string>('qod.exportCode', { language: 'curl', open: false });
    assert.ok(!code.includes('qod-demo-secret'), 'no secret in the exported code');
    const { stdout } = await promisify(execFile)('bash', ['-c', code], {
      env: { PATH: process.env.PATH ?? '', QOD_CLIENT_SECRET: 'qod-demo-secret' },
      timeout: 30_000,
    });
    assert.match(stdout, /HTTP 201/);
  });

  it('copies the access token to the clipboard on request, and only there', async () => {
    const s = await services();
    const token = await (await s.runtime()).auth.accessToken();
    await vscode.env.clipboard.writeText('');
    assert.equal(await vscode.commands.executeCommand('qod.copyAccessToken', {}), true);
    assert.equal(await vscode.env.clipboard.readText(), token);
    assert.ok(!s.log.lines().some((l) => l.includes(token)), 'not in the log');
  });

  it('keeps the view true: REQUESTED settles without a notification, another sign-in marks a session unreadable instead of dropping it', async () => {
    const s = await services();
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    // No notification sink: only reading it again can tell the view that it became AVAILABLE.
    const created = await vscode.commands.executeCommand<SessionView>('qod.createSession', {
      applicationServer: '198.51.100.10',
      qosProfile: 'QOS_E',
      duration: 600,
    });
    assert.equal(created.status, 'REQUESTED');
    await until('the view to read it AVAILABLE', () => s.registry.find('sandbox', created.id)?.status === 'AVAILABLE', 20_000);
    const { statusBar } = (await api()).views();
    // Another subscriber signs in: their token may not read this session (403), which is no reason to forget it.
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666663' });
    await vscode.commands.executeCommand('qod.refreshSessions');
    const kept = s.registry.find('sandbox', created.id);
    assert.equal(kept?.status, 'AVAILABLE', 'still there, still AVAILABLE');
    assert.match(kept?.unreadable ?? '', /^not readable with the current sign-in \(403 /);
    assert.ok(
      s.registry.active('sandbox').some((k) => k.id === created.id),
      'the status bar still counts it',
    );
    assert.match(statusBar.item.text, /QoD: Local sandbox · /);
    const { tree } = (await api()).views();
    const env = tree.getChildren().find((n) => n.kind === 'environment' && n.id === 'sandbox');
    const node = env && tree.getChildren(env).find((n) => n.kind === 'session' && n.session.id === created.id);
    assert.ok(node);
    assert.match(String(tree.getTreeItem(node).description), /not readable with the current sign-in/);
    // The refusal explains itself in session terms, not scopes.
    const refused = await s.sessions.run('sandbox', 'getSession', { id: created.id }).then(
      () => undefined,
      (e: Error & { fix?: string }) => e,
    );
    assert.match(refused?.fix ?? '', /Sign in as the session's device/);
    assert.match(refused?.message ?? '', /another device or sign-in|Sign in as the session's device/);
    // Its own device reads it again: the mark goes; a 404 (here: an id the API never had) removes an entry.
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    await vscode.commands.executeCommand('qod.refreshSessions');
    assert.equal(s.registry.find('sandbox', created.id)?.unreadable, undefined);
    const ghost = { ...created, id: '00000000-0000-4000-8000-000000000000', status: 'AVAILABLE' as const };
    s.registry.upsert('sandbox', ghost);
    await vscode.commands.executeCommand('qod.refreshSessions');
    assert.equal(s.registry.find('sandbox', ghost.id), undefined, 'the API says 404: gone from the view');
    assert.equal(await vscode.commands.executeCommand('qod.deleteSession', created.id), true);
  });

  it('asks before a change on a provider: a refused confirmation sends nothing; the sandbox and reads are never asked about', async () => {
    const s = await services();
    const asked: string[] = [];
    const refusing = new SessionService(
      (id) => s.runtime(id),
      s.registry,
      async (_id, spec) => {
        asked.push(spec.name);
        return false;
      },
    );
    const created = await s.sessions.run('sandbox', 'createSession', {
      body: { applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 60 },
    });
    const id = (created.value as SessionView).id;
    const recorder = (await s.runtime()).transport.recorder;
    const before = recorder.list().length;
    await assert.rejects(refusing.run('sandbox', 'deleteSession', { id }), (e: Error) => e.name === 'CancelledError');
    assert.deepEqual(asked, ['deleteSession']);
    assert.equal(recorder.list().length, before, 'nothing was sent');
    // The rule itself: only extend and delete, only on a provider, and only while the setting is on.
    assert.equal(await confirmProviderChange('Local sandbox', 'sandbox', 'deleteSession', { id }), true);
    assert.equal(await confirmProviderChange('Provider', 'my-provider', 'getSession', { id }), true);
    await vscode.workspace.getConfiguration('qod').update('confirmProviderChanges', false, vscode.ConfigurationTarget.Global);
    assert.equal(await confirmProviderChange('Provider', 'my-provider', 'deleteSession', { id }), true);
    await vscode.workspace.getConfiguration('qod').update('confirmProviderChanges', undefined, vscode.ConfigurationTarget.Global);
    await s.sessions.run('sandbox', 'deleteSession', { id });
  });

  it('an error notification says each thing once: a provider message that already gives the fix is not followed by it again', async () => {
    const s = await services();
    await vscode.commands.executeCommand('qod.signIn', { flow: 'client_credentials' });
    // The sandbox refuses networkAccessIdentifier with a message that names what to use instead, as the fix does.
    const refused = await Promise.resolve(
      vscode.commands.executeCommand('qod.createSession', {
        device: { networkAccessIdentifier: '123456789@example.org' },
        applicationServer: '198.51.100.10',
        qosProfile: 'QOS_E',
        duration: 600,
      }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(refused instanceof Error, 'the sandbox refused the identifier');
    // The text the notification showed, as the extension wrote it to its log.
    const shown = [...s.log.lines()].reverse().find((l) => l.startsWith('422 UNSUPPORTED_IDENTIFIER'));
    assert.ok(shown, 'the refusal was shown');
    assert.equal(shown.match(/networkAccessIdentifier is not supported/g)?.length, 1, shown);
  });

  it('signs out (revoking the token) and stops the sandbox', async () => {
    assert.equal(await vscode.commands.executeCommand('qod.signOut', {}), true);
    assert.equal(await vscode.commands.executeCommand('qod.copyAccessToken', {}), false, 'signed out: no token to copy');
    await vscode.commands.executeCommand('qod.stopSandbox');
    const s = await services();
    assert.equal(s.sandboxRunning, false);
  });
});
