// The playground's list of operations: every entry of the table, in its order and words (the form then shows the
// parts the entry says it takes: a session id, a body).
import type { OperationTable } from '../../core/operations';

export function operationChoices(table: OperationTable): Array<[name: string, title: string]> {
  return Object.values(table).map((spec): [string, string] => [spec.name, spec.title]);
}
