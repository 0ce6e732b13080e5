// `npm run bench:package`: the .vsix size and file count (goal under 1.5 MB). Prints figures.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Entries in a zip, from its end-of-central-directory record. */
export function zipEntryCount(file: string): number {
  const data = readFileSync(file);
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) return data.readUInt16LE(i + 10);
  }
  throw new Error(`${file} is not a zip`);
}

const vsix = join(__dirname, '..', 'dist', 'qod-playground.vsix');
const bytes = statSync(vsix).size;
console.log(`dist/qod-playground.vsix: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes), ${zipEntryCount(vsix)} files (goal < 1.5 MB)`);
