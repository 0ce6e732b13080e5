// `qod import <collection.json | openapi.yaml> [environment.json…] --out <folder>`: a Postman collection v2.1 (with its
// Postman environments, as http-client.env.json) or a CAMARA OpenAPI file as request files (the core's importers),
// written under --out; what was not imported is printed.
// Exit codes: 0 written, 2 usage, input that cannot be read, or a file that would be overwritten or escape --out.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { FLAVOURS, isFlavour, type Flavour } from '../core/camara/flavour';
import type { OperationTable } from '../core/operations';
import { importInputs } from '../core/request-files/import-any';
import { UsageError } from './options';

type Io = { out: (line: string) => void; err: (line: string) => void };

const MAX_INPUT = 16 * 1024 * 1024;

export function importCommand(args: string[], io: Io, table: OperationTable): number {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: 'string' }, flavour: { type: 'string' }, force: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0 || !values.out) {
    throw new UsageError('qod import <collection.json | openapi.yaml> [environment.json…] --out <folder>');
  }
  if (values.flavour !== undefined && !isFlavour(values.flavour)) {
    throw new UsageError(`--flavour must be ${FLAVOURS.join(', ')} (got ${values.flavour})`);
  }
  const inputs = positionals.map((name) => {
    let text: string;
    try {
      text = readFileSync(name, 'utf8');
    } catch {
      throw new UsageError(`${name}: cannot be read`);
    }
    if (text.length > MAX_INPUT) throw new UsageError(`${name}: larger than 16 MiB`);
    return { name, text };
  });

  const result = importInputs(inputs, table, values.flavour as Flavour | undefined);
  if ('problem' in result) throw new UsageError(result.problem);
  const input = positionals.join(', ');
  for (const line of result.report) io.out(line);
  if (result.files.length === 0) throw new UsageError(`${input}: nothing to import`);

  const out = resolve(values.out);
  const targets = result.files.map((f) => ({ ...f, full: resolve(out, f.path) }));
  // Everything is checked before anything is written: no half-written import.
  for (const t of targets) {
    if (!t.full.startsWith(out + sep)) throw new UsageError(`${t.path}: outside ${values.out}`);
    if (existsSync(t.full) && !values.force) throw new UsageError(`${t.full} exists: add --force to overwrite it`);
  }
  for (const t of targets) {
    mkdirSync(dirname(t.full), { recursive: true });
    writeFileSync(t.full, t.text.endsWith('\n') ? t.text : `${t.text}\n`);
    io.out(`wrote ${t.full}`);
  }
  return 0;
}
