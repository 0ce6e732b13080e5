// The request-file runner against the real sandbox: the QoD lifecycle of the example file passes; a failing
// assertion is red at its line with expected vs actual; a request the runner cannot build (an unknown placeholder,
// a body that is not JSON, a body the schema refuses) is an error at its line and nothing is sent; an eventually
// assertion that never holds fails after its bounded tries; the token is in no result and no report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGN_IN_FLOWS, type SignInUi } from '../../../src/core/auth/flows';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { sandboxEnvironment } from '../../../src/core/environments';
import { environmentVariables, parseEnvironmentFile } from '../../../src/core/request-files/environment-file';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { REPORTERS } from '../../../src/core/request-files/report';
import type { FileResult } from '../../../src/core/request-files/results';
import { runRequestFile, type RunOptions } from '../../../src/core/request-files/run';
import { createRuntime, type Runtime } from '../../../src/core/runtime';
import type { Sandbox } from '../../../src/sandbox/server';
import { withSandbox } from '../../support/sandbox';

const ROOT = join(__dirname, '..', '..', '..');
const ui: SignInUi = { openBrowser: async () => false, redirect: () => Promise.reject(new Error('no browser here')), report: () => {} };

function runtimeFor(sb: Sandbox): Runtime {
  return createRuntime(sandboxEnvironment(sb.url), {
    secrets: new MemorySecretStore(),
    credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
  });
}

/** Runs a file's text on a fresh runtime, signed in as its sign-in line says (client credentials without one). */
async function run(sb: Sandbox, text: string, more: Partial<RunOptions> = {}): Promise<{ result: FileResult; runtime: Runtime }> {
  const file = parseRequestFile(text);
  assert.deepEqual(file.problems, [], 'the test file parses');
  const runtime = runtimeFor(sb);
  try {
    const result = await runRequestFile(file, 'test.http', {
      runtime,
      signIn: async (line, signal) => {
        await SIGN_IN_FLOWS[line?.flow ?? 'client_credentials'].run(
          runtime.auth,
          { loginHint: line?.loginHint },
          ui,
          signal ?? new AbortController().signal,
        );
      },
      ...more,
    });
    return { result, runtime };
  } finally {
    await runtime.transport.close();
  }
}

/** The QoD API calls the runtime made (sign-in exchanges left out). */
const apiCalls = (runtime: Runtime) => runtime.transport.recorder.list().filter((e) => e.kind === 'api');

/** A create request for its own device (the sandbox allows one live session per device and client). */
let devices = 0;
const CREATE_TEXT = `# @qod sign-in client_credentials
### create
# @name create
POST {{$qod.sessions}}/sessions
Authorization: Bearer {{$qod.accessToken}}
Content-Type: application/json

{"device": {"phoneNumber": "+346111DEVICE0"}, "applicationServer": {"ipv4Address": "198.51.100.10"}, "qosProfile": "QOS_E", "duration": 60}
`;
const create = () => CREATE_TEXT.replace('DEVICE', String(100 + ++devices));

