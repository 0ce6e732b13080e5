import assert from 'node:assert/strict';
import { bodyToForm, EMPTY_FORM, fieldOf, formToBody, loginHintFor } from '../../../src/webview/app/form-model';

describe('playground form ↔ JSON', () => {
  it('builds the body in each flavour from the form', () => {
    assert.deepEqual(formToBody('v1', EMPTY_FORM), {
      device: { phoneNumber: '+34666666661' },
      applicationServer: { ipv4Address: '198.51.100.10' },
      qosProfile: 'QOS_E',
      duration: 600,
    });
    assert.deepEqual(formToBody('v0.8', { ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.5' }), {
      ueId: { ipv4addr: '203.0.113.5' },
      asId: { ipv4addr: '198.51.100.10' },
      qos: 'QOS_E',
      duration: 600,
    });
    assert.deepEqual(formToBody('v1', { ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.5:5000' }).device, {
      ipv4Address: { publicAddress: '203.0.113.5', publicPort: 5000 },
    });
    assert.equal(formToBody('v1', { ...EMPTY_FORM, deviceKind: 'none' }).device, undefined);
  });

  it('reads the form back from JSON, and keeps it when the JSON says nothing usable', () => {
    const form = bodyToForm(
      { device: { ipv6Address: '2001:db8::1' }, applicationServer: { ipv6Address: '2001:db8::/64' }, qosProfile: 'QOS_L', duration: 60 },
      EMPTY_FORM,
    );
    assert.deepEqual(form, {
      deviceKind: 'ipv6',
      deviceValue: '2001:db8::1',
      applicationServer: '2001:db8::/64',
      qosProfile: 'QOS_L',
      duration: '60',
    });
    assert.deepEqual(formToBody('v1', form), {
      device: { ipv6Address: '2001:db8::1' },
      applicationServer: { ipv6Address: '2001:db8::/64' },
      qosProfile: 'QOS_L',
      duration: 60,
    });
    assert.equal(bodyToForm([1, 2], EMPTY_FORM), EMPTY_FORM);
  });

  it("QoD 1.2's list of application server addresses round-trips through the form as comma-separated text", () => {
    const body = { applicationServer: { ipAddresses: ['198.51.100.10', '2001:db8::1'] }, qosProfile: 'QOS_E', duration: 60 };
    const form = bodyToForm(body, EMPTY_FORM);
    assert.equal(form.applicationServer, '198.51.100.10, 2001:db8::1');
    assert.deepEqual(formToBody('v1.2', form).applicationServer, body.applicationServer);
  });

  it('puts each validation message next to its field', () => {
    assert.equal(fieldOf('device.ipv4Address.publicPort'), 'deviceValue');
    assert.equal(fieldOf('applicationServer.ipv4Address'), 'applicationServer');
    assert.equal(fieldOf('duration'), 'duration');
    assert.equal(fieldOf('sink'), 'json');
  });
});

describe('playground login hint builder', () => {
  it("writes the request form's device as a CAMARA login_hint", () => {
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'phoneNumber', deviceValue: ' +34666666661 ' }), 'tel:+34666666661');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.25:5000' }), 'ipport:203.0.113.25:5000');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv4', deviceValue: '203.0.113.25' }), 'ipport:203.0.113.25');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'ipv6', deviceValue: '2001:db8::1' }), 'ipport:[2001:db8::1]');
    assert.equal(loginHintFor({ ...EMPTY_FORM, deviceKind: 'none', deviceValue: '' }), undefined, '3-legged: the token names the device');
  });
});
