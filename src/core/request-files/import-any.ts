// Which importer a file is for, decided by its content (not its name), so the CLI's `qod import` and the palette's
// Import Collection or OpenAPI read the same files the same way: one collection or OpenAPI file, and any Postman
// environments given with it (for a collection: they become http-client.env.json).
import type { Flavour } from '../camara/flavour';
import type { OperationTable } from '../operations';
import { importOpenApi } from './import-openapi';
import { importPostman, type ImportResult } from './import-postman';

export interface ImportInput {
  /** How the face names the file (its path), for messages. */
  name: string;
  text: string;
}

/**
 * The files as given: the one to import and the Postman environments among them. Answers the result with the name of
 * the file imported (`source`, for the face's messages), or a problem in words when there is not exactly one
 * collection or OpenAPI file. A BOM (Windows editors save one) is not part of the text: every face reads alike.
 */
export function importInputs(
  given: ImportInput[],
  table: OperationTable,
  flavour?: Flavour,
): (ImportResult & { source: string }) | { problem: string } {
  const inputs = given.map((i) => ({ name: i.name, text: withoutBom(i.text) }));
  const environments = inputs.filter((i) => isPostmanEnvironment(i.text));
  const main = inputs.filter((i) => !environments.includes(i));
  if (main.length !== 1) {
    const which = main.length ? `: got ${main.map((m) => m.name).join(', ')}` : ' (the other files are Postman environments)';
    return { problem: `name one Postman collection or OpenAPI file${which}` };
  }
  const only = main[0] as ImportInput;
  const result = importAny(
    only.text,
    table,
    flavour,
    environments.map((e) => e.text),
  );
  if (!result) return { problem: `${only.name}: neither a Postman collection (JSON) nor an OpenAPI file` };
  if (environments.length && !isPostmanCollection(only.text))
    result.report.push('the Postman environments were not used: they go with a collection');
  return { ...result, source: only.name };
}

/** JSON with Postman's `info` + `item` is a collection; anything else is tried as OpenAPI (YAML is a JSON superset). */
export function importAny(text: string, table: OperationTable, flavour?: Flavour, environments: string[] = []): ImportResult | undefined {
  const json = jsonOf(text);
  if (isPostmanCollection(text, json))
    return importPostman(
      json,
      table,
      flavour,
      environments.map((e) => jsonOf(e)),
    );
  if (/^\s*("?openapi"?\s*:|\{)/m.test(withoutBom(text))) return importOpenApi(withoutBom(text), table);
  return undefined;
}

/** A Postman environment export: an object with a `values` list and no `item`. */
export function isPostmanEnvironment(text: string): boolean {
  const json = jsonOf(text);
  return isObject(json) && Array.isArray(json.values) && !('item' in json);
}

function isPostmanCollection(text: string, json: unknown = jsonOf(text)): boolean {
  return isObject(json) && 'item' in json;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(withoutBom(text));
  } catch {
    return undefined;
  }
}

const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
