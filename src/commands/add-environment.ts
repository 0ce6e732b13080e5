// Add Environment: a provider preset (Telefónica's Open Gateway sandbox: only the client id is asked), or a
// custom provider found step by step: its issuer is read at once (OpenID discovery) and what it offers is shown,
// its QoD API base is probed for the flavour it speaks, and the entry is shown before it goes to the user's
// `qod.environments`. The client secret goes to SecretStorage, never to the settings. The discovery and the probe
// live in the core; this file only asks and shows.
import * as vscode from 'vscode';
import type { ClientAuthMethod } from '../core/auth/client-auth';
import { apiBaseFrom, probeFlavour, type FlavourProbe } from '../core/camara/flavour-probe';
import { FLAVOURS, type Flavour } from '../core/camara/flavour';
import { describeProvider, discoverProvider, discoveryTarget, type DiscoveredProvider } from '../core/discovery';
import { entryScope, urlProblem } from '../core/environments';
import { CancelledError } from '../core/errors';
import { setupTransport, type NewEnvironmentEntry } from '../vscode/environments';
import type { Services } from '../vscode/services';

export interface AddEnvironmentArgs {
  preset: 'telefonica';
  clientId: string;
  flavour?: Flavour;
  id?: string;
  label?: string;
}

/** What each flavour is, for the pick (v0.10 and v0.8 share `/qod/v0`: the body and the answers differ). */
const FLAVOUR_DETAILS: Record<Flavour, { label: string; path: string; detail: string }> = {
  'v1.2': {
    label: 'QoD 1.2 (1.2.0-rc.3)',
    path: '/quality-on-demand/v1rc3',
    detail: 'The next CAMARA release (r4.1): a list of application server addresses, PRIVATE_KEY_JWT sink credentials',
  },
  v1: {
    label: 'QoD v1',
    path: '/quality-on-demand/v1',
    detail: 'The current CAMARA release: device from the 3-legged token, sessions retrievable by device',
  },
  'v0.10': {
    label: 'QoD v0.10',
    path: '/qod/v0',
    detail:
      "device and applicationServer objects, the provider's own profiles (retrieve-qos-profiles), extend with requestedAdditionalDuration",
  },
  'v0.8': {
    label: 'QoD v0.8',
    path: '/qod/v0',
    detail: 'The older body: ueId and asId, a fixed profile list (QOS_E, QOS_S, QOS_M, QOS_L), sessions with an "id", no extend',
  },
};

const AUTH_METHOD_DETAILS: Record<ClientAuthMethod, string> = {
  client_secret_basic: 'The client secret in an Authorization: Basic header',
  client_secret_post: 'The client secret in the form body',
  private_key_jwt: "A signed JWT assertion made with your private key (CAMARA's recommendation)",
  bearer_assertion: 'An assertion you obtain elsewhere, sent as client_assertion',
  none: 'A public client: no secret (authorization code with PKCE only)',
};

/**
 * Every answer first, the client secret among them; only then is anything written. Escape at any step adds
 * nothing, and adding one environment leaves every other environment's sign-in as it was.
 */
export async function addEnvironment(s: Services, args?: AddEnvironmentArgs): Promise<string | undefined> {
  if (args) return add(s, { ...args, flavour: args.flavour ?? 'v0.10' });
  const title = vscode.l10n.t('QoD: Add Environment');
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('Telefónica Open Gateway sandbox'),
        detail: vscode.l10n.t('Endpoints, scopes and client authentication preset; you give the client id'),
        preset: 'telefonica' as const,
      },
      {
        label: vscode.l10n.t('Custom provider…'),
        detail: vscode.l10n.t(
          'Its issuer is read (OpenID discovery) and its QoD API probed for the flavour; you check the result before it is saved',
        ),
        preset: 'custom' as const,
      },
    ],
    { title, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const entry = picked.preset === 'custom' ? await askCustom() : await askTelefonica(title);
  if (!entry) return undefined;
  if (entry.authMethod !== 'client_secret_basic' && entry.authMethod !== 'client_secret_post')
    return add(s, entry.entry, undefined, entry.open);
  const secret = await askSecret(
    entry.entry.preset === 'telefonica'
      ? vscode.l10n.t(
          'The client secret of your application, from the Open Gateway developer hub ' +
            "(your application's credentials page; mock mode: mock_sandbox_app_secret). Kept in SecretStorage only.",
        )
      : vscode.l10n.t('The client secret the provider gave your application. Kept in SecretStorage only, never in the settings.'),
  );
  if (!secret) return undefined;
  return add(s, entry.entry, secret, entry.open);
}

