// A CAMARA OpenAPI file (YAML or JSON) as a request file: its flavour is read from `info.version` and the server
// URL, and the file is the starter file of that flavour (starter.ts) — only what the operation table knows; the
// spec's other paths are reported. Pure and total: text that is no such spec gives a report, never a throw.
import { parse } from 'yaml';
import type { Flavour } from '../camara/flavour';
import { operationForId, operationsIn, type OperationTable } from '../operations';
import { starterFile } from './starter';
import type { ImportResult } from './import-postman';

const MAX_TEXT = 4 * 1024 * 1024;

export function importOpenApi(text: string, table: OperationTable): ImportResult & { flavour?: Flavour } {
  let doc: unknown;
  try {
    if (typeof text !== 'string' || text.length > MAX_TEXT) throw new Error('too large');
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    return { files: [], report: ['not an OpenAPI file: it is not YAML or JSON (or larger than 4 MiB)'] };
  }
  const spec = (typeof doc === 'object' && doc !== null ? doc : {}) as {
    info?: { version?: unknown; title?: unknown };
    servers?: unknown;
    paths?: unknown;
  };
  const version = typeof spec.info?.version === 'string' ? spec.info.version : '';
  const servers = Array.isArray(spec.servers) ? spec.servers.map((s) => String((s as { url?: unknown })?.url ?? '')).join(' ') : '';
  const flavour = flavourOf(version, servers);
  if (!flavour) {
    return {
      files: [],
      report: [
        `unknown QoD flavour: version "${version.slice(0, 40)}", server "${servers.slice(0, 80)}"; ` +
          'known: quality-on-demand 1.2.x (v1.2), 1.x (v1), qod 0.10.x (v0.10), qod 0.8.x (v0.8); ' +
          'qos-profiles follows its quality-on-demand; qos-provisioning 0.4.x (v1.2), 0.3.x (v1)',
      ],
    };
  }
  const report = [`flavour ${flavour} (version ${version}): a starter file with one request per operation the playground knows`];
  const specs = operationsIn(table, flavour);
  const paths = typeof spec.paths === 'object' && spec.paths !== null ? Object.entries(spec.paths as Record<string, unknown>) : [];
  for (const [path, methods] of paths.slice(0, 200)) {
    const byMethod = (typeof methods === 'object' && methods !== null ? methods : {}) as Record<string, unknown>;
    for (const [method, operation] of Object.entries(byMethod)) {
      if (!/^(get|put|post|delete|patch)$/.test(method)) continue;
      const known = specs.some((s) => s.http(flavour).method === method.toUpperCase() && s.http(flavour).path === path);
      if (known) continue;
      // A path this release moved, found by its operationId (any release's spelling of it).
      const id = (operation as { operationId?: unknown } | null)?.operationId;
      const named = typeof id === 'string' ? operationForId(table, id) : undefined;
      if (named && specs.includes(named)) {
        report.push(
          `${String(id).slice(0, 60)} (${method.toUpperCase()} ${path.slice(0, 100)}) is ${named.title} at ${named.http(flavour).path}`,
        );
      } else report.push(`not imported: ${method.toUpperCase()} ${path.slice(0, 100)} (no operation of the playground's table)`);
    }
  }
  return { flavour, files: [{ path: `qod-${flavour}.http`, text: starterFile(table, flavour) }], report };
}

function flavourOf(version: string, servers: string): Flavour | undefined {
  // 1.2 first: its servers (`…/v1rc3`, and `/v1` once final) would also read as 1.1's.
  // QoS Provisioning follows its release: 0.4 (r4.1) with QoD 1.2, 0.3 (r3.2) with QoD 1.1.
  if (/^0\.4\./.test(version) && /qos-provisioning\/v0/.test(servers)) return 'v1.2';
  if (/^0\.3\./.test(version) && /qos-provisioning\/v0/.test(servers)) return 'v1';
  if (/^1\.2\./.test(version) && /quality-on-demand\/v1|qos-profiles\/v1/.test(servers)) return 'v1.2';
  if (/^1\./.test(version) && /quality-on-demand\/v1|qos-profiles\/v1/.test(servers)) return 'v1';
  if (/^0\.10\./.test(version)) return 'v0.10';
  if (/^0\.8\./.test(version)) return 'v0.8';
  return undefined;
}
