// Which importer a file goes to, by its content, the same for `qod import` and the palette's Import command: a
// Postman collection (JSON with `item`), an OpenAPI file (YAML or JSON), or neither.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_TABLE } from '../../../src/core/operations';
import { importAny, importInputs } from '../../../src/core/request-files/import-any';

const COLLECTION = join(__dirname, '..', '..', 'fixtures', 'postman', 'operator-qod.postman_collection.json');
const ENVIRONMENT = join(__dirname, '..', '..', 'fixtures', 'postman', 'operator-qod.postman_environment.json');

describe('importAny', () => {
  it('reads a Postman collection as a collection: its requests become a request file', () => {
    const result = importAny(readFileSync(COLLECTION, 'utf8'), OPERATION_TABLE);
    assert.ok(result && result.files.length > 0, JSON.stringify(result?.report));
    assert.ok(result.files.every((f) => f.path.endsWith('.http')));
  });

  it('tries YAML or JSON that is no collection as OpenAPI, and answers nothing for text that is neither', () => {
    const yaml = importAny('openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n', OPERATION_TABLE);
    assert.ok(yaml, 'YAML goes to the OpenAPI importer');
    assert.ok(!yaml.report.some((l) => l.includes('Postman')), yaml.report.join('\n'));
    assert.ok(importAny('{"openapi": "3.0.3", "paths": {}}', OPERATION_TABLE), 'so does JSON without "item"');
    assert.equal(importAny('just some words', OPERATION_TABLE), undefined);
  });

  it('importInputs: one collection and its Postman environments, in any order; anything else is a problem in words', () => {
    const collection = { name: 'c.json', text: readFileSync(COLLECTION, 'utf8') };
    const environment = { name: 'e.json', text: readFileSync(ENVIRONMENT, 'utf8') };
    const both = importInputs([environment, collection], OPERATION_TABLE);
    assert.ok(!('problem' in both), JSON.stringify(both));
    assert.deepEqual(
      both.files.map((f) => f.path),
      ['qod.http', 'http-client.env.json'],
    );
    assert.deepEqual(importInputs([environment], OPERATION_TABLE), {
      problem: 'name one Postman collection or OpenAPI file (the other files are Postman environments)',
    });
    assert.deepEqual(importInputs([collection, { ...collection, name: 'd.json' }], OPERATION_TABLE), {
      problem: 'name one Postman collection or OpenAPI file: got c.json, d.json',
    });
    assert.deepEqual(importInputs([{ name: 'w.txt', text: 'words' }], OPERATION_TABLE), {
      problem: 'w.txt: neither a Postman collection (JSON) nor an OpenAPI file',
    });
    const openapi = importInputs([{ name: 'o.yaml', text: 'openapi: 3.0.3\npaths: {}\n' }, environment], OPERATION_TABLE);
    assert.ok(!('problem' in openapi) && openapi.report.includes('the Postman environments were not used: they go with a collection'));
  });

  it('a BOM (as Windows editors save) changes nothing: the environment is an environment, the collection a collection', () => {
    const collection = { name: 'c.json', text: `\uFEFF${readFileSync(COLLECTION, 'utf8')}` };
    const environment = { name: 'e.json', text: `\uFEFF${readFileSync(ENVIRONMENT, 'utf8')}` };
    const result = importInputs([environment, collection], OPERATION_TABLE);
    assert.ok(!('problem' in result), JSON.stringify(result));
    assert.deepEqual(
      result.files.map((f) => f.path),
      ['qod.http', 'http-client.env.json'],
    );
    assert.equal(result.source, 'c.json', 'the file imported is named, not the first one given');
  });
});
