// An aggregator environment's routing: the device a request is about → the operator that serves it (the Telco
// Finder) → that operator as an environment of its own (its issuer, its API root; the aggregator's client id, flavour,
// scope and paths) with its own runtime, so each operator signs in at its own authorization server and keeps its own
// token. Every face that sends through an aggregator (request files, the advisor, the CLI) routes here.
import type { Environment } from '../environments';
import type { HttpTransport } from '../http/transport';
import type { Runtime } from '../runtime';
import { findOperator, listOperators, RoutingError, type OperatorRoute } from './telco-finder';
import { routeTarget } from './route-target';

/** One operator reached through the aggregator. */
export interface Routed {
  route: OperatorRoute;
  environment: Environment;
  runtime: Runtime;
}

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

export class OperatorRouter {
  readonly #byOperator = new Map<string, Routed>();
  /** The Telco Finder's answers, by the identifier looked up: an aggregator keeps its routes too. */
  readonly #routes = new Map<string, OperatorRoute>();
  readonly #finder: string;

  constructor(
    readonly aggregator: Environment,
    private readonly transport: HttpTransport,
    private readonly runtimeFor: (environment: Environment) => Runtime,
  ) {
    if (!aggregator.telcoFinder) throw new Error(`${aggregator.label} is one operator, not an aggregator: it has no Telco Finder`);
    this.#finder = aggregator.telcoFinder;
  }

  /** The operator that serves the device the hint names (a phone number or an IP address). */
  async route(hint: string, signal?: AbortSignal): Promise<Routed> {
    const found = routeTarget(hint);
    if ('problem' in found) throw new RoutingError(found.problem, 'unknown');
    const key = JSON.stringify(found.target);
    let route = this.#routes.get(key);
    if (!route) {
      route = await findOperator(this.transport, this.#finder, found.target, signal);
      this.#routes.set(key, route);
    }
    return this.#routed(route);
  }

  /** Every operator the aggregator reaches. */
  async operators(signal?: AbortSignal): Promise<Routed[]> {
    return (await listOperators(this.transport, this.#finder, signal)).map((route) => this.#routed(route));
  }

  /** The runtimes made so far (to close them, or to sign each out). */
  get routed(): Routed[] {
    return [...this.#byOperator.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.routed.map((r) => r.runtime.transport.close()));
    this.#byOperator.clear();
  }

  #routed(route: OperatorRoute): Routed {
    const known = this.#byOperator.get(route.operatorId);
    // The same operator at the same place keeps its runtime (and its token); moved, it gets a new one.
    if (known && known.route.issuer === route.issuer && known.route.apiRoot === route.apiRoot) return known;
    const environment = operatorEnvironment(this.aggregator, route);
    const routed = { route, environment, runtime: this.runtimeFor(environment) };
    this.#byOperator.set(route.operatorId, routed);
    return routed;
  }
}
