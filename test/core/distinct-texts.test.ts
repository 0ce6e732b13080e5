// The rule that shows an error's message, explanation and fix once each when they repeat each other.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AuthError } from '../../src/core/auth/auth-error';
import { explainError } from '../../src/core/camara/error-catalogue';
import { QodError } from '../../src/core/camara/qod-client';
import { distinctTexts } from '../../src/core/distinct-texts';
import { runTool } from '../../src/core/tools/run-tool';
import type { ToolContext } from '../../src/core/tools/tool-context';
import type { ToolDefinition } from '../../src/core/tools/tool-table';

describe('distinct error texts', () => {
  const cases: Array<{ what: string; texts: Array<string | undefined>; kept: Array<string | undefined> }> = [
    {
      what: 'three different texts stay',
      texts: ['Session not found', 'The session does not exist (or no longer exists).', 'Check the id.'],
      kept: ['Session not found', 'The session does not exist (or no longer exists).', 'Check the id.'],
    },
    {
      what: 'an exact copy goes',
      texts: ['Quota exceeded', 'Quota exceeded', 'Wait a minute.'],
      kept: ['Quota exceeded', undefined, 'Wait a minute.'],
    },
    {
      what: 'a copy differing in case, spaces and punctuation goes',
      texts: ['The token expired', '  the token  EXPIRED. ', undefined],
      kept: ['The token expired', undefined, undefined],
    },
    {
      what: 'a text the message already contains goes',
      texts: ['Not found: the session does not exist; check the id', 'The session does not exist.', 'Check the id'],
      kept: ['Not found: the session does not exist; check the id', undefined, undefined],
    },
    {
      what: 'the first text is kept even when a later one contains it',
      texts: ['Conflict', 'Conflict: the device has a session', undefined],
      kept: ['Conflict', 'Conflict: the device has a session', undefined],
    },
    { what: 'empty texts go', texts: ['', '  ', 'Do this.'], kept: [undefined, undefined, 'Do this.'] },
    {
      what: 'a negation is a difference',
      texts: ['The profile is active', 'The profile is not active', undefined],
      kept: ['The profile is active', 'The profile is not active', undefined],
    },
  ];
  for (const c of cases) {
    it(c.what, () => assert.deepEqual(distinctTexts(c.texts), c.kept));
  }

  it("the sandbox's 409 CONFLICT: its message already says what the catalogue explains, so the explanation goes and the fix stays", () => {
    const catalogue = explainError('CONFLICT');
    assert.ok(catalogue);
    const message = 'This API client already has an active QoD session for this device: delete it or extend it instead';
    assert.deepEqual(distinctTexts([message, catalogue.explanation, catalogue.fix]), [message, undefined, catalogue.fix]);
  });

  it("a denied CIBA: the sandbox's description already says what the hint says", () => {
    const { hint } = new AuthError('access_denied', 'the subscriber declined the request');
    assert.deepEqual(distinctTexts(['the subscriber declined the request', hint]), ['the subscriber declined the request', undefined]);
  });
});

describe("distinct error texts in the agent tools' answers", () => {
  it('a provider message that already gives the fix is not followed by the fix again', async () => {
    const message = 'networkAccessIdentifier is not supported; use phoneNumber or an IP address';
    const tool: ToolDefinition<unknown> = {
      name: 'qod_test',
      title: 'Test',
      description: "Throws the sandbox's refusal.",
      input: z.object({}),
      readOnly: true,
      destructive: false,
      idempotent: true,
      invocationMessage: () => 'testing',
      run: async () => {
        throw new QodError(422, 'UNSUPPORTED_IDENTIFIER', message);
      },
    };
    const ctx = {
      environment: { id: 'sandbox', label: 'Local sandbox', flavour: 'v1', sandbox: true },
      signedIn: () => undefined,
      signInHint: '',
      run: async () => {
        throw new Error('not called');
      },
    } as ToolContext;
    const { text, structured } = await runTool(tool, ctx, {});
    assert.equal(text.match(/networkAccessIdentifier is not supported/g)?.length, 1, text);
    assert.match(text, /The operator does not support this kind of device identifier\./, 'the explanation adds something: kept');
    assert.equal((structured as { fix?: string }).fix, explainError('UNSUPPORTED_IDENTIFIER')?.fix, 'the data keeps every field');
  });
});
