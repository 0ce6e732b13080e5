// The sandbox's outcomes by last digit are told in one table (the CLI banner, the playground, the README) and
// decided by its rules: the two must agree, digit by digit, and each row's example hint must show its row.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLoginHint } from '../../src/core/auth/login-hint';
import {
  BEHAVIOUR_TABLE,
  canServeQod,
  cibaOutcome,
  isKnown,
  lastDigitOf,
  networkTerminatesAtCreation,
  offeredRestrictedProfiles,
  provisionsAsynchronously,
} from '../../src/sandbox/subscribers';

/** What the rules do with a digit, in the table's words. */
function ruled(digit: number): string {
  if (!isKnown(digit)) return 'unknown subscriber';
  if (!canServeQod(digit)) return 'not applicable';
  const ciba = cibaOutcome(digit);
  if (ciba.kind === 'deny') return 'deny';
  if (ciba.kind === 'never') return 'never approve';
  return ciba.afterPolls === 1 ? 'approve' : `approve after ${ciba.afterPolls} polls`;
}

/** `0–4` → [0, 1, 2, 3, 4]. */
function digitsOf(range: string): number[] {
  const [from, to = from] = range.split('–').map(Number) as [number, number?];
  return Array.from({ length: (to as number) - from + 1 }, (_, i) => from + i);
}

describe('sandbox outcomes table', () => {
  it('covers every last digit once, and each row says what the rules do', () => {
    assert.deepEqual(
      BEHAVIOUR_TABLE.flatMap((row) => digitsOf(row.digits)),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    for (const row of BEHAVIOUR_TABLE) for (const d of digitsOf(row.digits)) assert.equal(ruled(d), row.label, `digit ${d}`);
  });

  it('the words say which digits make QoS Provisioning asynchronous or UNAVAILABLE at once, or see QOS_RESTRICTED, and no others', () => {
    for (const row of BEHAVIOUR_TABLE) {
      for (const d of digitsOf(row.digits)) {
        assert.equal(/QoS Provisioning is asynchronous/.test(row.qod), provisionsAsynchronously(d), `digit ${d}: ${row.qod}`);
        assert.equal(/QoS Provisioning 0\.4: 201 UNAVAILABLE/.test(row.qod), networkTerminatesAtCreation(d), `digit ${d}: ${row.qod}`);
        const restricted = new RegExp(`ending in ${d}: also offered the device-restricted profile QOS_RESTRICTED`);
        assert.equal(restricted.test(row.qod), offeredRestrictedProfiles(d), `digit ${d}: ${row.qod}`);
      }
    }
  });

  it("each row's example is a valid login hint ending in one of its digits", () => {
    for (const row of BEHAVIOUR_TABLE) {
      assert.ok(parseLoginHint(row.example).ok, row.example);
      assert.ok(digitsOf(row.digits).includes(lastDigitOf(row.example)), row.example);
    }
  });

  it("the README's table has the same rows, in the same order", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('| last digit |'));
    const lines = section.split('\n').slice(2);
    const rows = lines
      .slice(
        0,
        lines.findIndex((l) => !l.startsWith('| ')),
      )
      .map((l) => l.split('|')[1]?.trim());
    assert.deepEqual(
      rows,
      BEHAVIOUR_TABLE.map((row) => row.digits),
    );
  });
});
