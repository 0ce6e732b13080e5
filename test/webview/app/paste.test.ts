import assert from 'node:assert/strict';
import { parseCurl, shellWords } from '../../../src/webview/app/paste';

describe('a curl command pasted into the playground', () => {
  it('splits shell words: quotes, escapes and line continuations', () => {
    assert.deepEqual(shellWords(`curl -s -H "a: \\"b\\"" \\\n  -d '{"x": 1}' http://h/p`), [
      'curl',
      '-s',
      '-H',
      'a: "b"',
      '-d',
      '{"x": 1}',
      'http://h/p',
    ]);
    assert.deepEqual(shellWords(`curl --data="$X" 'it'"'"'s'`), ['curl', '--data=$X', "it's"]);
  });

  it('takes the body and the operation of a create, and leaves the token behind', () => {
    const pasted = parseCurl(`curl -s -H "Authorization: Bearer eyJhbGciOi.secret.token" -H 'content-type: application/json' \\
  -d '{"device":{"phoneNumber":"+34666666661","qosProfile":"QOS_E"},"applicationServer":{"ipv4Address":"198.51.100.10"}}' \\
  https://sandbox.opengateway.telefonica.com/apigateway/quality-on-demand/v1/sessions`);
    assert.equal(pasted?.operation, 'createSession');
    assert.deepEqual(pasted?.body, {
      device: { phoneNumber: '+34666666661', qosProfile: 'QOS_E' },
      applicationServer: { ipv4Address: '198.51.100.10' },
    });
    assert.ok(!JSON.stringify(pasted).includes('secret.token'), 'the Authorization header is not taken');
  });

  it('names get, delete, extend, retrieve and profiles from the method and the path, in every flavour', () => {
    const id = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    assert.deepEqual(parseCurl(`curl https://op.example/qod/v0/sessions/${id}`), {
      operation: 'getSession',
      sessionId: id,
      body: undefined,
    });
    assert.deepEqual(parseCurl(`curl -X DELETE "https://op.example/quality-on-demand/v1/sessions/${id}"`), {
      operation: 'deleteSession',
      sessionId: id,
      body: undefined,
    });
    assert.deepEqual(
      parseCurl(
        `curl --request POST --url https://op.example/qod/v0/sessions/${id}/extend --data-raw "{\\"requestedAdditionalDuration\\": 120}"`,
      ),
      { operation: 'extendSession', sessionId: id, body: { requestedAdditionalDuration: 120 } },
    );
    assert.equal(
      parseCurl(`curl -d '{"device":{}}' https://op.example/quality-on-demand/v1/retrieve-sessions`)?.operation,
      'retrieveSessions',
    );
    assert.equal(parseCurl(`curl -X POST https://op.example/qos-profiles/v1/retrieve-qos-profiles`)?.operation, 'listProfiles');
    assert.equal(
      parseCurl(`curl --data '{not json' https://op.example/qod/v0/sessions`)?.body,
      '{not json',
      'a body that is not JSON stays text',
    );
  });

  it('is not fooled by JSON or by other commands', () => {
    assert.equal(parseCurl('{"curl": 1}'), undefined);
    assert.equal(parseCurl('wget https://op.example/qod/v0/sessions'), undefined);
  });
});
