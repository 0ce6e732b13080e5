// The coverage promise of "Check this provider": every scenario id (and every Scenario Outline row) in CAMARA's
// official test files has an encoded check here, for the release that carries it; nothing is encoded that the
// files do not have. Runs where ../shared/camara/test-definitions exists (or QOD_CAMARA_TEST_DEFINITIONS).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../../src/core/check/catalogue';
import { CONTRADICTIONS } from '../../../src/core/check/contradictions';
import { RELEASES, scenarioKey, type Release } from '../../../src/core/check/model';

const DIR = process.env.QOD_CAMARA_TEST_DEFINITIONS ?? join(__dirname, '..', '..', '..', '..', 'shared', 'camara', 'test-definitions');

interface Official {
  file: string;
  line: number;
  id: string;
  row?: string;
}

/** Scenario and Scenario Outline rows of a .feature file (r3.2's provisioning files have CRLF line ends). */
export function parseFeature(file: string, text: string): Official[] {
  const lines = text.split(/\r?\n/);
  const out: Official[] = [];
  let tag: string | undefined;
  let outline: { id: string; line: number } | undefined;
  let inExamples = false;
  let headerSeen = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const tagged = /^@(\S+)/.exec(line);
    if (tagged) tag = tagged[1];
    if (/^Scenario Outline:/.test(line) && tag) {
      outline = { id: tag, line: index + 1 };
      inExamples = false;
      tag = undefined;
    } else if (/^Scenario:/.test(line) && tag) {
      out.push({ file, line: index + 1, id: tag });
      outline = undefined;
      tag = undefined;
    } else if (/^Examples:/.test(line) && outline) {
      inExamples = true;
      headerSeen = false;
    } else if (inExamples && outline && line.startsWith('|')) {
      if (headerSeen) out.push({ file, line: index + 1, id: outline.id, row: line.split('|')[1]?.trim() });
      headerSeen = true;
    } else if (inExamples && line && !line.startsWith('#')) inExamples = line.startsWith('|');
  });
  return out;
}

function official(release: Release): Official[] {
  const dir = join(DIR, release);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.feature'))
    .flatMap((f) => parseFeature(`${release}/${f}`, readFileSync(join(dir, f), 'utf8')));
}

if (!existsSync(DIR)) {
  console.log(
    `skipped: the coverage of CAMARA's test definitions by "Check this provider": ${DIR} is absent; ` +
      'set QOD_CAMARA_TEST_DEFINITIONS to the folder with r3.2/ and r4.1/ to run it',
  );
} else {
  describe("Check this provider covers CAMARA's test definitions", () => {
    for (const release of RELEASES) {
      it(`every ${release} scenario id and outline row has a check, and every check an official id`, () => {
        const files = official(release);
        const encoded = new Set(CATALOGUE.filter((s) => s.releases.includes(release)).map(scenarioKey));
        const missing = files.filter((o) => !encoded.has(scenarioKey(o))).map((o) => `${o.file}:${o.line} ${scenarioKey(o)}`);
        assert.deepEqual(missing, [], 'official scenarios with neither a check nor a recorded reason');
        const known = new Set(files.map(scenarioKey));
        assert.deepEqual(
          [...encoded].filter((k) => !known.has(k)),
          [],
          'checks for ids the official files do not have',
        );
        assert.equal(encoded.size, CATALOGUE.filter((s) => s.releases.includes(release)).length, 'no scenario row is encoded twice');
      });
    }

    it('counts the runnable rows the research counted: 193 in r3.2, 225 in r4.1', () => {
      assert.equal(official('r3.2').length, 193);
      assert.equal(official('r4.1').length, 225);
    });

    it('each recorded contradiction names scenarios that exist', () => {
      const ids = new Set([...official('r3.2'), ...official('r4.1')].map((o) => o.id));
      for (const c of CONTRADICTIONS) for (const id of c.scenarios) assert.ok(ids.has(id), `${c.key}: ${id}`);
      for (const s of CATALOGUE)
        if (s.contradiction)
          assert.ok(
            CONTRADICTIONS.some((c) => c.key === s.contradiction),
            s.id,
          );
    });
  });
}
