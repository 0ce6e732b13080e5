// Where a device's network script goes, from the runtime a face has: the embedded sandbox itself, or through the
// sandbox's aggregator the operator (a sandbox too) that serves the device. One place for the playground and request files.
import type { Runtime } from './runtime';
import { SandboxNetworkError, type SandboxNetworkTarget } from './sandbox-network';

export async function sandboxNetworkTarget(runtime: Runtime, device: string, signal?: AbortSignal): Promise<SandboxNetworkTarget> {
  if (runtime.environment.preset !== 'sandbox') {
    throw new SandboxNetworkError(
      `Network scripts are the embedded sandbox's: ${runtime.environment.label} is not a sandbox (choose a "Local sandbox" environment)`,
    );
  }
  const at = runtime.router ? (await runtime.router.route(device, signal)).runtime : runtime;
  return { sandboxUrl: at.environment.issuer ?? at.environment.apiBase, transport: at.transport, accessToken: at.accessToken };
}
