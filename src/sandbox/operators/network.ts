// Several operators on one machine (`qod sandbox --operators`): a full sandbox per operator, each on its own loopback
// port and so with its own issuer, knowing only the devices in its ranges and offering its own catalogue, plus the
// Telco Finder that routes a device to the operator serving it.
import { startSandbox, type Sandbox, type SandboxOptions } from '../server';
import { DEFAULT_OPERATORS, type OperatorDefinition } from './catalogues';
import { startTelcoFinder } from './finder';

/** What every operator's sandbox shares; who each operator is and what it offers come from `operators`. */
export type OperatorNetworkOptions = Omit<
  SandboxOptions,
  'operator' | 'profiles' | 'restrictedProfiles' | 'port' | 'publicUrl' | 'allowRemote'
> & {
  /** The operators to run (default: Azul Mobile and Verde Telecom). */
  operators?: readonly OperatorDefinition[];
  /** The Telco Finder's port (default: any free one). */
  finderPort?: number;
};

export interface RunningOperator {
  id: string;
  name: string;
  sandbox: Sandbox;
  phonePrefixes: readonly string[];
  ipv4Ranges: readonly string[];
  ipv6Ranges: readonly string[];
  /** The catalogue's profile names, in order. */
  profileNames: readonly string[];
}

export interface OperatorNetwork {
  /** The Telco Finder's base URL (`POST {finderUrl}/telco-finder/v1/search`). */
  finderUrl: string;
  operators: RunningOperator[];
  close(): Promise<void>;
}

/** Starts every operator's sandbox and the finder; if any fails to start, the ones already running are closed. */
export async function startOperatorNetwork(options: OperatorNetworkOptions = {}): Promise<OperatorNetwork> {
  const { operators: definitions = DEFAULT_OPERATORS, finderPort, ...shared } = options;
  const ids = definitions.map((d) => d.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice !== undefined) throw new Error(`operators: the id ${twice} is used twice`);
  const running: RunningOperator[] = [];
  try {
    for (const d of definitions) {
      const sandbox = await startSandbox({
        ...shared,
        operator: { id: d.id, name: d.name, phonePrefixes: d.phonePrefixes, ipv4Ranges: d.ipv4Ranges, ipv6Ranges: d.ipv6Ranges },
        profiles: d.profiles,
        restrictedProfiles: d.restrictedProfiles,
      });
      running.push({
        id: d.id,
        name: d.name,
        sandbox,
        phonePrefixes: d.phonePrefixes,
        ipv4Ranges: d.ipv4Ranges,
        ipv6Ranges: d.ipv6Ranges,
        profileNames: d.profiles.map((p) => p.name),
      });
    }
    const finder = await startTelcoFinder(
      definitions.map((identity, i) => ({ identity, issuer: running[i]!.sandbox.url })),
      { host: shared.host, port: finderPort },
    );
    return {
      finderUrl: finder.url,
      operators: running,
      async close() {
        await finder.close();
        await Promise.all(running.map((o) => o.sandbox.close()));
      },
    };
  } catch (error) {
    await Promise.all(running.map((o) => o.sandbox.close()));
    throw error;
  }
}
