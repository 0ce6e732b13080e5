import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apiUrls, defaultScope } from '../../../src/core/environments';
import { credentialKey } from '../../../src/vscode/secret-storage';
import { services, until } from './support';

/** What a stubbed dialog was shown: a quick pick's items, an input box's options (and its validation of the proposed value), a message. */
interface Shown {
  kind: 'pick' | 'input' | 'message' | 'warning';
  items?: Array<vscode.QuickPickItem & Record<string, unknown>>;
  options?: vscode.InputBoxOptions & vscode.QuickPickOptions;
  validation?: unknown;
  message?: string;
  detail?: string;
  buttons?: string[];
}

/**
 * Answers the extension's dialogs in order, as a user would, and records what each showed. The suite runs inside
 * the extension's folder, so it shares the extension's `vscode` API object: replacing its window functions is
 * what the extension sees. Every stub is put back by `restore()`.
 */
function answerDialogs(steps: Array<{ kind: Shown['kind']; answer: (shown: Shown) => unknown }>) {
  const shown: Shown[] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = Object.fromEntries(
    ['showQuickPick', 'showInputBox', 'showInformationMessage', 'showWarningMessage'].map((n) => [n, window[n]]),
  );
  const next = async (seen: Shown) => {
    shown.push(seen);
    const step = steps.shift();
    if (!step) return undefined;
    assert.equal(
      seen.kind,
      step.kind,
      `dialog ${shown.length}: expected a ${step.kind}, the extension showed a ${seen.kind} (${seen.message ?? seen.options?.title ?? ''})`,
    );
    return step.answer(seen);
  };
  window.showQuickPick = async (items: unknown, options: vscode.QuickPickOptions) =>
    next({ kind: 'pick', items: (await items) as Shown['items'], options });
  window.showInputBox = async (options: vscode.InputBoxOptions) =>
    next({ kind: 'input', options, validation: options.value === undefined ? undefined : await options.validateInput?.(options.value) });
  const message =
    (kind: 'message' | 'warning') =>
    async (text: string, ...rest: unknown[]) => {
      const first = rest[0];
      const options = first && typeof first === 'object' ? (first as vscode.MessageOptions) : undefined;
      return next({ kind, message: text, detail: options?.detail, buttons: rest.filter((b): b is string => typeof b === 'string') });
    };
  window.showInformationMessage = message('message');
  window.showWarningMessage = message('warning');
  return { shown, remaining: () => steps.length, restore: () => Object.assign(window, originals) };
}

const TELEFONICA = 'https://sandbox.opengateway.telefonica.com/apigateway';

