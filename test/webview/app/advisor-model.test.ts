// The advisor section's words and the body edit "Use this profile" makes.
import assert from 'node:assert/strict';
import type { OperatorAdviceView } from '../../../src/shared/protocol';
import { bodyWithProfile, verdictWords } from '../../../src/webview/app/advisor-model';

const operator = (o: Partial<OperatorAdviceView>): OperatorAdviceView => ({
  operatorId: 'azul',
  operatorName: 'Azul Mobile',
  verdict: 'fits',
  reasons: [],
  profiles: [],
  ...o,
});

describe('advisor model', () => {
  it('says each verdict in words, naming the profile', () => {
    assert.equal(verdictWords(operator({ recommended: 'QOS_M' })), 'QOS_M fits every need');
    assert.equal(
      verdictWords(operator({ recommended: 'QOS_M', verdict: 'fits-as-far-as-stated' })),
      'QOS_M fits as far as the operator states its values',
    );
    assert.equal(verdictWords(operator({ verdict: 'nothing-fits' })), 'No profile fits');
    assert.equal(verdictWords(operator({ verdict: 'error', error: 'sign-in refused' })), 'Could not ask this operator: sign-in refused');
  });

  it('puts the profile in the body and keeps every other field; v0.8 keeps its qos; text that is not an object is left to the form', () => {
    const body = { device: { phoneNumber: '+34600000001' }, qosProfile: 'QOS_E', duration: 60, sink: 'https://example.com/n' };
    assert.deepEqual(JSON.parse(bodyWithProfile(JSON.stringify(body), 'QOS_M') ?? ''), { ...body, qosProfile: 'QOS_M' });
    assert.deepEqual(JSON.parse(bodyWithProfile('{"ueId":{"msisdn":"34600000001"},"qos":"QOS_E"}', 'QOS_L') ?? ''), {
      ueId: { msisdn: '34600000001' },
      qos: 'QOS_L',
    });
    assert.equal(bodyWithProfile('{ "device": ', 'QOS_M'), undefined);
    assert.equal(bodyWithProfile('[1]', 'QOS_M'), undefined);
    assert.equal(bodyWithProfile('', 'QOS_M'), undefined);
  });
});