async function add(s: Services, entry: NewEnvironmentEntry, secret?: string, openSettings = false): Promise<string> {
  const id = await s.environments.add(entry);
  if (secret) await vscode.commands.executeCommand('qod.setClientSecret', { environmentId: id, secret });
  await s.environments.setActive(id);
  s.reached('qod.environmentChosen');
  if (entry.preset === 'custom' && entry.authMethod === 'private_key_jwt') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('"{0}" signs in with your private key: set it with QoD: Set Private Key (kept in SecretStorage).', id),
    );
  }
  if (openSettings) await vscode.commands.executeCommand('workbench.action.openSettingsJson');
  return id;
}

interface Answers {
  entry: NewEnvironmentEntry;
  authMethod: ClientAuthMethod;
  /** Open settings.json after writing. */
  open?: boolean;
}

async function askSecret(prompt: string): Promise<string | undefined> {
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('QoD: Add Environment — client secret'),
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('client secret: must not be empty')),
  });
  return secret?.trim() || undefined;
}

async function askClientId(title: string, prompt: string): Promise<string | undefined> {
  const clientId = await vscode.window.showInputBox({
    title,
    prompt,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('clientId: must not be empty')),
  });
  return clientId?.trim() || undefined;
}

async function askTelefonica(title: string): Promise<Answers | undefined> {
  const clientId = await askClientId(title, vscode.l10n.t('Client id of your Open Gateway application (mock mode: mock_sandbox_app_id)'));
  if (!clientId) return undefined;
  const flavour = await vscode.window.showQuickPick(
    (['v0.10', 'v0.8', 'v1', 'v1.2'] as const).map((f) => ({
      label: FLAVOUR_DETAILS[f].label,
      description: FLAVOUR_DETAILS[f].path,
      detail: vscode.l10n.t(FLAVOUR_DETAILS[f].detail),
      flavour: f,
    })),
    {
      title,
      placeHolder: vscode.l10n.t('Which QoD version does the provider serve your application? (its API reference names it)'),
      ignoreFocusOut: true,
      matchOnDetail: true,
    },
  );
  if (!flavour) return undefined;
  return { entry: { preset: 'telefonica', clientId, flavour: flavour.flavour }, authMethod: 'client_secret_basic' };
}

/**
 * Asks for a URL and runs `work` on it under a progress notification. A failure comes back as a warning on
 * the same input box (the URL kept, so a typo is one edit away; the same URL may be tried again).
 */
async function askAndRun<T>(
  options: vscode.InputBoxOptions & { check(value: string): string | undefined; busy(value: string): string },
  work: (value: string, signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  let failed: { value: string; message: string } | undefined;
  for (;;) {
    const value = await vscode.window.showInputBox({
      ...options,
      value: failed?.value ?? options.value,
      ignoreFocusOut: true,
      validateInput: (v) =>
        options.check(v) ??
        (failed && v === failed.value ? { message: failed.message, severity: vscode.InputBoxValidationSeverity.Warning } : undefined),
    });
    if (!value) return undefined;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: options.busy(value.trim()), cancellable: true },
        (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return work(value.trim(), abort.signal);
        },
      );
    } catch (error) {
      if (error instanceof CancelledError) return undefined;
      failed = { value, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

async function askCustom(): Promise<Answers | undefined> {
  const title = vscode.l10n.t('QoD: Add Environment — custom provider');
  const transport = setupTransport();
  try {
    const found = await askAndRun(
      {
        title,
        prompt: vscode.l10n.t(
          "The issuer of the provider's authorization server, " +
            'or its discovery URL (…/.well-known/openid-configuration). It is read at once.',
        ),
        placeHolder: 'https://id.provider.example',
        check: (v) => {
          const t = discoveryTarget(v);
          return 'problem' in t ? t.problem : undefined;
        },
        busy: (v) => vscode.l10n.t('Reading the OpenID configuration of {0}…', v),
      },
      (value, signal) => discoverProvider(value, transport, signal),
    );
    if (!found) return undefined;
    const proceed = vscode.l10n.t('Continue');
    const shown = await vscode.window.showInformationMessage(
      vscode.l10n.t('Found the authorization server {0}', found.issuer),
      { modal: true, detail: describeProvider(found).join('\n') },
      proceed,
    );
    if (shown !== proceed) return undefined;
    const authMethod = await pickAuthMethod(title, found);
    if (!authMethod) return undefined;
    const probe = await askAndRun(
      {
        title,
        prompt: vscode.l10n.t(
          "The root of the provider's QoD API (before /quality-on-demand/v1 or /qod/v0). " +
            'It is probed with a GET that needs no token and changes nothing.',
        ),
        value: new URL(found.issuer).origin,
        check: (v) => urlProblem('apiBase', apiBaseFrom(v)),
        busy: (v) => vscode.l10n.t('Probing {0} for its QoD flavour…', v),
      },
      (value, signal) => probeFlavour(value, transport, signal),
    );
    if (!probe) return undefined;
    const flavour = await pickFlavour(title, probe);
    if (!flavour) return undefined;
    const clientId = await askClientId(title, vscode.l10n.t('The client id the provider gave your application'));
    if (!clientId) return undefined;
    const label = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('A name for this environment (shown in Select Environment)'),
      value: new URL(found.issuer).hostname,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('label: must not be empty')),
    });
    if (!label?.trim()) return undefined;
    const entry: NewEnvironmentEntry = {
      id: slug(label),
      label: label.trim(),
      preset: 'custom',
      ...found.entry,
      apiBase: probe.apiBase,
      flavour,
      clientId,
      authMethod,
      scope: entryScope(flavour),
    };
    // The settings template, with the found values: shown before it is written.
    const save = vscode.l10n.t('Add');
    const saveAndOpen = vscode.l10n.t('Add and Open Settings (JSON)');
    const template = JSON.stringify({ 'qod.environments': [entry] }, null, 2);
    const confirmed = await vscode.window.showInformationMessage(
      vscode.l10n.t('Add "{0}" to your user settings?', entry.label),
      {
        modal: true,
        detail: `${template}\n\n${vscode.l10n.t('The client secret is asked next and kept in SecretStorage, never in the settings.')}`,
      },
      save,
      saveAndOpen,
    );
    if (confirmed !== save && confirmed !== saveAndOpen) return undefined;
    return { entry, authMethod, open: confirmed === saveAndOpen };
  } finally {
    void transport.close();
  }
}

