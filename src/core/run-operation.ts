// Runs an operation of the core's table for every face, explaining its refusals in terms of the operation. Apart
// from the table itself, which the webview imports too and must stay free of the HTTP client.
import { QodError, type QodClient, type QodResult } from './camara/qod-client';
import { OPERATION_TABLE, type Operation, type OperationInput } from './operations';

/** A 403 on a named session: the token may be fine, the session is someone else's. */
const NOT_YOUR_SESSION = {
  explanation:
    "The session belongs to another device or sign-in: a 3-legged token reaches only its own device's sessions, and an application only the sessions it created.",
  fix: "Sign in as the session's device (CIBA or the authorization code flow with its login hint), or with the application that created it.",
};

/** Runs an operation of the table; a 403 on a named session says it belongs to another device or sign-in. */
export async function runOperation(
  name: Operation,
  client: QodClient,
  input: OperationInput,
  signal?: AbortSignal,
): Promise<QodResult<unknown>> {
  const spec = OPERATION_TABLE[name];
  try {
    return await spec.run(client, input, signal);
  } catch (error) {
    if (error instanceof QodError && error.status === 403 && spec.needsSessionId) throw error.withAdvice(NOT_YOUR_SESSION);
    throw error;
  }
}
