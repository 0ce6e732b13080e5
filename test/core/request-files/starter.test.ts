// "New Request File": for every flavour, the starter file parses without problems, has one request per operation
// of the flavour (found again by the table's routes), holds no secret, and every body passes the core's checks.
import assert from 'node:assert/strict';
import { checkRequest } from '../../../src/core/camara/request-check';
import { FLAVOURS } from '../../../src/core/camara/flavour';
import { OPERATION_TABLE, operationForRequest, operationsIn } from '../../../src/core/operations';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { secretsInFile } from '../../../src/core/request-files/secrets';
import { starterFile } from '../../../src/core/request-files/starter';

const SESSION_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/** The URL as the runner would send it: the bases and the create answer's id filled in. */
function resolved(url: string): string {
  return url
    .replace('{{$qod.sessions}}', 'https://api.example/qod')
    .replace('{{$qod.profiles}}', 'https://api.example/profiles')
    .replace('{{$qod.provisioning}}', 'https://api.example/provisioning')
    .replace(/\{\{create\.response\.body\.(sessionId|id)\}\}/, SESSION_ID)
    .replace('{{assign.response.body.assignmentId}}', SESSION_ID);
}

describe('starterFile', () => {
  for (const flavour of FLAVOURS) {
    describe(`QoD ${flavour}`, () => {
      const text = starterFile(OPERATION_TABLE, flavour);
      const file = parseRequestFile(text);

      it('parses without problems and signs in with a # @qod line', () => {
        assert.deepEqual(file.problems, []);
        assert.equal(file.signIn?.flow, 'client_credentials');
      });

      it('has one request per operation of the flavour, each with a status assertion and the sign-in token', () => {
        const named = file.requests.map((r) => operationForRequest(OPERATION_TABLE, r.method, resolved(r.url), flavour)?.spec.name);
        assert.deepEqual(
          [...named].sort(),
          operationsIn(OPERATION_TABLE, flavour)
            .map((s) => s.name)
            .sort(),
        );
        for (const r of file.requests) {
          assert.ok(
            r.assertions.some((a) => a.subject === 'status' && a.operator === '=='),
            `${r.method} ${r.url} asserts its status`,
          );
          assert.deepEqual(
            r.headers.filter((h) => h.name === 'Authorization').map((h) => h.value),
            ['Bearer {{$qod.accessToken}}'],
          );
        }
      });

      it('reads the session id from the create answer, named create', () => {
        const create = file.requests.find((r) => r.name === 'create');
        assert.ok(create, 'a request named create');
        assert.equal(file.requests[0], create, 'create comes first');
        const idField = flavour === 'v0.8' ? 'id' : 'sessionId';
        const withId = file.requests.filter((r) => r.url.includes('{{create.response.body.'));
        assert.ok(withId.length >= 2);
        for (const r of withId) assert.ok(r.url.includes(`{{create.response.body.${idField}}}`), r.url);
        // Deleted (and revoked, where the release has QoS Provisioning) last, after every request that names them.
        const ends = file.requests.slice(-2).map((r) => operationForRequest(OPERATION_TABLE, r.method, resolved(r.url))?.spec.name);
        assert.ok(ends.includes('deleteSession'), `${ends.join(', ')} end the file`);
        if (flavour === 'v1' || flavour === 'v1.2') {
          assert.deepEqual(ends.sort(), ['deleteSession', 'revokeAssignment']);
          const assign = file.requests.find((r) => r.name === 'assign');
          assert.ok(assign, 'the assignment is made by a request named assign');
          const withAssignment = file.requests.filter((r) => r.url.includes('{{assign.response.body.assignmentId}}'));
          assert.equal(withAssignment.length, 2, 'get and revoke read the assignment id from its answer');
        }
      });

      it('holds no secret', () => {
        assert.deepEqual(secretsInFile(text), []);
      });

      it("every request passes the core's checks (the operation's body schema, the session id)", () => {
        for (const r of file.requests) {
          const found = operationForRequest(OPERATION_TABLE, r.method, resolved(r.url), flavour);
          assert.ok(found, `${r.method} ${r.url} is an operation`);
          const body = r.body === undefined ? undefined : (JSON.parse(r.body) as unknown);
          const checked = checkRequest(found.spec, flavour, { id: found.id, body });
          assert.ok(checked.ok, `${found.spec.name}: ${JSON.stringify(checked.ok ? [] : checked.issues)}`);
        }
      });
    });
  }

  it('with a CIBA sign-in, names the device in the sign-in line, not in the bodies', () => {
    const text = starterFile(OPERATION_TABLE, 'v1', { signIn: { flow: 'ciba', loginHint: 'tel:+34666666661' } });
    const file = parseRequestFile(text);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.signIn, { flow: 'ciba', loginHint: 'tel:+34666666661', line: 3 });
    assert.ok(!file.requests.some((r) => r.body?.includes('phoneNumber')));
  });

  it('through an aggregator, routes every request by the starter device', () => {
    const file = parseRequestFile(starterFile(OPERATION_TABLE, 'v1', { signIn: { flow: 'client_credentials' }, route: '+34666666661' }));
    assert.deepEqual(file.problems, []);
    assert.ok(file.requests.length > 5);
    for (const request of file.requests) assert.equal(request.route?.hint, '+34666666661', request.title);
  });
});
