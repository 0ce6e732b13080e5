// What a tool needs of the face that runs it: the environment, who is signed in, and a way to run an operation
// of the core's table (VS Code's session service keeps its sessions view current; the MCP server runs the core).
import type { AdvisorTarget } from '../advisor/advise';
import type { Flow } from '../auth/token-set';
import type { QodResult } from '../camara/qod-client';
import type { Flavour } from '../camara/flavour';
import type { AnswerOf, OperationInput, OperationRef } from '../operations';

export interface ToolContext {
  environment: { id: string; label: string; flavour: Flavour; sandbox: boolean };
  /** The current sign-in, without its token. */
  signedIn(): { flow: Flow; subject?: string; expiresAt?: number } | undefined;
  /** How the user signs in with this face (a tool never signs in by itself). */
  signInHint: string;
  /** Runs an operation of the core's table (or of a copy), typed by its answer. */
  run<R extends OperationRef>(ref: R, input: OperationInput, signal?: AbortSignal): Promise<QodResult<AnswerOf<R>>>;
  /** The operators the advisor reads (every operator of an aggregator); the environment's own through `run` without it. */
  advisorTargets?(signal?: AbortSignal): Promise<AdvisorTarget[]>;
}

/** What a tool answers: words for the model, and the same as data. `isError` results are answers, not throws. */
export interface ToolResult {
  isError: boolean;
  text: string;
  structured?: Record<string, unknown>;
}
