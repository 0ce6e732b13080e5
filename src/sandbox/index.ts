// The sandbox bundle's entry (dist/sandbox.js, loaded by the extension only when a sandbox is started): the one
// embedded operator, and several operators behind their Telco Finder.
export { startSandbox } from './server';
export type { Sandbox, SandboxOptions } from './server';
export { startOperatorNetwork } from './operators/network';
export type { OperatorNetwork, OperatorNetworkOptions } from './operators/network';
