// What the runner and the editor's diagnostics both say about a request's route: whether a found operation's route
// is the whole path (operationForRequest matches a path's end), and the words for a path that names none.
import { operationsIn, type OperationTable, type Route } from '../operations';
import type { Flavour } from '../camara/flavour';

/** The route covers the whole path under its base, not only its end. */
export function isWholePath(route: Route, path: string): boolean {
  return route.path.split('/').length === path.split('/').length;
}

/** `GET /x is no QoD v1 operation; the operations are: createSession (POST {{$qod.sessions}}/sessions), …` */
export function noOperationWords(table: OperationTable, flavour: Flavour, method: string, path: string): string {
  const known = operationsIn(table, flavour).map((s) => {
    const r = s.http(flavour);
    return `${s.name} (${r.method} {{$qod.${r.base}}}${r.path})`;
  });
  return `${method} ${path || '/'} is no QoD ${flavour} operation; the operations are: ${known.join(', ')}`;
}
