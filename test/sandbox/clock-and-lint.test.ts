import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { ManualClock } from '../../src/sandbox/clock';
import { lastDigitOf } from '../../src/sandbox/subscribers';

describe('ManualClock', () => {
  it('runs due timers in time order, including timers they set, and skips cancelled ones', () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    clock.setTimeout(() => order.push('b@20'), 20);
    const cancelled = clock.setTimeout(() => order.push('never'), 5);
    clock.setTimeout(() => {
      order.push('a@10');
      clock.setTimeout(() => order.push('c@15'), 5);
    }, 10);
    cancelled.cancel();
    clock.advance(19);
    assert.deepEqual(order, ['a@10', 'c@15']);
    assert.equal(clock.now(), 19);
    clock.advance(1);
    assert.deepEqual(order, ['a@10', 'c@15', 'b@20']);
  });
});

describe('sandbox subscribers', () => {
  it('decide by the last decimal digit of the identifier', () => {
    assert.equal(lastDigitOf('+34666666665'), 5);
    assert.equal(lastDigitOf('203.0.113.28'), 8);
    assert.equal(lastDigitOf('2001:db8::7'), 7);
    assert.equal(lastDigitOf('abc'), 0);
  });
});

describe('layering lint rule', () => {
  const eslint = new ESLint();
  for (const file of ['src/core/camara/x.ts', 'src/sandbox/x.ts', 'src/shared/x.ts']) {
    it(`forbids importing vscode in ${file}`, async () => {
      const [result] = await eslint.lintText("import * as vscode from 'vscode';\nexport const x = vscode;\n", { filePath: file });
      assert.ok(
        result?.messages.some((m) => m.ruleId === 'no-restricted-imports'),
        JSON.stringify(result?.messages),
      );
    });
  }
  it('allows it in the extension layer', async () => {
    const [result] = await eslint.lintText("import * as vscode from 'vscode';\nexport const x = vscode;\n", {
      filePath: 'src/commands/x.ts',
    });
    assert.deepEqual(
      result?.messages.filter((m) => m.ruleId === 'no-restricted-imports'),
      [],
    );
  });
});
