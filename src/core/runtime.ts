// The application's runtime for one environment, built in one place for every face (VS Code, the CLI, the MCP
// server, tests): transport + Authenticator + TokenCache + QodClient. A face supplies only its ports (where
// tokens are kept, where client credentials come from, where exchanges are logged) and its options (limits,
// proxy and CA certificates, a token handed over, whether to sign in 2-legged by itself).
import { Authenticator } from './auth/authenticator';
import type { ClientCredentials } from './auth/client-auth';
import type { SecretStore } from './auth/secret-store';
import { TokenCache } from './auth/token-cache';
import { QodClient, type QodClientOptions } from './camara/qod-client';
import type { Environment } from './environments';
import type { Exchange } from './http/exchange';
import { HttpTransport, type TransportOptions } from './http/transport';
import { advisorTargets } from './advisor/advise';
import { isAggregator, OperatorRouter } from './routing/operator-router';
import type { ToolContext } from './tools/tool-context';

/** What the face provides; nothing here knows VS Code or a terminal. */
export interface RuntimePorts {
  /** Where tokens are kept (VS Code's SecretStorage; memory for the CLI and MCP). */
  secrets: SecretStore;
  /** The client's credentials, read when the first sign-in needs them. */
  credentials: () => Promise<ClientCredentials>;
  /** Every (redacted) exchange: the output channel, `--verbose`, or nowhere. */
  log?: (exchange: Exchange) => void;
  /** Told after the runtime signed in by itself (signInOnFirstUse). */
  onSignedInByItself?: () => void;
}

export interface RuntimeOptions {
  /** Timeouts, response limit, proxy, extra CA certificates: from settings or flags. */
  transport?: TransportOptions;
  /** A token signed in elsewhere (QOD_ACCESS_TOKEN): adopted, and kept out of every output. */
  handedOverToken?: string;
  /** Before the first request with nobody signed in, sign in 2-legged (client credentials) by itself. */
  signInOnFirstUse?: boolean;
  /** Retries of idempotent calls and the longest Retry-After honoured (the client's defaults otherwise). */
  retries?: Pick<QodClientOptions, 'maxRetries' | 'maxRetryDelayMs'>;
}

export interface Runtime {
  environment: Environment;
  /** An aggregator's routing step; its client sends each operation to the operator serving the device. */
  router?: OperatorRouter<Runtime>;
  transport: HttpTransport;
  auth: Authenticator;
  client: QodClient;
  /** A valid access token as the client gets one (signing in 2-legged by itself first when the runtime does that). */
  accessToken: (signal?: AbortSignal) => Promise<string>;
  /** Resolves once the handed-over token (if any) is adopted; a failure is the face's to report. */
  ready: Promise<void>;
}

export function createRuntime(environment: Environment, ports: RuntimePorts, options: RuntimeOptions = {}): Runtime {
  const transport = new HttpTransport(options.transport ?? {});
  const log = ports.log;
  if (log) transport.recorder.onExchange((e) => log(e));
  const auth = new Authenticator(environment, ports.credentials, transport, new TokenCache(ports.secrets));
  const ready = options.handedOverToken ? auth.adoptHandedOver(options.handedOverToken) : Promise.resolve();
  ready.catch(() => undefined); // reported by whoever awaits it
  const accessToken = async (signal?: AbortSignal) => {
    await ready;
    if (!auth.signedIn && options.signInOnFirstUse) {
      await auth.signIn({ flow: 'client_credentials', signal });
      ports.onSignedInByItself?.();
    }
    return auth.accessToken(signal);
  };
  // Through an aggregator, each operator has a runtime of its own (its issuer, its token), made when first routed
  // to; it signs in 2-legged by itself, as nobody could have signed in there before. A handed-over token is not
  // any operator's.
  const router = isAggregator(environment)
    ? new OperatorRouter<Runtime>(environment, transport, (operator) =>
        createRuntime(operator, ports, { ...options, handedOverToken: undefined, signInOnFirstUse: true }),
      )
    : undefined;
  // Only the local sandbox may send notifications to a plain-http sink on loopback.
  const client = new QodClient({
    environment,
    transport,
    accessToken,
    allowLoopbackHttpSink: environment.preset === 'sandbox',
    ...(router ? { router } : {}),
    ...options.retries,
  });
  return { environment, transport, auth, client, accessToken, ready, ...(router ? { router } : {}) };
}

/** Closes the runtime's connections, an aggregator's operators' included. */
export async function closeRuntime(runtime: Runtime): Promise<void> {
  await runtime.router?.close();
  await runtime.transport.close();
}

/** How a face's tools see a runtime: the face adds how its user signs in and, when it has one, its own way to run. */
export function toolContext(
  runtime: Runtime,
  face: { id?: string; sandbox?: boolean; signInHint: string; run?: ToolContext['run'] },
): ToolContext {
  const { environment, auth, client } = runtime;
  return {
    environment: {
      id: face.id ?? environment.id,
      label: environment.label,
      flavour: environment.flavour,
      sandbox: face.sandbox ?? environment.preset === 'sandbox',
    },
    signedIn: () => {
      const key = auth.signedIn;
      return key ? { flow: key.flow, subject: key.subject, expiresAt: auth.expiresAt } : undefined;
    },
    signInHint: face.signInHint,
    run: face.run ?? ((ref, input, signal) => client.run(ref, input, signal)),
    advisorTargets: (signal) => advisorTargets(runtime, signal),
  };
}
