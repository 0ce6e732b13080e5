// The OpenAPI import reads which release a CAMARA definition belongs to, QoS Provisioning's included (it follows
// its release), and finds a moved path by its operationId in any release's spelling (`retrieveQosProfiles` too).
import assert from 'node:assert/strict';
import { OPERATION_TABLE, operationForId } from '../../../src/core/operations';
import { importOpenApi } from '../../../src/core/request-files/import-openapi';
import { parseRequestFile } from '../../../src/core/request-files/parse';

const spec = (version: string, server: string, paths = '{}') =>
  `openapi: 3.0.3\ninfo: { title: t, version: "${version}" }\nservers: [{ url: "{apiRoot}${server}" }]\npaths: ${paths}\n`;

describe('importOpenApi', () => {
  it('QoS Provisioning 0.3.0 is the v1 release and 0.4.0-rc.1 the v1.2 one; each starter file holds the assignment requests', () => {
    for (const [version, server, flavour] of [
      ['0.3.0', '/qos-provisioning/v0.3', 'v1'],
      ['0.4.0-rc.1', '/qos-provisioning/v0.4rc1', 'v1.2'],
    ] as const) {
      const imported = importOpenApi(spec(version, server), OPERATION_TABLE);
      assert.equal(imported.flavour, flavour, version);
      const file = parseRequestFile(imported.files[0]?.text ?? '');
      assert.deepEqual(file.problems, []);
      assert.ok(file.requests.some((r) => r.url === '{{$qod.provisioning}}/qos-assignments' && r.method === 'POST'));
    }
  });

  it('an unknown definition is reported with every release it would know, 1.2 and provisioning included', () => {
    const imported = importOpenApi(spec('2.0.0', '/quality-on-demand/v2'), OPERATION_TABLE);
    assert.deepEqual(imported.files, []);
    assert.match(imported.report[0] ?? '', /quality-on-demand 1\.2\.x \(v1\.2\).*qos-provisioning 0\.4\.x \(v1\.2\), 0\.3\.x \(v1\)/);
  });

  it('finds an operation by either spelling of its operationId; a path it does not know is reported', () => {
    assert.equal(operationForId(OPERATION_TABLE, 'retrieveQoSProfiles')?.name, 'listProfiles', 'r3.2 and r4.1 spelling');
    assert.equal(operationForId(OPERATION_TABLE, 'retrieveQosProfiles')?.name, 'listProfiles', 'the spelling after r4.1');
    assert.equal(operationForId(OPERATION_TABLE, 'getQosAssignmentByDevice')?.name, 'retrieveAssignment');
    const paths = '{ "/profiles/search": { post: { operationId: retrieveQosProfiles } }, "/other": { get: { operationId: other } } }';
    const imported = importOpenApi(spec('1.2.0', '/qos-profiles/v1', paths), OPERATION_TABLE);
    assert.equal(imported.flavour, 'v1.2');
    assert.ok(
      imported.report.includes('retrieveQosProfiles (POST /profiles/search) is QoS profiles at /retrieve-qos-profiles'),
      imported.report.join('\n'),
    );
    assert.ok(imported.report.some((l) => l.startsWith('not imported: GET /other')));
  });
});