describe('runRequestFile', () => {
  const { sb } = withSandbox({ cibaInterval: 1 });

  it('runs the example lifecycle green: CIBA sign-in, create, eventually AVAILABLE, extend, delete', async () => {
    const text = readFileSync(join(ROOT, 'examples/session-lifecycle.http'), 'utf8');
    const seen: string[] = [];
    const { result, runtime } = await run(sb, text, { onResult: (r) => seen.push(r.label) });
    assert.ok(result.ok, JSON.stringify(result.requests.map((r) => [r.label, r.error, r.assertions.map((a) => a.message)])));
    assert.deepEqual(
      result.requests.map((r) => [r.operation, r.status]),
      [
        ['createSession', 201],
        ['getSession', 200],
        ['extendSession', 200],
        ['deleteSession', 204],
      ],
    );
    assert.equal(seen.length, 4, 'each result is told as it comes');
    assert.equal(runtime.auth.signedIn?.flow, 'ciba');
    const get = result.requests[1]!;
    assert.deepEqual(
      get.assertions.map((a) => [a.assertion.line, a.ok, a.actual]),
      [
        [29, true, '200'],
        [30, true, '"AVAILABLE"'],
      ],
    );
  });

  it('a failing assertion is red at its line with expected vs actual; the requests reading its answer are skipped', async () => {
    const text = `${create()}
?? status == 200
?? body qosProfile == QOS_E

### get
GET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}
`;
    const { result, runtime } = await run(sb, text);
    assert.equal(result.ok, false);
    const [created, get] = result.requests;
    assert.equal(created?.ok, false);
    assert.equal(created?.status, 201);
    assert.deepEqual(
      created?.assertions.map((a) => [a.assertion.line, a.ok, a.message]),
      [
        [10, false, 'status: expected == 200, got 201'],
        [11, true, 'body qosProfile == QOS_E'],
      ],
    );
    assert.match(get?.skipped ?? '', /reads \{\{create\.response\.body\.sessionId\}\}, and create has no answer to read: it failed/);
    assert.equal(apiCalls(runtime).length, 1, 'the skipped request was not sent');
    const junit = REPORTERS.junit([result]);
    assert.match(junit, /<failure message="status: expected == 200, got 201 \(test\.http:10\)">/);
  });

  it('an error answer still gives its status and body to the assertions', async () => {
    const text = `### missing
GET {{$qod.sessions}}/sessions/3fa85f64-5717-4562-b3fc-2c963f66afa6

?? status == 404
?? body code == NOT_FOUND
`;
    const { result } = await run(sb, text);
    assert.ok(result.ok, JSON.stringify(result.requests[0]?.assertions));
  });

  it("a request's variables hold from it on: a later value replaces an earlier one", async () => {
    const block = 'POST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n\n?? status == {{expect}}\n';
    const { result } = await run(sb, `@expect = 200\n###\n${block}###\n@expect = 201\n${block}###\n${block}`);
    assert.deepEqual(
      result.requests.map((r) => r.assertions[0]?.message),
      ['status == 200', 'status: expected == 201, got 200', 'status: expected == 201, got 200'],
    );
  });

  it("an environment file's variables fill placeholders; the file's own @lines override them", async () => {
    const envFile = parseEnvironmentFile(
      JSON.stringify({ $shared: { expect: '201', path: 'retrieve-qos-profiles' }, local: { expect: '200' } }),
    );
    const block = 'POST {{$qod.profiles}}/{{path}}\n\n{}\n\n?? status == {{expect}}\n';
    const { result } = await run(sb, `###\n${block}###\n@expect = 418\n${block}`, { variables: environmentVariables(envFile, 'local') });
    assert.deepEqual(
      result.requests.map((r) => r.assertions[0]?.message),
      ['status == 200', 'status: expected == 418, got 200'],
    );
  });

  it("a file-level @line (before the first ###) overrides the environment file's value", async () => {
    const envFile = parseEnvironmentFile(JSON.stringify({ $shared: { expect: '201' }, local: { expect: '200' } }));
    const text = '@expect = 418\n###\nPOST {{$qod.profiles}}/retrieve-qos-profiles\n\n{}\n\n?? status == {{expect}}\n';
    const { result } = await run(sb, text, { variables: environmentVariables(envFile, 'local') });
    assert.deepEqual(
      result.requests.map((r) => r.assertions[0]?.message),
      ['status: expected == 418, got 200'],
    );
  });

  it("a body that is not JSON once filled: the position only, never V8's text (which quotes the environment's value)", async () => {
    const text = '### create\nPOST {{$qod.sessions}}/sessions\nContent-Type: application/json\n\n{"qosProfile": {{profile}}}\n';
    const variables = [{ name: 'profile', value: 'QOS_Ehidden-value', line: 0 }];
    const { result, runtime } = await run(sb, text, { variables });
    assert.deepEqual(result.requests[0]?.error, { message: 'The body is not valid JSON at line 1, column 16 of the body', line: 5 });
    assert.equal(apiCalls(runtime).length, 0);
  });

  it('an unknown placeholder is an error naming it and its line; nothing is sent', async () => {
    const text = `@base = {{$qod.sessions}}
### get
GET {{base}}/sessions/{{sessionId}}
`;
    const { result, runtime } = await run(sb, text);
    assert.deepEqual(result.requests[0]?.error, { message: 'Unknown placeholder {{sessionId}}', line: 3 });
    assert.equal(apiCalls(runtime).length, 0);
  });

  it('a body that is not JSON is an error at the body line; nothing is sent', async () => {
    const text = `### create
POST {{$qod.sessions}}/sessions
Content-Type: application/json

{"qosProfile": QOS_E}
`;
    const { result, runtime } = await run(sb, text);
    assert.equal(result.requests[0]?.error?.line, 5);
    assert.match(result.requests[0]?.error?.message ?? '', /^The body is not valid JSON/);
    assert.equal(apiCalls(runtime).length, 0);
  });

  it('a body the schema refuses: the field messages at the body line, and nothing sent', async () => {
    const text = create().replace('"duration": 60', '"duration": -5').replace('"QOS_E"', '"no such profile!"');
    const { result, runtime } = await run(sb, text);
    const error = result.requests[0]?.error;
    assert.equal(error?.line, 8);
    assert.match(error?.message ?? '', /duration/);
    assert.match(error?.message ?? '', /qosProfile/);
    assert.equal(result.requests[0]?.status, undefined);
    assert.equal(apiCalls(runtime).length, 0, 'the recorder saw no QoD request');
  });

  it('a URL outside the environment, or naming no operation, says what is expected', async () => {
    const { result } = await run(sb, `GET https://elsewhere.example/sessions/1\n\n###\nGET {{$qod.sessions}}/nothing\n`);
    assert.match(result.requests[0]?.error?.message ?? '', /is not under this environment's sessions base \(http:\/\/127\.0\.0\.1:\d+/);
    assert.match(
      result.requests[1]?.error?.message ?? '',
      /GET \/nothing is no QoD v1 operation; the operations are: createSession \(POST/,
    );
  });

  it('eventually on a request that changes the network is refused with why', async () => {
    const { result, runtime } = await run(sb, `${create()}\n# @qod eventually status == 201 within 5s\n`);
    assert.match(result.requests[0]?.error?.message ?? '', /createSession changes the network: it is not sent again/);
    assert.equal(apiCalls(runtime).length, 0);
  });

  it('the access token is in no result and no report, and only the Authorization header may name it', async () => {
    const text = `${create()}
?? status == 201
?? body sessionId == {{$qod.accessToken}}
`;
    const { result, runtime } = await run(sb, text);
    assert.match(result.requests[0]?.error?.message ?? '', /\{\{\$qod\.accessToken\}\} goes only in the Authorization header/);
    const again = await run(sb, `${create()}\n?? status == 201\n`);
    assert.ok(again.result.ok);
    const token = await again.runtime.auth.accessToken();
    assert.ok(token.length > 20);
    for (const shown of [JSON.stringify(again.result), JSON.stringify(result), ...Object.values(REPORTERS).map((r) => r([again.result]))]) {
      assert.ok(!shown.includes(token), 'no token in results or reports');
    }
    assert.equal(apiCalls(runtime).length, 0);
  });
});

describe('runRequestFile eventually', () => {
  // Sessions stay REQUESTED here for ten minutes: an eventually-assertion on AVAILABLE cannot hold.
  const { sb } = withSandbox({ activationDelayMs: 600_000 });

  it('fails after its bounded tries, one a second, with what came back last', async () => {
    const text = `${create()}
### get
GET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}

?? status == 200
# @qod eventually body qosStatus == AVAILABLE within 3s
`;
    const slept: number[] = [];
    const { result, runtime } = await run(sb, text, { sleep: async (ms) => void slept.push(ms) });
    const get = result.requests[1];
    assert.equal(get?.ok, false);
    assert.deepEqual(slept, [1000, 1000, 1000]);
    assert.equal(apiCalls(runtime).filter((e) => e.method === 'GET').length, 4);
    assert.deepEqual(
      get?.assertions.map((a) => [a.assertion.line, a.ok, a.message]),
      [
        [13, true, 'status == 200'],
        [14, false, 'body qosStatus: expected == AVAILABLE, got "REQUESTED" (still, after 3 s)'],
      ],
    );
  });

  it('stops at once when the run is cancelled while waiting', async () => {
    const abort = new AbortController();
    const text =
      `${create()}\n### get\nGET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}\n\n` +
      '# @qod eventually body qosStatus == AVAILABLE within 60s\n\n### again\nGET {{$qod.sessions}}/sessions/{{create.response.body.sessionId}}\n';
    const { result } = await run(sb, text, {
      signal: abort.signal,
      sleep: async (_ms, signal) => {
        abort.abort();
        if (signal?.aborted) throw new (await import('../../../src/core/errors')).CancelledError();
      },
    });
    assert.equal(result.requests[1]?.ok, false);
    assert.equal(result.requests[2]?.skipped, 'the run was cancelled');
  });
});
