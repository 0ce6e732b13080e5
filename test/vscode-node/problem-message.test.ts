// The words VS Code shows for a failure (notifications, the log, the playground's replies), rendered from the
// core's problem model: the same words show-error's own instanceof ladder used to say.
import assert from 'node:assert/strict';
import { AuthError } from '../../src/core/auth/auth-error';
import { QodError, QodValidationError } from '../../src/core/camara/qod-client';
import { CancelledError, NetworkError } from '../../src/core/errors';
import { describeError } from '../../src/vscode/problem-message';

const issue = (message: string) => ({ path: 'duration', rule: 'range', message });

describe('the words VS Code shows for a failure', () => {
  const rows: Array<[string, unknown, string]> = [
    [
      'an API error: status, CAMARA code, the provider message and the fix',
      new QodError(400, 'HTTP_400', 'the body was odd', undefined, undefined, 'send JSON'),
      '400 HTTP_400: the body was odd — send JSON',
    ],
    [
      'an API error whose provider message already says the fix: the fix is not said again',
      new QodError(400, 'HTTP_400', 'send the body as JSON', undefined, undefined, 'Send the body as JSON.'),
      '400 HTTP_400: send the body as JSON',
    ],
    ['an API error without a fix', new QodError(418, 'HTTP_418', 'teapot'), '418 HTTP_418: teapot'],
    [
      'a request not sent: every field problem',
      new QodValidationError([issue('duration: must be at least 1'), issue('qosProfile: missing')]),
      'Not sent: duration: must be at least 1; qosProfile: missing',
    ],
    [
      "a sign-in failure: the OAuth code, the provider's description and the hint",
      new AuthError('invalid_scope', 'qod-sessions-read is unknown'),
      'Sign-in failed: invalid_scope: qod-sessions-read is unknown ' +
        'The operator does not offer one of the requested scopes; try the scope preset for this provider.',
    ],
    [
      'a sign-in failure whose description the hint repeats: said once',
      new AuthError('access_denied', 'The subscriber declined the request'),
      'Sign-in failed: access_denied: The subscriber declined the request',
    ],
    [
      'a sign-in failure without a description',
      new AuthError('invalid_client'),
      'Sign-in failed: invalid_client The client id, secret or key was not accepted; check the credentials and the authentication method.',
    ],
    ['a sign-in failure with neither', new AuthError('slow_down'), 'Sign-in failed: slow_down'],
    ['a network error: its message', new NetworkError('The server did not answer in 30 s', 'timeout'), 'The server did not answer in 30 s'],
    ['a cancellation: its message', new CancelledError(), 'cancelled'],
    ['anything else: its message', new Error('boom'), 'boom'],
    ['a thrown object with a message', { message: 'plain object' }, 'plain object'],
    ['a thrown string', 'just words', 'just words'],
    ['a thrown nothing', undefined, 'undefined'],
  ];
  for (const [name, error, words] of rows) it(name, () => assert.equal(describeError(error), words));
});
