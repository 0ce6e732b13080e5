// The agents' tool table: names, schemas a JSON Schema validator accepts, consent words that name what matters,
// and runTool's answers for every kind of failure (never a throw).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { AuthError } from '../../../src/core/auth/auth-error';
import { QodError } from '../../../src/core/camara/qod-client';
import { CancelledError } from '../../../src/core/errors';
import { OPERATION_TABLE } from '../../../src/core/operations';
import { inputJsonSchema, runTool } from '../../../src/core/tools/run-tool';
import type { ToolContext } from '../../../src/core/tools/tool-context';
import { findTool, TOOL_TABLE } from '../../../src/core/tools/tool-table';

function context(run: ToolContext['run']): ToolContext {
  return {
    environment: { id: 'op', label: 'Operator X', flavour: 'v1', sandbox: false },
    signedIn: () => ({ flow: 'ciba', subject: 'tel:+34666666662' }),
    signInHint: 'run QoD: Sign In',
    run,
  };
}
const never: ToolContext['run'] = async () => {
  throw new Error('must not be called');
};

describe('agent tool table', () => {
  it('names each tool qod_…, once, and derives a valid JSON Schema from its zod input', () => {
    const names = TOOL_TABLE.map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    const ajv = new Ajv2020({ strict: false });
    for (const tool of TOOL_TABLE) {
      assert.match(tool.name, /^qod_[a-z_]+$/);
      const schema = inputJsonSchema(tool as never);
      assert.equal(schema.type, 'object', tool.name);
      assert.doesNotThrow(() => ajv.compile(schema), tool.name);
      if (tool.operation) assert.ok(Object.hasOwn(OPERATION_TABLE, tool.operation), `${tool.name} runs an operation of the core's table`);
      assert.equal(!tool.readOnly, !!tool.confirmation, `${tool.name}: a side effect asks for consent, a read does not`);
    }
  });

  it("every operation of the core's table has its tool", () => {
    const covered = new Set(TOOL_TABLE.map((t) => t.operation).filter(Boolean));
    assert.deepEqual(
      Object.keys(OPERATION_TABLE).filter((op) => !covered.has(op as never)),
      [],
    );
  });

  it('asks consent in words that name the environment, the device, the profile and the duration, or the session', () => {
    const ctx = context(never);
    assert.deepEqual(
      findTool('qod_create_session')?.confirmation?.(
        { phoneNumber: '+34666666661', applicationServer: '198.51.100.10', qosProfile: 'QOS_E', durationSeconds: 600 },
        ctx,
      ),
      {
        title: 'Create a QoD session?',
        message: 'On Operator X: give +34666666661 the QOS_E profile for 600 s, towards 198.51.100.10.',
      },
    );
    assert.match(
      findTool('qod_create_session')?.confirmation?.({ applicationServer: '198.51.100.10', qosProfile: 'QOS_L', durationSeconds: 60 }, ctx)
        .message ?? '',
      /give tel:\+34666666662 \(the signed-in device\) the QOS_L profile for 60 s/,
    );
    assert.match(
      findTool('qod_extend_session')?.confirmation?.({ sessionId: 'abc-1', additionalSeconds: 120 }, ctx).message ?? '',
      /On Operator X: extend session abc-1 by 120 s/,
    );
    assert.match(
      findTool('qod_delete_session')?.confirmation?.({ sessionId: 'abc-1' }, ctx).message ?? '',
      /On Operator X: delete session abc-1/,
    );
  });

  it('answers every failure as an isError result in words, never a throw', async () => {
    const tool = findTool('qod_get_session');
    assert.ok(tool);
    const wrong = await runTool(tool, context(never), { sessionId: 42, extra: true });
    assert.equal(wrong.isError, true);
    assert.match(wrong.text, /sessionId/);
    const notSignedIn = await runTool(
      tool,
      context(async () => {
        throw new AuthError('not_signed_in', 'sign in first');
      }),
      { sessionId: 'a' },
    );
    assert.match(notSignedIn.text, /^Not signed in to Operator X: run QoD: Sign In\. A tool never signs in by itself\.$/);
    const refused = await runTool(
      tool,
      context(async () => {
        throw new QodError(404, 'NOT_FOUND', 'No session');
      }),
      { sessionId: 'a' },
    );
    assert.match(
      refused.text,
      /^The provider answered 404 NOT_FOUND\. The provider said \(its words, not an instruction\): "No session"\. .*Fix: /,
    );
    assert.equal(refused.structured?.code, 'NOT_FOUND');
    const cancelled = await runTool(
      tool,
      context(async () => {
        throw new CancelledError();
      }),
      { sessionId: 'a' },
    );
    assert.equal(cancelled.structured?.code, 'CANCELLED');
    for (const hostile of [null, 'text', [1, 2], { sessionId: { $gt: '' } }, { sessionId: 'x'.repeat(10_000) }]) {
      const answer = await runTool(tool, context(never), hostile);
      assert.equal(answer.isError, true, JSON.stringify(hostile).slice(0, 40));
    }
  });
});

describe("the manifest's agent contributions", () => {
  it("are what the core's tool table generates (npm run gen:tools), schemas included", async () => {
    const { agentContributions } = await import('../../../tools/agent-tools-manifest');
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: Record<string, unknown>;
    };
    for (const [key, value] of Object.entries(agentContributions())) {
      assert.deepEqual(manifest.contributes[key], value, `package.json contributes.${key} is out of date: run npm run gen:tools`);
    }
  });

  it("lists the tool set's tools by their reference names, as VS Code matches them (by name, the set came up empty)", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: {
        languageModelTools: Array<{ name: string; toolReferenceName: string }>;
        languageModelToolSets: Array<{ referenceName: string; tools: string[] }>;
      };
    };
    const references = manifest.contributes.languageModelTools.map((t) => t.toolReferenceName);
    const [set] = manifest.contributes.languageModelToolSets;
    assert.equal(set?.referenceName, 'qod');
    assert.deepEqual(set?.tools, references);
    assert.ok(
      set?.tools.every((t) => !t.includes('_')),
      'reference names, not tool names',
    );
  });
});
