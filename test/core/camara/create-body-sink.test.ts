// The one place a create body is sent to a notification sink (Create Session's "Notify me", the playground's
// notify box): the flavour's fields are set, the user's own fields kept, and nothing made up is added.
import { strict as assert } from 'node:assert';
import { createSessionBody, withSink } from '../../../src/core/camara/create-body';
import { validateRequest } from '../../../src/core/camara/validate';

const SINK = { url: 'http://127.0.0.1:4711/notifications', token: 'sink-token' };

describe('withSink: a create body sent to the notification sink', () => {
  it("sets each flavour's notification fields, in the same shape createSessionBody writes", () => {
    const v1 = withSink('v1', { qosProfile: 'QOS_E' }, SINK);
    assert.equal(v1.sink, SINK.url);
    assert.deepEqual(Object.keys(v1.sinkCredential as object), [
      'credentialType',
      'accessToken',
      'accessTokenExpiresUtc',
      'accessTokenType',
    ]);
    assert.equal((v1.sinkCredential as { accessToken: string }).accessToken, SINK.token);
    assert.deepEqual(withSink('v0.10', { qosProfile: 'QOS_E' }, SINK), {
      qosProfile: 'QOS_E',
      webhook: { notificationUrl: SINK.url, notificationAuthToken: SINK.token },
    });
    assert.deepEqual(withSink('v0.8', { qos: 'QOS_E' }, SINK), {
      qos: 'QOS_E',
      notificationUrl: SINK.url,
      notificationAuthToken: SINK.token,
    });
    const built = createSessionBody('v0.10', { applicationServer: '198.51.100.10', qosProfile: 'QOS_E', duration: 60, sink: SINK });
    assert.deepEqual(
      withSink('v0.10', createSessionBody('v0.10', { applicationServer: '198.51.100.10', qosProfile: 'QOS_E', duration: 60 }), SINK),
      built,
    );
  });

  it("keeps the user's fields and replaces a sink they named; adds no placeholder for a field they left out", () => {
    const body = { device: { phoneNumber: '+34666666661' }, duration: 60, sink: 'https://elsewhere.example/n' };
    const sent = withSink('v1', body, SINK);
    assert.deepEqual(Object.keys(sent), ['device', 'duration', 'sink', 'sinkCredential']);
    assert.equal(sent.sink, SINK.url);
    assert.equal('applicationServer' in sent || 'qosProfile' in sent, false, 'no made-up applicationServer or qosProfile');
    assert.equal('asId' in withSink('v0.8', {}, SINK) || 'qos' in withSink('v0.8', {}, SINK), false);
  });
});

describe('createSessionBody: the application server', () => {
  const body = (flavour: 'v1' | 'v1.2', applicationServer: string) =>
    createSessionBody(flavour, { applicationServer, qosProfile: 'QOS_E', duration: 60 }).applicationServer;

  it("from QoD 1.2, several addresses separated by commas are a list (ipAddresses); one address or a subnet keeps 1.1's shape", () => {
    assert.deepEqual(body('v1.2', '198.51.100.10, 2001:db8::1'), { ipAddresses: ['198.51.100.10', '2001:db8::1'] });
    assert.deepEqual(body('v1.2', '198.51.100.0/24'), { ipv4Address: '198.51.100.0/24' });
    // In 1.1 a comma is just a wrong address: it stays as typed, and the schema names the field and the rule.
    assert.deepEqual(body('v1', '198.51.100.10, 198.51.100.11'), { ipv4Address: '198.51.100.10, 198.51.100.11' });
  });

  it('an empty entry in the list is dropped and the rest judged by the 1.2 schema', () => {
    assert.deepEqual(body('v1.2', '198.51.100.10,,198.51.100.11,'), { ipAddresses: ['198.51.100.10', '198.51.100.11'] });
  });
});

describe('withSink: QoD 1.2 PRIVATE_KEY_JWT', () => {
  const target = {
    url: 'http://127.0.0.1:4711/notifications',
    privateKeyJwt: { clientId: 'qod-app', tokenUri: 'http://127.0.0.1:4711/token' },
  };

  it('writes the PRIVATE_KEY_JWT credential (client id and token endpoint, no token) in 1.2 only', () => {
    const body = withSink('v1.2', { qosProfile: 'QOS_E' }, target);
    assert.deepEqual(body.sinkCredential, {
      credentialType: 'PRIVATE_KEY_JWT',
      clientId: 'qod-app',
      tokenUri: 'http://127.0.0.1:4711/token',
    });
    // 1.1 has no such credential: with no token, no credential at all.
    assert.equal(withSink('v1', { qosProfile: 'QOS_E' }, target).sinkCredential, undefined);
  });

  it('a loopback http tokenUri passes where a local receiver is allowed, and is kept as given; elsewhere it must be https', () => {
    const body = withSink('v1.2', { applicationServer: { ipv4Address: '198.51.100.10' }, qosProfile: 'QOS_E', duration: 60 }, target);
    const local = validateRequest('v1.2', 'createSession', body, { allowLoopbackHttpSink: true });
    assert.ok(local.ok, JSON.stringify(local));
    assert.deepEqual((local.value as typeof body).sinkCredential, body.sinkCredential);
    assert.equal((local.value as typeof body).sink, target.url);
    const remote = validateRequest('v1.2', 'createSession', body);
    assert.ok(
      !remote.ok && remote.issues.some((i) => i.path === 'sinkCredential.tokenUri' && /https/.test(i.rule)),
      JSON.stringify(remote),
    );
  });
});
