// What differs between QoD versions, said where it matters: a body field the active version does not have names
// the versions that have it and what to write instead; a typo gets the plain words; a credential type says which
// version has it. Through validateRequest, the check every face and the sandbox use.
import assert from 'node:assert/strict';
import type { Flavour } from '../../../src/core/camara/flavour';
import { validateRequest } from '../../../src/core/camara/validate';

const SERVER = { ipv4Address: '198.51.100.10' };

function messages(flavour: Flavour, body: Record<string, unknown>): string[] {
  const result = validateRequest(flavour, 'createSession', { qosProfile: 'QOS_E', duration: 60, applicationServer: SERVER, ...body });
  return result.ok ? [] : result.issues.map((i) => i.message);
}

describe('version notes: a field of another QoD version', () => {
  const cases: Array<[string, Flavour, Record<string, unknown>, string]> = [
    [
      "1.2's ipAddresses in v1",
      'v1',
      { applicationServer: { ipAddresses: ['198.51.100.10'] } },
      'applicationServer.ipAddresses: is not a field of QoD v1 (quality-on-demand 1.1.0 + qos-profiles 1.1.0); v1.2 has it: in v1, ' +
        'give one address or a subnet as applicationServer.ipv4Address or ipv6Address (one session per server) (got ["198.51.100.10"])',
    ],
    [
      "v1's sink in v0.10",
      'v0.10',
      { sink: 'https://app.example/n', device: { phoneNumber: '+34666666661' } },
      'use webhook {notificationUrl',
    ],
    [
      "v0.10's webhook in v1.2",
      'v1.2',
      { webhook: { notificationUrl: 'https://app.example/n' } },
      'v0.10 has it: in v1.2, use sink (an https URL)',
    ],
    ["v0.8's ueId in v1", 'v1', { ueId: { msisdn: '34666666661' } }, 'ueId: is not a field of QoD v1'],
    ["v1's device in v0.8", 'v0.8', { device: { phoneNumber: '+34666666661' } }, 'in v0.8, use ueId {msisdn'],
  ];
  for (const [what, flavour, body, expected] of cases) {
    it(`${what}: names the version that has it and what to write instead`, () => {
      const found = messages(flavour, body);
      assert.ok(
        found.some((m) => m.includes(expected)),
        found.join('\n'),
      );
    });
  }

  it('a field no version has (a typo) gets the plain words', () => {
    assert.ok(messages('v1', { qosProfil: 'QOS_E' }).includes('qosProfil: is not a field of this API version (got "QOS_E")'));
  });

  it('sink credential types: 1.1 says 1.2 adds PRIVATE_KEY_JWT; 1.2 says PLAIN and REFRESHTOKEN are gone', () => {
    const jwt = { sink: 'https://app.example/n', sinkCredential: { credentialType: 'PRIVATE_KEY_JWT' } };
    assert.ok(messages('v1', jwt).some((m) => m.includes('1.2 adds PRIVATE_KEY_JWT')));
    assert.deepEqual(messages('v1.2', jwt), []);
    const withFields = {
      sink: 'https://app.example/n',
      sinkCredential: { credentialType: 'PRIVATE_KEY_JWT', clientId: 'a', tokenUri: 'https://a.example/t' },
    };
    assert.ok(
      messages('v1', withFields).some(
        (m) => m.startsWith('sinkCredential.tokenUri: is not a field of QoD v1') && m.includes('v1.2 has it'),
      ),
    );
    // jwksUri is the provider's (readOnly): a request that sends it is not refused.
    assert.deepEqual(
      messages('v1.2', { ...withFields, sinkCredential: { ...withFields.sinkCredential, jwksUri: 'https://op.example/jwks' } }),
      [],
    );
    // An IPv4-mapped IPv6 address is a single IPv6 address.
    assert.deepEqual(messages('v1.2', { applicationServer: { ipAddresses: ['::ffff:192.0.2.1', '2001:db8::1'] } }), []);
    const plain = { sink: 'https://app.example/n', sinkCredential: { credentialType: 'PLAIN' } };
    assert.ok(messages('v1.2', plain).some((m) => m.includes('PLAIN and REFRESHTOKEN were removed in QoD 1.2')));
  });
});
