// toProblem: one problem model per error class, the exit code the README's "Exit codes" names, and provider text
// that arrives cleaned (as summariseErrorBody leaves it) and stays that way.
import assert from 'node:assert/strict';
import { AuthError } from '../../src/core/auth/auth-error';
import { summariseErrorBody } from '../../src/core/camara/error-body';
import { QodConfigurationError, QodError, QodResponseError, QodValidationError } from '../../src/core/camara/qod-client';
import { CancelledError, NetworkError } from '../../src/core/errors';
import { EXIT, toProblem } from '../../src/core/problem';

class UsageError extends Error {
  override readonly name = 'UsageError';
}

const issue = { path: 'device.phoneNumber', rule: 'format', message: 'device.phoneNumber: must start with +' };

describe('toProblem', () => {
  const rows: Array<[string, unknown, string, string, number]> = [
    ['QodError', new QodError(409, 'CONFLICT', 'A session exists'), 'api', 'CONFLICT', EXIT.api],
    ['QodResponseError', new QodResponseError(201, 'a session', [issue]), 'wrong-shape', 'UNEXPECTED_RESPONSE', EXIT.api],
    ['QodConfigurationError', new QodConfigurationError('no base URL'), 'configuration', 'CONFIGURATION', EXIT.usage],
    ['QodValidationError', new QodValidationError([issue]), 'invalid-input', 'INVALID_INPUT', EXIT.usage],
    ["UsageError (the CLI's)", new UsageError('unknown command'), 'usage', 'USAGE', EXIT.usage],
    [
      'parseArgs error',
      Object.assign(new TypeError('bad option'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }),
      'usage',
      'USAGE',
      EXIT.usage,
    ],
    ['AuthError', new AuthError('access_denied', 'no'), 'sign-in', 'access_denied', EXIT.signIn],
    ['NetworkError timeout', new NetworkError('timed out', 'timeout'), 'network', 'NETWORK_TIMEOUT', EXIT.network],
    ['NetworkError too large', new NetworkError('too big', 'too_large'), 'network', 'NETWORK_TOO_LARGE', EXIT.network],
    ['CancelledError', new CancelledError(), 'cancelled', 'CANCELLED', EXIT.cancelled],
    ['anything else', new Error('boom'), 'unexpected', 'UNEXPECTED', EXIT.api],
    ['a thrown string', 'boom', 'unexpected', 'UNEXPECTED', EXIT.api],
  ];
  for (const [name, error, kind, code, exitCode] of rows) {
    it(`${name} → ${kind}, ${code}, exit ${exitCode}`, () => {
      const p = toProblem(error);
      assert.equal(p.kind, kind);
      assert.equal(p.code, code);
      assert.equal(p.exitCode, exitCode);
      assert.ok(p.title && p.message);
    });
  }

  it("the README's exit codes", () => assert.deepEqual(EXIT, { ok: 0, api: 1, usage: 2, signIn: 3, network: 4, cancelled: 130 }));

  it("an API error carries status, CAMARA code, the catalogue's explanation and fix, and follow-ups without repeats", () => {
    const p = toProblem(new QodError(409, 'CONFLICT', 'Conflict', 'c-1', undefined, undefined, 7));
    assert.equal(p.kind, 'api');
    if (p.kind !== 'api') return;
    assert.equal(p.status, 409);
    assert.equal(p.correlator, 'c-1');
    assert.equal(p.retryAfterSeconds, 7);
    assert.ok(p.explanation && p.fix);
    assert.deepEqual(
      p.followUps.map((f) => f.label),
      ['explanation', 'fix'],
    );
    const repeated = toProblem(new QodError(400, 'HTTP_400', 'same words here', undefined, undefined, 'same words here'));
    assert.deepEqual(repeated.followUps, []);
  });

  it('a sign-in failure keeps the OAuth hint as its fix', () => {
    const p = toProblem(new AuthError('invalid_client'));
    assert.match(p.fix ?? '', /credentials/);
  });

  it('hostile provider text comes out cleaned and redacted, as the core left it', () => {
    const hostile = JSON.stringify({
      status: 400,
      code: 'INVALID_ARGUMENT',
      message: 'bad\u001b[31m red\r\nline\u202e Authorization: Bearer eyJhbGciOi.secret.sig ' + 'x'.repeat(2000),
    });
    const summary = summariseErrorBody(400, 'application/json', hostile);
    const p = toProblem(new QodError(400, summary.code, summary.message));
    assert.equal(p.kind, 'api');
    if (p.kind !== 'api') return;
    assert.equal(p.providerMessage, summary.message);
    // eslint-disable-next-line no-control-regex -- the point is that none is left
    assert.doesNotMatch(p.providerMessage, /[\u0000-\u001f\u007f\u202e]/);
    assert.ok(p.providerMessage.length <= 520);
    // eslint-disable-next-line no-control-regex -- the point is that none is left
    for (const f of p.followUps) assert.doesNotMatch(f.text, /[\u0000-\u001f]/);
  });
});
