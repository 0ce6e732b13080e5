// Which importer a file is for, decided by its content (not its name), so the CLI's `qod import` and the palette's
// Import Collection or OpenAPI read the same file the same way.
import type { Flavour } from '../camara/flavour';
import type { OperationTable } from '../operations';
import { importOpenApi } from './import-openapi';
import { importPostman, type ImportResult } from './import-postman';

/** JSON with Postman's `info` + `item` is a collection; anything else is tried as OpenAPI (YAML is a JSON superset). */
export function importAny(text: string, table: OperationTable, flavour?: Flavour): ImportResult | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (typeof json === 'object' && json !== null && 'item' in json) return importPostman(json, table, flavour);
  if (/^\s*("?openapi"?\s*:|\{)/m.test(text)) return importOpenApi(text, table);
  return undefined;
}
