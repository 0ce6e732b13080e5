// The getting-started walkthrough: each step is done by its real event, whatever path led to it (a command, the
// playground, the sign-in the sandbox does by itself). A step's completion event is a context key (package.json),
// and the step is also marked done directly: VS Code reads the walkthrough's context keys only once it has loaded
// the walkthrough, and a key already true then never ticks its step (the playground `npm start` opens, and its
// automatic sign-in, happen before anyone opens the walkthrough).
import * as vscode from 'vscode';

/** The walkthrough's steps (package.json `walkthroughs[0].steps[].id`), by the context key that completes each. */
const STEP_OF = {
  'qod.environmentChosen': 'environment',
  'qod.hasCredentials': 'credentials',
  'qod.signedIn': 'signIn',
  'qod.hasSession': 'session',
  'qod.playgroundOpened': 'playground',
} as const;

export type WalkthroughKey = keyof typeof STEP_OF;

/** The step of `key` happened: set its context key and mark the step done (a host without the command just ignores it). */
export function reachStep(extensionId: string, key: WalkthroughKey): void {
  void vscode.commands.executeCommand('setContext', key, true);
  void Promise.resolve(vscode.commands.executeCommand('welcome.markStepComplete', `${extensionId}#gettingStarted#${STEP_OF[key]}`)).catch(
    () => undefined,
  );
}
