// A create body against the device a 3-legged token names: the contradiction is caught before sending.
import assert from 'node:assert/strict';
import { deviceContradiction } from '../../../src/core/camara/device-binding';

describe('device binding of a 3-legged sign-in', () => {
  it('flags a body naming another device, in each flavour, with the field and the rule', () => {
    assert.deepEqual(deviceContradiction({ device: { phoneNumber: '+34666666669' } }, 'tel:+34666666662'), {
      path: 'device.phoneNumber',
      message:
        'device.phoneNumber: the 3-legged sign-in already names the device (tel:+34666666662); leave the device out of the body, or sign in as this device',
    });
    assert.equal(
      deviceContradiction({ device: { ipv4Address: { publicAddress: '203.0.113.9' } } }, 'ip:203.0.113.25')?.path,
      'device.ipv4Address.publicAddress',
    );
    assert.equal(deviceContradiction({ ueId: { msisdn: '34666666669' } }, 'tel:+34666666662')?.path, 'ueId.msisdn');
  });

  it('accepts the same device, no device, a 2-legged or opaque subject, and hostile bodies without throwing', () => {
    assert.equal(deviceContradiction({ device: { phoneNumber: '+34666666662' } }, 'tel:+34666666662'), undefined);
    assert.equal(deviceContradiction({ ueId: { msisdn: '34666666662' } }, 'tel:+34666666662'), undefined);
    assert.equal(deviceContradiction({ applicationServer: { ipv4Address: '198.51.100.10' } }, 'tel:+34666666662'), undefined);
    assert.equal(deviceContradiction({ device: { phoneNumber: '+34666666669' } }, undefined), undefined);
    assert.equal(
      deviceContradiction({ device: { phoneNumber: '+34666666669' } }, 'a1b2c3-opaque'),
      undefined,
      "an opaque subject is the provider's to judge",
    );
    for (const hostile of [
      null,
      undefined,
      42,
      'x',
      [],
      { device: null },
      { device: [1] },
      { device: { phoneNumber: 5 } },
      { ueId: 'x' },
    ]) {
      assert.equal(deviceContradiction(hostile, 'tel:+34666666662'), undefined, JSON.stringify(hostile));
    }
  });
});
