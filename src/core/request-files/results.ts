// What running a request file gives: per request, whether it passed, the answer's status and time, each
// assertion with what was expected and what came back (at its line), or the problem that stopped it. The CLI's
// reporters, the Testing view and the editor render these; the runner (run.ts) makes them.
import type { Exchange } from '../http/exchange';
import type { Assertion, FileRequest, Line } from './model';

export interface AssertionResult {
  assertion: Assertion;
  ok: boolean;
  /** What the answer held there, in words (`"REQUESTED"`, `404`, `absent`). */
  actual?: string;
  /** `status: expected == 201, got 404`, ready to show at the assertion's line. */
  message: string;
}

export interface RequestResult {
  request: FileRequest;
  /** The request's name, title or `METHOD path`, for reports. */
  label: string;
  /** Passed: sent, answered, every assertion held (a request without assertions passes on a 2xx). */
  ok: boolean;
  /** Not sent, and why (an earlier request it needs failed; the run was cancelled). */
  skipped?: string;
  /** The operation of the core's table it ran. */
  operation?: string;
  status?: number;
  durationMs: number;
  assertions: AssertionResult[];
  /** Why it failed when no assertion says it: invalid input (field messages), sign-in, network, an unknown route. */
  error?: { message: string; line: Line };
  /** The recorded (redacted) exchange, for the playground's response view. */
  exchange?: Exchange;
}

export interface FileResult {
  /** The path as given to the runner. */
  file: string;
  ok: boolean;
  requests: RequestResult[];
  durationMs: number;
}
