// "Save as request file": the playground's request exported as a `.http` file parses cleanly, holds no secret,
// names the same operation, signs in the way the environment does and asserts the operation's success status; and
// the exported file runs green against the sandbox in every flavour.
import assert from 'node:assert/strict';
import { SIGN_IN_FLOWS, type SignInUi } from '../../../src/core/auth/flows';
import { MemorySecretStore } from '../../../src/core/auth/secret-store';
import { createSessionBody } from '../../../src/core/camara/create-body';
import { FLAVOURS } from '../../../src/core/camara/flavour';
import { generateSnippet, EXPORT_LANGUAGES, type SnippetRequest } from '../../../src/core/codegen';
import { OPERATION_TABLE, operationForRequest, operationsIn, type TableEntry } from '../../../src/core/operations';
import { snippetFor } from '../../../src/core/codegen/for-environment';
import { sandboxEnvironment } from '../../../src/core/environments';
import { parseRequestFile } from '../../../src/core/request-files/parse';
import { runRequestFile } from '../../../src/core/request-files/run';
import { createRuntime } from '../../../src/core/runtime';
import { withSandbox } from '../../support/sandbox';
import { secretsInFile } from '../../../src/core/request-files/secrets';

const SESSIONS = 'http://127.0.0.1:9/qod/v1';
const PROFILES = 'http://127.0.0.1:9/qos-profiles/v1';
const SESSION_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const NO_UI: SignInUi = { openBrowser: async () => false, redirect: () => Promise.reject(new Error('no browser here')), report: () => {} };

function bodyOf(spec: TableEntry, flavour: (typeof FLAVOURS)[number]): unknown {
  switch (spec.requestKind) {
    case 'createSession':
      return createSessionBody(flavour, {
        device: { kind: 'phoneNumber', value: '+34666666661' },
        applicationServer: '198.51.100.10',
        qosProfile: 'QOS_E',
        duration: 600,
      });
    case 'extendSession':
      return { requestedAdditionalDuration: 60 };
    case 'retrieveSessions':
      return { device: { phoneNumber: '+34666666661' } };
    case 'retrieveQosProfiles':
      return { status: 'ACTIVE' };
    default:
      return undefined;
  }
}

describe('code export as a request file', () => {
  it('is a listed export language with a .http file name', () => {
    assert.equal(EXPORT_LANGUAGES.find((l) => l.id === 'http')?.file, 'qod-request.http');
  });

  for (const flavour of FLAVOURS) {
    for (const spec of operationsIn(OPERATION_TABLE, flavour)) {
      it(`${flavour} ${spec.name}: parses, holds no secret, names the same operation`, () => {
        const route = spec.http(flavour);
        const path = route.path.replace(/\{(sessionId|assignmentId)\}/, SESSION_ID);
        const base = route.base === 'profiles' ? PROFILES : SESSIONS;
        const body = route.method === 'POST' && !route.query ? bodyOf(spec, flavour) : undefined;
        const request: SnippetRequest = {
          flow: 'ciba',
          tokenEndpoint: 'http://127.0.0.1:9/token',
          bcAuthorizeEndpoint: 'http://127.0.0.1:9/bc-authorize',
          loginHint: 'tel:+34666666661',
          scope: 'qod',
          clientId: 'client-id',
          clientAuth: 'client_secret_basic',
          method: route.method,
          url: `${base}${path}`,
          body,
          api: { base: route.base, path },
        };
        const text = generateSnippet('http', request);
        const file = parseRequestFile(text);
        assert.deepEqual(file.problems, []);
        assert.deepEqual(secretsInFile(text), []);
        assert.deepEqual({ flow: file.signIn?.flow, loginHint: file.signIn?.loginHint }, { flow: 'ciba', loginHint: 'tel:+34666666661' });
        assert.equal(file.requests.length, 1);
        const parsed = file.requests[0];
        assert.ok(parsed);
        assert.ok(parsed.headers.some((h) => h.name === 'Authorization' && h.value === 'Bearer {{$qod.accessToken}}'));
        const url = parsed.url.replace('{{$qod.sessions}}', SESSIONS).replace('{{$qod.profiles}}', PROFILES);
        assert.equal(operationForRequest(OPERATION_TABLE, parsed.method, url, flavour)?.spec.name, spec.name);
        if (body !== undefined) assert.deepEqual(JSON.parse(parsed.body ?? ''), body);
        const status =
          ({ createSession: 201, createAssignment: 201, deleteSession: 204, revokeAssignment: 204 } as Record<string, number>)[spec.name] ??
          200;
        assert.deepEqual(
          parsed.assertions.map((a) => a.source),
          [`?? status == ${status}`],
        );
      });
    }
  }
});

describe('code export as a request file, run against the sandbox', () => {
  const { sb } = withSandbox();
  FLAVOURS.forEach((flavour, index) => {
    it(`${flavour}: the exported create runs green with qod run's runner (its sign-in, its 201 assertion)`, async () => {
      const runtime = createRuntime(sandboxEnvironment(sb.url, flavour), {
        secrets: new MemorySecretStore(),
        credentials: async () => ({ clientSecret: 'qod-demo-secret' }),
      });
      try {
        const body = createSessionBody(flavour, {
          device: { kind: 'phoneNumber', value: `+3466655500${index}` },
          applicationServer: '198.51.100.10',
          qosProfile: 'QOS_E',
          duration: 60,
        });
        const text = await snippetFor(runtime, 'http', { body });
        const file = parseRequestFile(text);
        const result = await runRequestFile(file, 'exported.http', {
          runtime,
          signIn: async (line, signal) => {
            await SIGN_IN_FLOWS[line?.flow ?? 'client_credentials'].run(runtime.auth, {}, NO_UI, signal ?? new AbortController().signal);
          },
        });
        assert.equal(result.ok, true, JSON.stringify(result.requests.map((r) => [r.status, r.error, r.assertions])));
        assert.deepEqual(
          result.requests.map((r) => [r.operation, r.status]),
          [['createSession', 201]],
        );
      } finally {
        await runtime.transport.close();
      }
    });
  });
});
