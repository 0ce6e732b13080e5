import assert from 'node:assert/strict';
import { formatLoginHint, parseLoginHint } from '../../../src/core/auth/login-hint';

describe('login_hint', () => {
  const valid: Array<[string, unknown]> = [
    ['tel:+34666666666', { kind: 'tel', phoneNumber: '+34666666666' }],
    ['ipport:203.0.113.25:8080', { kind: 'ipport', address: '203.0.113.25', version: 4, port: 8080 }],
    ['ipport:203.0.113.25', { kind: 'ipport', address: '203.0.113.25', version: 4 }],
    ['ipport:[2001:db8::1]:8080', { kind: 'ipport', address: '2001:db8::1', version: 6, port: 8080 }],
    ['ipport:[2001:db8::1]', { kind: 'ipport', address: '2001:db8::1', version: 6 }],
    ['operatortoken:abc123', { kind: 'operatortoken', token: 'abc123' }],
  ];
  for (const [text, hint] of valid) {
    it(`parses and formats ${text}`, () => {
      const result = parseLoginHint(text);
      assert.deepEqual(result, { ok: true, hint });
      assert.equal(result.ok && formatLoginHint(result.hint), text);
    });
  }

  const invalid: Array<[string, RegExp]> = [
    ['phone_number:+34666666666', /tel:\+<E\.164>/],
    ['+447700900000', /tel:\+<E\.164>/],
    ['tel:34666666666', /leading \+/],
    ['ipport:2001:db8::1', /ipport:/],
    ['ipport:203.0.113.25:65536', /ipport:/],
    ['ipport:[2001:db8::1]8080', /ipport:/],
    ['operatortoken:', /token/],
    ['mailto:someone@example.com', /must start with/],
  ];
  for (const [text, says] of invalid) {
    it(`rejects ${text} with a reason`, () => {
      const result = parseLoginHint(text);
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.error : '', says);
    });
  }
});
