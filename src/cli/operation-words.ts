// The command line's words for the operations of the core's table: `qod session get <id>` is the entry whose
// `command` is `session get`. The commands, their checks and the help's list of operations all come from here,
// so an operation added to the table is a `qod` command with no other change.
import type { OperationTable, TableEntry } from '../core/operations';

/** The first words of the operations' commands (`session`, `profiles`). */
export function operationCommands(table: OperationTable): Set<string> {
  return new Set(Object.values(table).map((spec) => spec.command.split(' ')[0] ?? ''));
}

/** The operation a command and its positional words name, with the session id after them; none for unknown words. */
export function operationFor(
  table: OperationTable,
  command: string,
  positionals: readonly string[],
): { spec: TableEntry; id?: string } | undefined {
  for (const spec of Object.values(table)) {
    const [first, ...rest] = spec.command.split(' ');
    if (first !== command || rest.some((word, i) => positionals[i] !== word)) continue;
    return { spec, id: spec.needsId ? positionals[rest.length] : undefined };
  }
  return undefined;
}

/** `qod session create|get|…`: the actions a command has, for its usage error. */
export function actionsOf(table: OperationTable, command: string): string[] {
  return Object.values(table)
    .map((spec) => spec.command.split(' '))
    .filter(([first, action]) => first === command && action !== undefined)
    .map(([, action]) => action as string);
}

/** One line per operation, for `qod --help`: its words, what it takes, what it does, where it exists. */
export function operationLines(table: OperationTable): string {
  const rows = Object.values(table).map((spec) => [
    `qod ${spec.command}${spec.needsId ? ' <id>' : ''}`,
    `${spec.summary} (QoD ${spec.flavours.join(', ')})`,
  ]);
  const width = Math.max(...rows.map(([words]) => (words ?? '').length));
  return rows.map(([words, text]) => `  ${(words ?? '').padEnd(width)}  ${text}`).join('\n');
}
