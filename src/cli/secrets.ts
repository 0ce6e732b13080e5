// Secrets for the CLI come from the environment or a hidden prompt: never from argv (visible in `ps` and
// shell history), never written to disk.
import { createInterface } from 'node:readline';
import type { ClientCredentials } from '../core/auth/client-auth';
import type { Environment } from '../core/environments';
import { UsageError } from './options';

export async function credentialsFor(environment: Environment, env: NodeJS.ProcessEnv): Promise<ClientCredentials> {
  const method = environment.authMethod;
  if (method === 'none') return {};
  if (method === 'private_key_jwt' || method === 'bearer_assertion') {
    const privateKey = env.QOD_PRIVATE_KEY ?? (await promptHidden('Private key (PEM or JWK JSON, one line): '));
    return { privateKey };
  }
  // The sandbox's demo secret is public; using it by default keeps the quick start to one command.
  const fallback = environment.preset === 'sandbox' && environment.clientId === 'qod-demo' ? 'qod-demo-secret' : undefined;
  const clientSecret = env.QOD_CLIENT_SECRET ?? fallback ?? (await promptHidden(`Client secret for ${environment.clientId}: `));
  return { clientSecret };
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new UsageError(`${question.replace(/: $/, '')} is needed: set it in the environment (QOD_CLIENT_SECRET / QOD_PRIVATE_KEY)`);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write(question);
  output._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