async function pickAuthMethod(title: string, found: DiscoveredProvider): Promise<ClientAuthMethod | undefined> {
  const offered = new Set<string>(found.usableAuthMethods);
  const methods = found.usableAuthMethods.length > 0 ? found.usableAuthMethods : (Object.keys(AUTH_METHOD_DETAILS) as ClientAuthMethod[]);
  const picked = await vscode.window.showQuickPick(
    methods.map((m) => ({
      label: m,
      description: offered.has(m) ? vscode.l10n.t('offered by the provider') : vscode.l10n.t('not declared by the provider'),
      detail: vscode.l10n.t(AUTH_METHOD_DETAILS[m]),
      method: m,
    })),
    { title, placeHolder: vscode.l10n.t('How does your application authenticate at the token endpoint?'), ignoreFocusOut: true },
  );
  return picked?.method;
}

async function pickFlavour(title: string, probe: FlavourProbe): Promise<Flavour | undefined> {
  const ordered = [
    ...probe.found,
    ...FLAVOURS.slice()
      .reverse()
      .filter((f) => !probe.found.includes(f)),
  ];
  const evidence = (f: Flavour) => {
    const finding = probe.findings.find((p) => p.path === FLAVOUR_DETAILS[f].path);
    return finding && vscode.l10n.t('A GET without a token {0}', finding.evidence);
  };
  const picked = await vscode.window.showQuickPick(
    ordered.map((f) => ({
      label: FLAVOUR_DETAILS[f].label,
      description: probe.found.includes(f)
        ? vscode.l10n.t('found at {0}', `${probe.apiBase}${FLAVOUR_DETAILS[f].path}`)
        : probe.undecidable
          ? vscode.l10n.t('cannot be told from outside')
          : vscode.l10n.t('not found'),
      // What the probe saw decides; what the flavour is, when there is nothing to show.
      detail: evidence(f) ?? vscode.l10n.t(FLAVOUR_DETAILS[f].detail),
      flavour: f,
    })),
    {
      title,
      ignoreFocusOut: true,
      matchOnDetail: true,
      placeHolder: probe.undecidable
        ? probe.undecidable
        : probe.found.length > 0
          ? vscode.l10n.t('Which QoD version does the provider serve your application? The probe found: {0}', probe.found.join(', '))
          : vscode.l10n.t(
              'No QoD API answered at {0}: pick the version the provider documents, or press Escape and check the URL',
              probe.apiBase,
            ),
    },
  );
  return picked?.flavour;
}

/** An id from a name: lower-case letters, digits and dashes. */
function slug(label: string): string {
  return (
    label
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'custom'
  );
}
