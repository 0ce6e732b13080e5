// QoD: Run Operation…: any operation of the core's table from one palette entry. An operation with a command of
// its own (Create Session, Get Session, …) runs that command with its guided prompts; any other asks for what its
// entry says it takes (a session, a JSON body) and shows the answer as JSON. Scripts pass `{operation, sessionId, body}`.
import * as vscode from 'vscode';
import { answerOf, OPERATION_TABLE, type OperationTable, type TableEntry } from '../core/operations';
import { withCancellableProgress } from '../vscode/progress';
import type { Services } from '../vscode/services';
import { operationPicks } from './operation-picks';
import { sessionTarget } from './session-target';

export interface RunOperationArgs {
  operation: string;
  sessionId?: string;
  body?: unknown;
}

/** The commands that run an operation with prompts of their own. */
const GUIDED: Record<string, string> = {
  createSession: 'qod.createSession',
  getSession: 'qod.getSession',
  extendSession: 'qod.extendSession',
  deleteSession: 'qod.deleteSession',
  retrieveSessions: 'qod.listSessionsForDevice',
  listProfiles: 'qod.listQosProfiles',
  createAssignment: 'qod.createAssignment',
  getAssignment: 'qod.getAssignment',
  revokeAssignment: 'qod.revokeAssignment',
  retrieveAssignment: 'qod.assignmentOfDevice',
};

export async function runOperation(s: Services, args?: RunOperationArgs): Promise<unknown> {
  const environmentId = s.environments.activeId;
  if (args) return runEntry(s, environmentId, entryNamed(args.operation), args);
  const { environment } = await s.runtime(environmentId);
  const picked = await vscode.window.showQuickPick(operationPicks(OPERATION_TABLE, environment.flavour), {
    title: vscode.l10n.t('QoD: run an operation on {0}', environment.label),
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  const guided = GUIDED[picked.operation];
  if (guided) return vscode.commands.executeCommand(guided);
  const spec = entryNamed(picked.operation);
  const target = spec.needsId ? await sessionTarget(s, undefined) : undefined;
  if (spec.needsId && !target) return undefined;
  const body = spec.requestKind ? await askBody(spec) : undefined;
  if (spec.requestKind && body === undefined) return undefined;
  const answer = await runEntry(s, environmentId, spec, { operation: spec.name, sessionId: target?.id, body });
  const content = JSON.stringify(answer ?? { done: true }, null, 2);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content }));
  return answer;
}

const TABLE: OperationTable = OPERATION_TABLE;

function entryNamed(name: string): TableEntry {
  const spec = Object.hasOwn(TABLE, name) ? TABLE[name] : undefined;
  if (!spec) throw new Error(`operation: no QoD operation is called "${String(name).slice(0, 64)}" (${Object.keys(TABLE).join(', ')})`);
  return spec;
}

async function runEntry(s: Services, environmentId: string, spec: TableEntry, args: RunOperationArgs): Promise<unknown> {
  const { value } = await withCancellableProgress(vscode.l10n.t('QoD: {0}', spec.title), (signal) =>
    s.sessions.run(environmentId, spec, { id: args.sessionId, body: args.body }, signal),
  );
  return answerOf(spec, value).value;
}

/** The body as JSON, checked to parse (the schema checks the rest before anything is sent). */
async function askBody(spec: TableEntry): Promise<unknown> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('QoD: {0}: the request body (JSON)', spec.title),
    value: '{}',
    validateInput: (v) => {
      try {
        JSON.parse(v);
        return undefined;
      } catch {
        return vscode.l10n.t('body: must be JSON');
      }
    },
  });
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}
