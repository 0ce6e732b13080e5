// The words VS Code says for a failure (error notifications, the log, the playground's replies), rendered from the
// core's one problem model. No `vscode` import here, so a plain Node test can check the words.
import { distinctTexts } from '../core/distinct-texts';
import { toProblem, type Problem } from '../core/problem';

export function problemMessage(problem: Problem): string {
  switch (problem.kind) {
    case 'api': {
      // The provider's message and the fix, each once (a provider's message often says what to do already).
      const [message, fix] = distinctTexts([problem.providerMessage, problem.fix]);
      return `${problem.title}: ${message ?? ''}${fix ? ` — ${fix}` : ''}`;
    }
    case 'invalid-input':
      return `${problem.title}: ${problem.issues.map((i) => i.message).join('; ')}`;
    case 'sign-in': {
      // The provider's description and our hint, each once (a denied CIBA says "declined" in both).
      const [description, hint] = distinctTexts([problem.description, problem.fix]);
      return `${problem.title}: ${problem.authCode}${description ? `: ${description}` : ''}${hint ? ` ${hint}` : ''}`;
    }
    default:
      return problem.message;
  }
}

/** The words for anything thrown. */
export function describeError(error: unknown): string {
  return problemMessage(toProblem(error));
}
