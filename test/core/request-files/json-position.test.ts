// Where JSON text first goes wrong, found without V8's message (which quotes the input): checked against the
// offset V8 gives when it gives one, and bounded on hostile nesting.
import assert from 'node:assert/strict';
import { jsonErrorPosition } from '../../../src/core/request-files/json-position';

/** "line L, column C" of an offset, the way the scanner words it. */
const at = (text: string, offset: number) => {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
};

describe('jsonErrorPosition', () => {
  it("agrees with V8's offset wherever V8 gives one", () => {
    const texts = ['{"a":1 "b":2}', '{\n "a": "x\n"}', '{"a":1}x', '[1,2', '{"a" 1}', '{"a":"\\q"}', '{"a":"\\u12"}', '[01]', '{"a":tru}'];
    for (const text of texts) {
      let offset: number | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        const match = /position (\d+)/.exec((error as Error).message);
        offset = match ? Number(match[1]) : undefined;
      }
      if (offset !== undefined) assert.equal(jsonErrorPosition(text), at(text, offset), text);
    }
  });

  it('names the unexpected token V8 only quotes, and the end of a cut text', () => {
    assert.equal(jsonErrorPosition('{"dev": {\n  "tok": eyJhbGciOiJIUzI1NiJ9}}'), 'line 2, column 10');
    assert.equal(jsonErrorPosition('[1,]'), 'line 1, column 4');
    assert.equal(jsonErrorPosition('{"dev": '), 'line 1, column 9');
    assert.equal(jsonErrorPosition(''), 'line 1, column 1');
  });

  it('hostile nesting is bounded, not a stack overflow', () => {
    assert.match(jsonErrorPosition('['.repeat(200_000)), /^line 1, column \d+$/);
  });
});
