// Adding a provider: OpenID discovery and the QoD flavour probe over real HTTP, against the sandbox (real
// discovery, all three flavours) and against misbehaving servers (HTML, truncated JSON, a hang): each gives one
// clear error, within the transport's deadline.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeFlavour } from '../../src/core/camara/flavour-probe';
import { describeProvider, discoverProvider, DiscoveryError, discoveryTarget } from '../../src/core/discovery';
import { NetworkError } from '../../src/core/errors';
import { HttpTransport } from '../../src/core/http/transport';
import { startHostileProvider, type HostileProvider } from '../support/hostile-provider';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import { withSandbox } from '../support/sandbox';

/** Answers HTTP 200 with what a broken issuer sent instead of metadata, chosen by the first path segment. */
async function brokenIssuer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const kind = (req.url ?? '').split('/')[1];
    if (kind === 'login-page')
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title><form></form>');
    if (kind === 'truncated')
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"http://127.0.0.1/truncated","token_endpoint":"htt');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A gateway that checks the token before it routes: 401, in CAMARA's shape, on every path there is or is not. */
async function authFirstGateway(): Promise<{ url: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res
      .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' })
      .end(JSON.stringify({ status: 401, code: 'UNAUTHENTICATED', message: 'Request not authenticated' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('adding a provider: discovery and the flavour probe', function () {
  this.timeout(30_000);
  const { sb } = withSandbox();
  let hostile: HostileProvider;
  let trickler: HostileServer;
  let broken: Awaited<ReturnType<typeof brokenIssuer>>;
  let transport: HttpTransport;

  before(async () => {
    hostile = await startHostileProvider();
    trickler = await startHostileServer({ trickleEveryMs: 200 });
    broken = await brokenIssuer();
  });
  after(async () => {
    await Promise.all([hostile?.close(), trickler?.close(), broken?.close()]);
  });
  // A short deadline, so the hang below is bounded by it.
  beforeEach(() => {
    transport = new HttpTransport({ timeouts: { totalMs: 1500 } });
  });
  afterEach(() => transport.close());

  it("finds the sandbox's endpoints, grant types, CIBA support and client authentication methods from its issuer", async () => {
    const found = await discoverProvider(sb.url, transport);
    assert.equal(found.issuer, sb.url);
    assert.equal(found.url, `${sb.url}/.well-known/openid-configuration`);
    assert.deepEqual(found.endpoints, {
      authorization: `${sb.url}/authorize`,
      token: `${sb.url}/token`,
      backchannelAuthentication: `${sb.url}/bc-authorize`,
      revocation: `${sb.url}/revoke`,
      pushedAuthorization: `${sb.url}/request`,
    });
    assert.ok(found.grantTypes.includes('urn:openid:params:grant-type:ciba') && found.grantTypes.includes('client_credentials'));
    assert.equal(found.ciba.supported, true);
    assert.deepEqual(found.usableAuthMethods, ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none']);
    assert.deepEqual(found.entry, { issuer: sb.url });
    const text = describeProvider(found).join('\n');
    assert.match(text, /CIBA: supported/);
    assert.match(text, /Client authentication: client_secret_basic, client_secret_post, private_key_jwt, none/);
    assert.deepEqual(
      transport.recorder.list().map((e) => [e.kind, e.url]),
      [['discovery', `${sb.url}/.well-known/openid-configuration`]],
    );
  });

  it('takes the discovery URL itself, or an RFC 8414 one (whose endpoints are then kept by hand)', async () => {
    assert.deepEqual((await discoverProvider(`${sb.url}/.well-known/openid-configuration`, transport)).entry, { issuer: sb.url });
    const target = discoveryTarget('https://id.example.com/.well-known/oauth-authorization-server/tenant');
    assert.ok(!('problem' in target));
    assert.deepEqual([target.issuer.href, target.algorithm], ['https://id.example.com/tenant', 'oauth2']);
    assert.deepEqual(discoveryTarget('http://id.example.com'), {
      problem: 'issuer: must use https:// (plain http only on 127.0.0.1, localhost or [::1])',
    });
    assert.deepEqual(discoveryTarget('not a url'), { problem: 'issuer: "not a url" is not a URL' });
  });

  it('an issuer that does not match the metadata is named, with the one the metadata gives', async () => {
    const localhost = sb.url.replace('127.0.0.1', 'localhost');
    await assert.rejects(
      discoverProvider(localhost, transport),
      (e: Error) => e instanceof DiscoveryError && e.message.includes(`names the issuer "${sb.url}"`),
    );
  });

  const failures: Array<[string, () => string, RegExp]> = [
    ['an HTML error page', () => `${hostile.url}/html-title`, /answered HTTP 502: an HTML page .*not an OAuth error/],
    [
      'an HTML login page with 200',
      () => `${broken.url}/login-page`,
      /answered HTTP 200 with an HTML page, not JSON metadata: is this the issuer URL/,
    ],
    ['truncated JSON with 200', () => `${broken.url}/truncated`, /answered HTTP 200 with JSON that does not parse .*cut short/],
    ['truncated JSON with 500', () => `${hostile.url}/truncated-json`, /answered HTTP 500: /],
    [
      'nothing there (404)',
      () => `${broken.url}/nowhere`,
      /answered HTTP 404.*Is this the issuer\? A provider without discovery needs its endpoints set by hand/,
    ],
    [
      'a hang (one byte at a time, never finishing)',
      () => `${trickler.url}/trickle`,
      /Could not read .*did not finish answering within 1\.5 s/,
    ],
    ['nobody listening', () => 'http://127.0.0.1:1', /Could not read .*Nothing is listening/],
  ];
  for (const [what, issuer, message] of failures) {
    it(`discovery on ${what}: one clear error, no hang`, async () => {
      const error = await discoverProvider(issuer(), transport).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof DiscoveryError, String(error));
      assert.match(error.message, message);
      assert.ok(!error.message.includes('\n') && error.message.length < 600, error.message);
    });
  }

  it('describes the attempt that failed, not an earlier one on the same transport (Add Environment retries on one)', async () => {
    const first = await discoverProvider(`${broken.url}/login-page`, transport).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.match(String((first as Error).message), /HTTP 200 with an HTML page/);
    const second = await discoverProvider(`${broken.url}/nowhere`, transport).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(second instanceof DiscoveryError, String(second));
    assert.match(second.message, new RegExp(`^${broken.url}/nowhere/\\.well-known/openid-configuration answered HTTP 404`));
  });

  it('describes its own exchange when another discovery on the same transport is recorded meanwhile', async () => {
    // Another request on the shared transport (a sign-in's discovery, an earlier attempt still finishing) is
    // recorded just after this attempt's own answer and before the failure is described.
    const nowhere = `${broken.url}/nowhere/.well-known/openid-configuration`;
    const stop = transport.recorder.onExchange((e) => {
      if (e.url !== nowhere) return;
      transport.recorder.record({
        id: transport.recorder.nextId(),
        kind: 'discovery',
        method: 'GET',
        url: `${broken.url}/login-page/.well-known/openid-configuration`,
        requestHeaders: {},
        status: 200,
        responseHeaders: { 'content-type': 'text/html' },
        responseBody: '<!doctype html>',
        startedAt: Date.now(),
      });
    });
    try {
      const error = await discoverProvider(`${broken.url}/nowhere`, transport).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof DiscoveryError, String(error));
      assert.match(error.message, /answered HTTP 404.*Is this the issuer\?/);
      assert.doesNotMatch(error.message, /HTML page/);
    } finally {
      stop();
    }
  });

  it("probes the sandbox's API base: 1.2 (v1rc3), v1 and /qod/v0 in v0.10's error shape, with the evidence", async () => {
    const probe = await probeFlavour(`${sb.url}/`, transport);
    assert.equal(probe.apiBase, sb.url);
    assert.deepEqual(probe.found, ['v1.2', 'v1', 'v0.10']);
    assert.equal(probe.findings[0]!.url, `${sb.url}/quality-on-demand/v1rc3/sessions/00000000-0000-4000-8000-000000000000`);
    assert.equal(probe.findings[1]!.url, `${sb.url}/quality-on-demand/v1/sessions/00000000-0000-4000-8000-000000000000`);
    for (const finding of probe.findings.slice(0, 2)) {
      assert.match(finding.evidence, /^answered 401 UNAUTHENTICATED: the API is here and asks for a token/);
    }
    assert.match(probe.findings[2]!.evidence, /v0\.10's error shape/);
    // Harmless: GETs without a token, nothing created.
    assert.ok(transport.recorder.list().every((e) => e.method === 'GET' && !e.requestHeaders.authorization));
  });

  it('tells v0.8 from v0.10 on /qod/v0 by the error shape, and strips a flavour path pasted with the base', async () => {
    assert.deepEqual((await probeFlavour(`${sb.url}/v0.8`, transport)).found, ['v0.8']);
    assert.deepEqual(await probeFlavour(`${sb.url}/v0.10/qod/v0`, transport), {
      apiBase: `${sb.url}/v0.10`,
      found: ['v0.10'],
      findings: (await probeFlavour(`${sb.url}/v0.10`, transport)).findings,
    });
    const v1 = await probeFlavour(`${sb.url}/quality-on-demand/v1/`, transport);
    assert.equal(v1.apiBase, sb.url);
    assert.equal((await probeFlavour(`${sb.url}/quality-on-demand/v1rc3`, transport)).apiBase, sb.url);
  });

  it('finds nothing where nothing is served, or where a gateway answers HTML, and says what came back', async () => {
    const nothing = await probeFlavour(`${sb.url}/elsewhere`, transport);
    assert.deepEqual(nothing.found, []);
    assert.match(nothing.findings[0]!.evidence, /answered 404: nothing served at this path/);
    const html = await probeFlavour(`${hostile.url}/html-title`, transport);
    assert.deepEqual(html.found, []);
    assert.match(html.findings[0]!.evidence, /HTTP 502: an HTML page/);
  });

  it('a gateway that answers 401 before routing: no flavour is claimed, and the user is told to pick', async () => {
    const gateway = await authFirstGateway();
    try {
      const probe = await probeFlavour(gateway.url, transport);
      assert.deepEqual(probe.found, [], 'a 401 on every path shows nothing about the flavour');
      assert.match(
        probe.undecidable ?? '',
        /^The gateway answers 401 before routing .*a path no API has.*so the flavour cannot be told from outside: pick it$/,
      );
      for (const finding of probe.findings) {
        assert.deepEqual(finding.served, []);
        assert.match(finding.evidence, /as a path that cannot exist does: the gateway asks for a token before it routes/);
      }
      // The path that cannot exist was asked too, without a token, like the others.
      assert.ok(
        gateway.paths.some((p) => /^\/qod-playground-probe-[0-9a-f]{8}\/sessions\/0{8}-/.test(p)),
        gateway.paths.join(' '),
      );
      assert.ok(transport.recorder.list().every((e) => e.method === 'GET' && !e.requestHeaders.authorization));
    } finally {
      await gateway.close();
    }
  });

  it('a hanging or absent API base fails within the deadline with the reason', async () => {
    await assert.rejects(
      probeFlavour(`${trickler.url}/trickle`, transport),
      (e: Error) => e instanceof NetworkError && /did not finish answering within 1\.5 s/.test(e.message),
    );
    await assert.rejects(
      probeFlavour('http://127.0.0.1:1', transport),
      (e: Error) => e instanceof NetworkError && /Nothing is listening/.test(e.message),
    );
    await assert.rejects(probeFlavour('http://api.example.com', transport), /must use https:\/\//);
    await assert.rejects(
      probeFlavour('https://api.example.com/\ntouch /tmp/p #', transport),
      /^NetworkError: apiBase: must not contain control characters/,
    );
  });
});
