// Every command, by id. Each accepts arguments (scripts, tests) and falls back to prompts without them.
import type { Operation } from '../shared/protocol';
import type { Services } from '../vscode/services';
import { addEnvironment } from './add-environment';
import { copyAccessToken } from './copy-token';
import { createSession } from './create-session';
import { exportCode } from './export-code';
import { clearCredentials, setClientSecret, setPrivateKey } from './credentials';
import { listQosProfiles, openPlayground, sendPlaygroundRequest, showLog, startSandbox, stopSandbox } from './misc';
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
  'qod.startSandbox': startSandbox,
  'qod.stopSandbox': stopSandbox,
  'qod.showLog': showLog,
  'qod.copySessionId': copySessionId,
  'qod.refreshSessions': refreshSessions,
  'qod.exportCode': exportCode,
  'qod.openPlayground': openPlayground,
  'qod.playground.send': sendPlaygroundRequest,
} satisfies Record<string, Command>;

/** The palette command of each QoD operation: the compiler points here when the core's table grows. */
export const OPERATION_COMMANDS: Record<Operation, keyof typeof COMMANDS> = {
  createSession: 'qod.createSession',
  getSession: 'qod.getSession',
  extendSession: 'qod.extendSession',
  deleteSession: 'qod.deleteSession',
  retrieveSessions: 'qod.listSessionsForDevice',
  listProfiles: 'qod.listQosProfiles',
};
