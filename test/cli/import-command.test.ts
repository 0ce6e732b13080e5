// `qod import`: an operator's Postman collection and CAMARA's QoD OpenAPI become request files that `qod run`
// executes against the sandbox with no hand edits; existing files and paths outside --out are refused.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/qod';
import { withSandbox } from '../support/sandbox';
import { CAMARA_DIR, camaraAvailable } from '../support/conformance';

const FIXTURE = join(__dirname, '..', 'fixtures', 'postman', 'operator-qod.postman_collection.json');
const ENVIRONMENT = join(__dirname, '..', 'fixtures', 'postman', 'operator-qod.postman_environment.json');

describe('qod import', () => {
  const { sb } = withSandbox({ cibaInterval: 1 });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qod-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function qod(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { QOD_SANDBOX_URL: sb.url }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('imports the operator collection and qod run runs its QoD requests green against the sandbox', async () => {
    const imported = await qod(['import', FIXTURE, '--out', dir]);
    assert.equal(imported.code, 0, `${imported.out}\n${imported.err}`);
    assert.deepEqual(readdirSync(dir), ['qod.http']);
    assert.match(imported.out, /not imported: "bc-authorize" \(an OAuth request/);
    assert.match(imported.out, /QOD_CLIENT_SECRET/);
    const ran = await qod(['run', dir, '--env', 'sandbox']);
    assert.equal(ran.code, 0, `${ran.out}\n${ran.err}`);
    assert.match(ran.out, /3 passed, 0 failed, 0 skipped/);
  });

  it('imports a collection with its Postman environment: http-client.env.json, and qod run --variables picks it', async () => {
    const imported = await qod(['import', FIXTURE, ENVIRONMENT, '--out', dir]);
    assert.equal(imported.code, 0, `${imported.out}\n${imported.err}`);
    assert.deepEqual(readdirSync(dir).sort(), ['http-client.env.json', 'qod.http']);
    assert.ok(!readFileSync(join(dir, 'http-client.env.json'), 'utf8').includes('postman-env-secret-123'));
    assert.ok(!imported.out.includes('postman-env-secret-123'), 'a secret value is never printed');
    const ran = await qod(['run', dir, '--variables', 'Operator sandbox']);
    assert.equal(ran.code, 0, `${ran.out}\n${ran.err}`);
    const two = await qod(['import', FIXTURE, FIXTURE, '--out', join(dir, 'two')]);
    assert.equal(two.code, 2);
    assert.match(two.err, /name one Postman collection or OpenAPI file: got /);
  });

  it('refuses to overwrite a file unless --force, and exits 2 on usage errors or unreadable input', async () => {
    assert.equal((await qod(['import', FIXTURE, '--out', dir])).code, 0);
    const again = await qod(['import', FIXTURE, '--out', dir]);
    assert.equal(again.code, 2);
    assert.match(again.err, /exists: add --force/);
    assert.equal((await qod(['import', FIXTURE, '--out', dir, '--force'])).code, 0);
    assert.equal((await qod(['import', FIXTURE])).code, 2);
    assert.equal((await qod(['import', join(dir, 'missing.json'), '--out', dir])).code, 2);
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello');
    assert.equal((await qod(['import', junk, '--out', join(dir, 'o')])).code, 2);
    assert.equal((await qod(['import', FIXTURE, '--out', dir, '--flavour', 'v9'])).code, 2);
  });

  it("imports CAMARA's QoD 1.1.0 OpenAPI as a starter file that parses and runs green", async function () {
    if (!camaraAvailable) {
      console.log(`skipped: the OpenAPI import of quality-on-demand-1.1.0.yaml: ${CAMARA_DIR} is absent (set QOD_CAMARA_SPECS)`);
      return;
    }
    const imported = await qod(['import', join(CAMARA_DIR, 'quality-on-demand-1.1.0.yaml'), '--out', dir]);
    assert.equal(imported.code, 0, `${imported.out}\n${imported.err}`);
    assert.match(imported.out, /^flavour v1 \(version 1\.1\.0\)/);
    assert.ok(existsSync(join(dir, 'qod-v1.http')));
    assert.match(readFileSync(join(dir, 'qod-v1.http'), 'utf8'), /# @qod sign-in client_credentials/);
    const ran = await qod(['run', dir, '--env', 'sandbox']);
    assert.equal(ran.code, 0, `${ran.out}\n${ran.err}`);
  });
});
