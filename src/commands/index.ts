// Every command, by id. Each accepts arguments (scripts, tests) and falls back to prompts without them.
import type { Services } from '../vscode/services';
import { addEnvironment } from './add-environment';
import { assignmentOfDevice, createAssignment, getAssignment, revokeAssignment } from './assignment-operations';
import { checkProvider } from './check-provider';
import { copyAccessToken } from './copy-token';
import { createSession } from './create-session';
import { exportCode } from './export-code';
import { clearCredentials, setClientSecret, setPrivateKey } from './credentials';
import { importRequests } from './import-requests';
import { listQosProfiles, openPlayground, sendPlaygroundRequest, showLog, startSandbox, stopSandbox } from './misc';
import { newRequestFile, sendAllRequests, sendRequest } from './request-files';
import { runOperation } from './run-operation';
import { selectEnvironment } from './select-environment';
import { copySessionId, deleteSession, extendSession, getSession, listSessionsForDevice, refreshSessions } from './session-operations';
import { signIn, signOut } from './sign-in';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Command = (s: Services, ...args: any[]) => unknown;

export const COMMANDS = {
  'qod.selectEnvironment': selectEnvironment,
  'qod.addEnvironment': addEnvironment,
  'qod.setClientSecret': setClientSecret,
  'qod.setPrivateKey': setPrivateKey,
  'qod.clearCredentials': clearCredentials,
  'qod.signIn': signIn,
  'qod.signOut': signOut,
  'qod.copyAccessToken': copyAccessToken,
  'qod.createSession': createSession,
  'qod.getSession': getSession,
  'qod.extendSession': extendSession,
  'qod.deleteSession': deleteSession,
  'qod.listSessionsForDevice': listSessionsForDevice,
  'qod.listQosProfiles': listQosProfiles,
  'qod.createAssignment': createAssignment,
  'qod.getAssignment': getAssignment,
  'qod.revokeAssignment': revokeAssignment,
  'qod.assignmentOfDevice': assignmentOfDevice,
  'qod.checkProvider': checkProvider,
  'qod.runOperation': runOperation,
  'qod.startSandbox': startSandbox,
  'qod.stopSandbox': stopSandbox,
  'qod.showLog': showLog,
  'qod.copySessionId': copySessionId,
  'qod.refreshSessions': refreshSessions,
  'qod.exportCode': exportCode,
  'qod.openPlayground': openPlayground,
  'qod.playground.send': sendPlaygroundRequest,
  'qod.newRequestFile': newRequestFile,
  'qod.sendRequest': sendRequest,
  'qod.sendAllRequests': sendAllRequests,
  'qod.importRequests': importRequests,
} satisfies Record<string, Command>;
