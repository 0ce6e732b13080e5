import assert from 'node:assert/strict';
import { isThreeLegged, signedInDevice } from '../../../src/core/auth/three-legged';

describe('three-legged sign-in (the one predicate every face asks)', () => {
  it('CIBA and the authorization code flow are 3-legged; client credentials and no sign-in are not', () => {
    assert.equal(isThreeLegged('ciba'), true);
    assert.equal(isThreeLegged('authorization_code'), true);
    assert.equal(isThreeLegged('client_credentials'), false);
    assert.equal(isThreeLegged(undefined), false);
  });

  it('names the device only for a 3-legged sign-in', () => {
    assert.equal(signedInDevice({ flow: 'ciba', subject: 'tel:+34666666661' }), 'tel:+34666666661');
    assert.equal(signedInDevice({ flow: 'authorization_code', subject: 'tel:+34666666662' }), 'tel:+34666666662');
    assert.equal(signedInDevice({ flow: 'client_credentials', subject: 'tel:+34666666661' }), undefined);
    assert.equal(signedInDevice({ flow: 'ciba' }), undefined);
    assert.equal(signedInDevice(undefined), undefined);
  });
});
