// A hostile provider in the real host: environments that point at it, the client secret in SecretStorage, a
// 2-legged sign-in, and the language-model tools as an agent calls them. Every tool result, every sign-in error
// and every line the QoD log wrote is scanned for the token and the secret in every encoding, and for escapes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  API_BEHAVIOURS,
  HOSTILE_CLIENT_ID,
  HOSTILE_SECRET,
  HOSTILE_SESSION_ID,
  HOSTILE_TOKEN,
  startHostileProvider,
  type HostileProvider,
} from '../../support/hostile-provider';
import { leakedSecrets } from '../../support/leak-scan';
import { api, services } from './support';

/** The behaviours an agent meets through the tools, and the two that echo the client's authentication at sign-in. */
const API = [
  'code-echo',
  'message-split',
  'message-base64',
  'long-code',
  'escapes',
  'html-title',
  'success-fields-echo',
  'profiles-echo',
  'slow',
  'huge',
  'reset',
];
const SIGN_IN = ['token-basic-echo', 'token-error-code-echo'];
// eslint-disable-next-line no-control-regex -- matching escape characters is the point
const RAW_ESCAPE = /[\u001b\u009b\u009d]/;

describe('a hostile provider, in the real host: language-model tools, sign-in errors and the log', function () {
  this.timeout(120_000);
  let provider: HostileProvider;

  before(async () => {
    provider = await startHostileProvider();
    const qod = vscode.workspace.getConfiguration('qod');
    await qod.update('http.timeoutSeconds', 3, vscode.ConfigurationTarget.Global);
    await qod.update('http.maxResponseBytes', 1 << 20, vscode.ConfigurationTarget.Global);
    await qod.update(
      'environments',
      [...API, ...SIGN_IN].map((b) => ({
        id: `hostile-${b}`,
        label: `Hostile ${b}`,
        preset: 'custom',
        flavour: 'v1',
        clientId: HOSTILE_CLIENT_ID,
        apiBase: `${provider.url}/${b}/qod/v1`,
        endpoints: { token: `${provider.url}/${b}/token` },
      })),
      vscode.ConfigurationTarget.Global,
    );
    for (const b of [...API, ...SIGN_IN])
      await vscode.commands.executeCommand('qod.setClientSecret', { environmentId: `hostile-${b}`, secret: HOSTILE_SECRET });
  });
  after(async () => {
    const qod = vscode.workspace.getConfiguration('qod');
    for (const key of ['environments', 'http.timeoutSeconds', 'http.maxResponseBytes'])
      await qod.update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('qod.selectEnvironment', 'sandbox');
    await provider?.close();
  });

  it(`${API.length} API behaviours through the tools and ${SIGN_IN.length} sign-in echoes: 0 leaks, 0 escapes, nothing unbounded`, async () => {
    const s = await services();
    const tools = (await api()).tools();
    const found: string[] = [];
    const scan = (where: string, text: string) => {
      for (const secret of leakedSecrets(text, [HOSTILE_TOKEN, HOSTILE_SECRET]))
        found.push(`${where}: leaks the ${secret === HOSTILE_TOKEN ? 'token' : 'secret'}`);
      if (RAW_ESCAPE.test(text)) found.push(`${where}: an escape sequence`);
    };
    for (const b of API) {
      await vscode.commands.executeCommand('qod.selectEnvironment', `hostile-${b}`);
      await (await s.runtime(`hostile-${b}`)).auth.signIn({ flow: 'client_credentials' });
      const [name, input] = b === 'profiles-echo' ? ['qod_list_qos_profiles', {}] : ['qod_get_session', { sessionId: HOSTILE_SESSION_ID }];
      const result = await tools.run(name, input);
      const text = `${result.text}\n${JSON.stringify(result.structured ?? {})}`;
      scan(`tool × ${b}`, text);
      if (/A{600}|d{600}/.test(text)) found.push(`tool × ${b}: an unbounded provider field`);
      if (b !== 'success-fields-echo' && b !== 'profiles-echo') assert.equal(result.isError, true, `${b}: ${result.text}`);
    }
    for (const b of SIGN_IN) {
      const error = await (await s.runtime(`hostile-${b}`)).auth.signIn({ flow: 'client_credentials' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof Error, b);
      scan(`sign-in × ${b}`, error.message);
    }
    scan('the QoD log', s.log.lines().join('\n'));
    assert.ok(Object.keys(API_BEHAVIOURS).length >= API.length);
    assert.deepEqual(found, []);
  });
});
