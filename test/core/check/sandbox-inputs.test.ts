// The check's facts about the sandbox (demo clients, deterministic devices) are the sandbox's own.
import assert from 'node:assert/strict';
import { SANDBOX_CHECK_CLIENTS, SANDBOX_RESTRICTED_PROFILE, sandboxCheckInputs } from '../../../src/core/check/sandbox-inputs';
import { sandboxEnvironment } from '../../../src/core/environments';
import { DEMO_CLIENTS } from '../../../src/sandbox/demo-clients';
import { DEFAULT_PROFILES, offeredTo } from '../../../src/sandbox/qod/profiles';
import { canServeQod, isKnown, lastDigitOf } from '../../../src/sandbox/subscribers';

describe('the check’s sandbox inputs', () => {
  it('name demo clients with the sandbox’s own ids, secrets and methods', () => {
    for (const demo of Object.values(SANDBOX_CHECK_CLIENTS)) {
      const real = DEMO_CLIENTS.find((c) => c.clientId === demo.clientId);
      assert.ok(real, demo.clientId);
      assert.equal(real.clientSecret, demo.clientSecret, demo.clientId);
      assert.equal(real.authMethod, demo.authMethod, demo.clientId);
    }
  });

  it('give fresh devices with the digits the sandbox decides by', () => {
    const inputs = sandboxCheckInputs(sandboxEnvironment('http://127.0.0.1:1', 'v1'));
    const a = inputs.devices.valid?.().phoneNumber ?? '';
    const b = inputs.devices.valid?.().phoneNumber ?? '';
    assert.notEqual(a, b);
    assert.match(a, /^\+[1-9][0-9]{4,14}$/);
    assert.ok(isKnown(lastDigitOf(a)) && canServeQod(lastDigitOf(a)));
    assert.equal(lastDigitOf(inputs.devices.async?.().phoneNumber ?? ''), 5);
    assert.equal(isKnown(lastDigitOf(inputs.devices.unknown?.phoneNumber ?? '')), false);
    assert.equal(canServeQod(lastDigitOf(inputs.devices.notApplicable?.phoneNumber ?? '')), false);
    const restricted = DEFAULT_PROFILES.find((p) => p.name === SANDBOX_RESTRICTED_PROFILE);
    assert.ok(restricted && inputs.restricted);
    assert.equal(offeredTo(restricted, `tel:${inputs.restricted.device.phoneNumber}`), true);
    assert.equal(offeredTo(restricted, `tel:${a}`), false);
    assert.equal(inputs.privateKeyJwtNotPreShared, DEMO_CLIENTS.find((c) => c.clientId === 'qod-demo')?.sinkJwksPreShared !== true);
  });
});
