// The README's `sh` examples, run exactly as written against a real sandbox, so the README cannot drift from
// what works. (The quick start's block, `sh quick-start`, is what CI itself runs: npm ci, npm test.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { withSandbox } from './support/sandbox';

const ROOT = join(__dirname, '..');

/** Every fenced block whose info string is exactly `sh`, with the line it starts on. */
export function shellBlocks(markdown: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```sh') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    assert.ok(end > i, `the block at line ${i + 1} is not closed`);
    blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

describe('README examples, run as written', function () {
  const { sb } = withSandbox();
  const blocks = shellBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  before(async function () {
    if (!existsSync(join(ROOT, 'dist', 'qod.js'))) {
      console.log('      skipped: needs dist/qod.js (npm test builds it first)');
      this.skip();
    }
  });

  it('has examples to run', () => {
    assert.ok(blocks.length >= 2, `${blocks.length} sh blocks`);
  });

  for (const block of blocks) {
    it(`the block at README.md line ${block.line} runs and succeeds`, async function () {
      this.timeout(60_000);
      const { stdout, stderr } = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', block.code], {
        cwd: ROOT,
        timeout: 50_000,
        env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '', QOD_SANDBOX_URL: sb.url },
      }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(`exit ${error.code}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      });
      // What each kind of example ends with: a deleted session, or the created one.
      assert.match(`${stdout}`, /deleted [0-9a-f-]{36}|"sessionId":"[0-9a-f-]{36}"/, `${stdout}\n${stderr}`);
    });
  }
});
