// The palette's list of QoD operations (QoD: Run Operation…): every operation of a table that the environment's
// flavour has, in the table's order and words. No VS Code here, so a test can give it a copy of the table.
import type { Flavour } from '../core/camara/flavour';
import { operationsIn, type OperationTable } from '../core/operations';

export interface OperationPick {
  label: string;
  description: string;
  detail: string;
  operation: string;
}

export function operationPicks(table: OperationTable, flavour: Flavour): OperationPick[] {
  return operationsIn(table, flavour).map((spec) => ({
    label: spec.title,
    description: spec.changesNetwork ? 'changes the network' : 'read-only',
    detail: spec.summary,
    operation: spec.name,
  }));
}