describe('adding a provider environment', () => {
  after(async () => {
    await vscode.commands.executeCommand('qod.clearCredentials', { environmentId: 'my-provider' });
    await vscode.workspace.getConfiguration('qod').update('environments', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
  });

  it('adds the Telefónica Open Gateway sandbox from its preset: a client id in the user settings, nothing secret', async () => {
    // A CIBA sign-in on the sandbox, which adding another environment must leave alone.
    await vscode.commands.executeCommand('qod.signIn', { flow: 'ciba', loginHint: 'tel:+34666666662' });
    const id = await vscode.commands.executeCommand<string>('qod.addEnvironment', {
      preset: 'telefonica',
      clientId: 'mock_sandbox_app_id',
      flavour: 'v0.10',
    });
    assert.equal(id, 'telefonica');
    const second = await vscode.commands.executeCommand<string>('qod.addEnvironment', {
      preset: 'telefonica',
      clientId: 'another_app',
      flavour: 'v1',
    });
    assert.equal(second, 'telefonica-2', 'ids stay unique');
    const s = await services();
    assert.equal(s.environments.activeId, 'telefonica-2', 'the added environment becomes the active one');
    assert.deepEqual(
      s.environments
        .choices()
        .map((c) => c.id)
        .slice(-2),
      ['telefonica', 'telefonica-2'],
    );
    // No network here: the environment is checked as resolved, not called.
    const v010 = s.environments.resolve('telefonica');
    assert.equal(v010.flavour, 'v0.10');
    assert.equal(v010.endpoints?.backchannelAuthentication, `${TELEFONICA}/bc-authorize`);
    assert.equal(v010.scope, 'dpv:RequestedServiceProvision#qod');
    assert.equal(apiUrls(v010).sessions, `${TELEFONICA}/qod/v0`);
    assert.equal(apiUrls(s.environments.resolve('telefonica-2')).sessions, `${TELEFONICA}/quality-on-demand/v1`);
    const stored = vscode.workspace.getConfiguration('qod').inspect<Array<Record<string, unknown>>>('environments');
    assert.deepEqual(
      stored?.globalValue?.map((e) => Object.keys(e).sort()),
      [
        ['clientId', 'flavour', 'id', 'preset'],
        ['clientId', 'flavour', 'id', 'preset'],
      ],
    );
    assert.equal(stored?.workspaceValue, undefined, 'never in the workspace settings');
    const sandbox = await s.runtime('sandbox');
    assert.deepEqual(
      [sandbox.auth.signedIn?.flow, sandbox.auth.signedIn?.subject],
      ['ciba', 'tel:+34666666662'],
      'the sandbox is still signed in as before',
    );
  });

  it('Custom provider is a guided flow: the issuer read at once, the API base probed for its flavour, the entry shown, the secret to SecretStorage', async () => {
    const s = await services();
    const sandbox = await s.sandbox();
    const secret = 'qod-demo-secret';
    const label = (name: string) => (shown: Shown) => shown.items?.find((i) => i.label.startsWith(name));
    const dialogs = answerDialogs([
      { kind: 'pick', answer: label('Custom provider') },
      // A wrong issuer first: discovery runs at once and the input box comes back with the reason.
      { kind: 'input', answer: () => `${sandbox.url}/nowhere` },
      { kind: 'input', answer: () => sandbox.url },
      { kind: 'message', answer: (shown) => shown.buttons?.[0] },
      { kind: 'pick', answer: label('client_secret_basic') },
      { kind: 'input', answer: (shown) => shown.options?.value },
      // The probe finds 1.2 first (newest); this provider is used as v1.
      { kind: 'pick', answer: label('QoD v1') },
      { kind: 'input', answer: () => 'qod-demo' },
      { kind: 'input', answer: () => 'My provider' },
      { kind: 'message', answer: (shown) => shown.buttons?.[0] },
      { kind: 'input', answer: () => secret },
    ]);
    let id: string | undefined;
    try {
      id = await vscode.commands.executeCommand<string>('qod.addEnvironment');
    } finally {
      dialogs.restore();
    }
    const [, wrong, retry, found, methods, apiBase, flavours, , , template] = dialogs.shown;
    assert.equal(dialogs.remaining(), 0, `the flow stopped after ${dialogs.shown.length} dialogs: ${JSON.stringify(dialogs.shown.at(-1))}`);
    assert.equal(wrong?.options?.value, undefined);
    assert.match(
      JSON.stringify(retry?.validation),
      /nowhere\/\.well-known\/openid-configuration answered HTTP 404/,
      'the failure is shown on the same input box',
    );
    assert.match(found?.detail ?? '', new RegExp(`Token: ${sandbox.url}/token`));
    assert.match(found?.detail ?? '', /CIBA: supported/);
    assert.match(found?.detail ?? '', /Client authentication: client_secret_basic, client_secret_post, private_key_jwt, none/);
    assert.deepEqual(
      methods?.items?.map((i) => i.label),
      ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    );
    assert.equal(apiBase?.options?.value, sandbox.url, "the issuer's origin is proposed as the API base");
    assert.deepEqual(
      flavours?.items?.map((i) => [i.label, i.description]),
      [
        ['QoD 1.2 (1.2.0-rc.3)', `found at ${sandbox.url}/quality-on-demand/v1rc3`],
        ['QoD v1', `found at ${sandbox.url}/quality-on-demand/v1`],
        ['QoD v0.10', `found at ${sandbox.url}/qod/v0`],
        ['QoD v0.8', 'not found'],
      ],
    );
    assert.match(template?.detail ?? '', /"qod\.environments"/);
    assert.ok(!(template?.detail ?? '').includes(secret), 'the template holds no secret');

    assert.equal(id, 'my-provider');
    const stored = vscode.workspace
      .getConfiguration('qod')
      .inspect<Array<Record<string, unknown>>>('environments')
      ?.globalValue?.find((e) => e.id === id);
    assert.deepEqual(stored, {
      id,
      label: 'My provider',
      preset: 'custom',
      issuer: sandbox.url,
      apiBase: sandbox.url,
      flavour: 'v1',
      clientId: 'qod-demo',
      authMethod: 'client_secret_basic',
      scope: defaultScope('v1'),
    });
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration().inspect('qod')).includes(secret), 'no secret in the settings');
    assert.equal(await s.secrets.get(credentialKey('my-provider', 'clientSecret')), secret);
    assert.equal(s.environments.activeId, 'my-provider');
    // The entry works: a sign-in with what was found.
    const runtime = await s.runtime('my-provider');
    await runtime.auth.signIn({ flow: 'client_credentials' });
    assert.equal(runtime.auth.signedIn?.flow, 'client_credentials');
  });

  it('an entry that cannot be used is flagged with its reason (a warning, and a row in Select Environment), not dropped silently', async () => {
    const sandbox = await (await services()).sandbox();
    const good = { id: 'good', clientId: 'qod-demo', issuer: sandbox.url, apiBase: sandbox.url };
    const dialogs = answerDialogs([
      { kind: 'warning', answer: () => undefined },
      { kind: 'pick', answer: () => undefined },
    ]);
    try {
      await vscode.workspace
        .getConfiguration('qod')
        .update(
          'environments',
          [
            good,
            { id: 'no-base', clientId: 'qod-demo', issuer: sandbox.url },
            { ...good, clientId: 'again' },
            { ...good, id: 'future', flavour: 'v2' },
          ],
          vscode.ConfigurationTarget.Global,
        );
      const warning = await until('the warning about ignored entries', () => dialogs.shown.find((d) => d.kind === 'warning'));
      assert.match(warning.message ?? '', /qod\.environments: 3 entries are ignored/);
      assert.match(warning.message ?? '', /"no-base": apiBase: missing/);
      assert.match(warning.message ?? '', /"good": id: "good" is used by an earlier entry/);
      assert.match(warning.message ?? '', /"future": flavour: must be one of v0\.8, v0\.10, v1, v1\.2 \(got "v2"\)/);
      assert.deepEqual(warning.buttons, ['Open Settings (JSON)']);
      await vscode.commands.executeCommand('qod.selectEnvironment');
      const rows = dialogs.shown.find((d) => d.kind === 'pick')?.items ?? [];
      assert.ok(
        rows.some((r) => r.id === 'good'),
        'the good entry is listed as an environment',
      );
      assert.deepEqual(
        rows.filter((r) => String(r.description ?? '').startsWith('(ignored:')).map((r) => [r.label, r.description]),
        [
          ['$(warning) no-base', "(ignored: apiBase: missing (the root of the provider's APIs, like https://api.example.com))"],
          ['$(warning) good', '(ignored: id: "good" is used by an earlier entry (ids must be unique))'],
          ['$(warning) future', '(ignored: flavour: must be one of v0.8, v0.10, v1, v1.2 (got "v2"))'],
        ],
      );
    } finally {
      dialogs.restore();
    }
  });
});
