// An aggregator environment's routing: the device a request is about → the operator that serves it (the Telco
// Finder) → that operator as an environment of its own (its issuer, its API root; the aggregator's client id, flavour,
// scope and paths) with its own runtime, so each operator signs in at its own authorization server and keeps its own
// token. Every face that sends through an aggregator (request files, the advisor, the CLI) routes here.
import type { QodResult } from '../camara/qod-client';
import type { Environment } from '../environments';
import { idFieldOf, type OperationInput, type TableEntry } from '../operations';
import { hintOfDevice } from './route-target';
import type { HttpTransport } from '../http/transport';
import { findOperator, listOperators, RoutingError, type OperatorRoute } from './telco-finder';
import { routeTarget } from './route-target';

/** What the router needs of an operator's runtime (core/runtime.ts's Runtime, which makes the router). */
export interface OperatorRuntime {
  client: { run(spec: TableEntry, input: OperationInput, signal?: AbortSignal): Promise<QodResult<unknown>> };
  transport: { close(): Promise<void> };
}

/** One operator reached through the aggregator. */
export interface Routed<R extends OperatorRuntime = OperatorRuntime> {
  route: OperatorRoute;
  environment: Environment;
  runtime: R;
}

/** The Telco Finder answers kept at once (an aggregator keeps its routes; a bound keeps a long-lived face's memory flat). */
const MAX_ROUTES = 10_000;

/** Whether requests in this environment are routed to an operator first. */
export const isAggregator = (environment: Environment): boolean => environment.telcoFinder !== undefined;

/** The operator as an environment: what the aggregator's entry says, at the operator's own issuer and API root. */
export function operatorEnvironment(aggregator: Environment, route: OperatorRoute): Environment {
  const { telcoFinder: _finder, endpoints: _endpoints, ...shared } = aggregator;
  return {
    ...shared,
    id: `${aggregator.id}@${route.operatorId}`,
    label: `${route.operatorName} (via ${aggregator.label})`,
    issuer: route.issuer,
    apiBase: route.apiRoot,
  };
}

export class OperatorRouter<R extends OperatorRuntime = OperatorRuntime> {
  readonly #byOperator = new Map<string, Routed<R>>();
  /** The Telco Finder's answers, by the identifier looked up: an aggregator keeps its routes too. */
  readonly #routes = new Map<string, OperatorRoute>();
  readonly #finder: string;
  /** Which operator holds each session or assignment created through this router (ids are the operators' own). */
  readonly #byId = new Map<string, Routed<R>>();

  constructor(
    readonly aggregator: Environment,
    private readonly transport: HttpTransport,
    private readonly runtimeFor: (environment: Environment) => R,
  ) {
    if (!aggregator.telcoFinder) throw new Error(`${aggregator.label} is one operator, not an aggregator: it has no Telco Finder`);
    this.#finder = aggregator.telcoFinder;
  }

  /** The operator that serves the device the hint names (a phone number or an IP address). */
  async route(hint: string, signal?: AbortSignal): Promise<Routed<R>> {
    const found = routeTarget(hint);
    if ('problem' in found) throw new RoutingError(found.problem, 'unknown');
    const key = JSON.stringify(found.target);
    let route = this.#routes.get(key);
    if (!route) {
      route = await findOperator(this.transport, this.#finder, found.target, signal);
      // Bounded: a long-lived face (the MCP server, the playground) may look up many devices.
      if (this.#routes.size >= MAX_ROUTES) this.#routes.clear();
      this.#routes.set(key, route);
    }
    return this.#routed(route);
  }

  /** Every operator the aggregator reaches. */
  async operators(signal?: AbortSignal): Promise<Array<Routed<R>>> {
    return (await listOperators(this.transport, this.#finder, signal)).map((route) => this.#routed(route));
  }

  /**
   * An operation through the aggregator: sent to the operator serving the body's device, or, for a session or an
   * assignment named by id, to the operator that created it through this router.
   */
  async run(spec: TableEntry, input: OperationInput, signal?: AbortSignal): Promise<QodResult<unknown>> {
    const target = await this.#targetOf(spec, input, signal);
    const result = await target.runtime.client.run(spec, input, signal);
    const id = spec.creates ? (result.raw as Record<string, unknown> | undefined)?.[idFieldOf(spec, this.aggregator.flavour)] : undefined;
    if (typeof id === 'string' && this.#byId.size < 10_000) this.#byId.set(id, target);
    return result;
  }

  async #targetOf(spec: TableEntry, input: OperationInput, signal?: AbortSignal): Promise<Routed<R>> {
    if (spec.needsId) {
      const known = input.id === undefined ? undefined : this.#byId.get(input.id);
      if (known) return known;
      throw new RoutingError(
        `routing: ${spec.name} names a ${spec.resource} by id, and no operator reached through ${this.aggregator.label} here created it; ` +
          "the routing step finds operators by device: use that operator's own environment",
        'unknown',
      );
    }
    const hint = hintOfDevice((input.body as { device?: unknown } | undefined)?.device);
    if (!hint) {
      throw new RoutingError(
        `routing: through ${this.aggregator.label}, ${spec.name} needs a device (a phone number or an IP address) ` +
          'to find the operator serving it',
        'unknown',
      );
    }
    return this.route(hint, signal);
  }

  /** The runtimes made so far (to close them, or to sign each out). */
  get routed(): Array<Routed<R>> {
    return [...this.#byOperator.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.routed.map((r) => r.runtime.transport.close()));
    this.#byOperator.clear();
  }

  #routed(route: OperatorRoute): Routed<R> {
    const known = this.#byOperator.get(route.operatorId);
    // The same operator at the same place keeps its runtime (and its token); moved, it gets a new one.
    if (known && known.route.issuer === route.issuer && known.route.apiRoot === route.apiRoot) return known;
    // Moved: the old place's connections close (its token stays with it: a new runtime signs in at the new place).
    if (known) void known.runtime.transport.close();
    const environment = operatorEnvironment(this.aggregator, route);
    const routed = { route, environment, runtime: this.runtimeFor(environment) };
    this.#byOperator.set(route.operatorId, routed);
    return routed;
  }
}
