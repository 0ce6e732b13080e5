// The one check of what an operation would send (src/core/camara/request-check.ts), which the client, the command
// line and the playground all use: the operation in the flavour, the session id, the body — every problem at once.
import assert from 'node:assert/strict';
import { checkRequest } from '../../../src/core/camara/request-check';
import { defineOperation, OPERATION_TABLE } from '../../../src/core/operations';

const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const messages = (r: ReturnType<typeof checkRequest>) => (r.ok ? [] : r.issues.map((i) => i.message));

describe('checkRequest: what an operation would send, checked before it leaves the machine', () => {
  it('refuses a missing or null create body as a body, not as three missing fields', () => {
    for (const body of [undefined, null]) {
      const problems = messages(checkRequest(OPERATION_TABLE.createSession, 'v1', { body }));
      assert.equal(problems.length, 1, `${String(body)}: ${problems.join('; ')}`);
      assert.match(problems[0] ?? '', /^\(body\): /);
    }
  });

  it('takes no body as {} where every field is optional (a filter, retrieve-sessions with a 3-legged token)', () => {
    const sessions = checkRequest(OPERATION_TABLE.retrieveSessions, 'v1', {});
    assert.ok(sessions.ok);
    assert.deepEqual(sessions.body, {});
    const profiles = checkRequest(OPERATION_TABLE.listProfiles, 'v0.10', {});
    assert.ok(profiles.ok);
    assert.deepEqual(profiles.route.query, ['name', 'status']);
  });

  it('reports a bad session id and a bad body together, id first, and fills a good id into the path', () => {
    const bad = messages(checkRequest(OPERATION_TABLE.extendSession, 'v1', { id: '../x', body: { requestedAdditionalDuration: 0 } }));
    assert.equal(bad.length, 2, bad.join('; '));
    assert.match(bad[0] ?? '', /^sessionId: must be a UUID/);
    assert.match(bad[1] ?? '', /^requestedAdditionalDuration: /);
    const good = checkRequest(OPERATION_TABLE.extendSession, 'v1', { id: ID, body: { requestedAdditionalDuration: 60 } });
    assert.ok(good.ok);
    assert.equal(good.path, `/sessions/${ID}/extend`);
  });

  it('refuses an operation the flavour has no route for, naming the flavours that have it', () => {
    assert.deepEqual(messages(checkRequest(OPERATION_TABLE.retrieveSessions, 'v0.10', {})), [
      'Sessions of a device: is not part of QoD v0.10 (only v1.2, v1)',
    ]);
  });

  it('holds v0.10 profile filters to the specification (a status is one of three words)', () => {
    assert.match(messages(checkRequest(OPERATION_TABLE.listProfiles, 'v0.10', { body: { status: 'active' } }))[0] ?? '', /^status: /);
  });
});

describe('the table itself', () => {
  it('will not take an operation that changes the network without saying what to ask first', () => {
    const routes = { v1: { method: 'POST', base: 'sessions', path: '/sessions/{sessionId}/boost' } } as const;
    const spec = {
      name: 'boost',
      resource: 'session',
      operationIds: ['boostSession'],
      title: 'Boost',
      summary: 'x',
      command: 'session boost',
      scope: 'extendSession',
      needsId: true,
    } as const;
    assert.throws(
      () => defineOperation({ ...spec, answer: 'session', changesNetwork: true, routes }),
      /boost changes the network: it needs its consent words/,
    );
    assert.doesNotThrow(() => defineOperation({ ...spec, answer: 'session', changesNetwork: false, routes }));
  });
});
