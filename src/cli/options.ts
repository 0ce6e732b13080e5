// Command-line options shared by the `qod` commands, and the environment they describe.
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../core/auth/client-auth';
import { FLAVOURS, isFlavour, type Flavour } from '../core/camara/flavour';
import { QodValidationError } from '../core/camara/qod-client';
import { isLoopbackHttpUrl } from '../core/camara/fields';
import {
  checkEnvironmentEntry,
  sandboxAggregatorEnvironment,
  sandboxEnvironment,
  telefonicaEnvironment,
  type Environment,
} from '../core/environments';
import { LIMIT_RANGES } from '../core/http/limits';
import type { TransportOptions } from '../core/http/transport';

export const COMMON_OPTIONS = {
  env: { type: 'string', default: 'sandbox' },
  url: { type: 'string' },
  'telco-finder': { type: 'string' },
  flavour: { type: 'string' },
  'client-id': { type: 'string' },
  'auth-method': { type: 'string' },
  issuer: { type: 'string' },
  'api-base': { type: 'string' },
  'token-endpoint': { type: 'string' },
  'bc-authorize-endpoint': { type: 'string' },
  'authorize-endpoint': { type: 'string' },
  scope: { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  'max-response-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CommonValues = {
  env?: string;
  url?: string;
  'telco-finder'?: string;
  flavour?: string;
  'client-id'?: string;
  'auth-method'?: string;
  issuer?: string;
  'api-base'?: string;
  'token-endpoint'?: string;
  'bc-authorize-endpoint'?: string;
  'authorize-endpoint'?: string;
  scope?: string;
  json?: boolean;
  verbose?: boolean;
  timeout?: string;
  'max-response-bytes'?: string;
};

/**
 * The request limits: --timeout <seconds> (QOD_HTTP_TIMEOUT_SECONDS), the overall deadline of each request,
 * and --max-response-bytes <n> (QOD_HTTP_MAX_RESPONSE_BYTES), the largest answer read. Unset: the
 * transport's defaults (30 s, 4 MiB).
 */
export function transportOptionsFrom(values: CommonValues, env: NodeJS.ProcessEnv): TransportOptions {
  const secondsName = values.timeout !== undefined ? '--timeout' : 'QOD_HTTP_TIMEOUT_SECONDS';
  const seconds = positiveNumber(values.timeout ?? env.QOD_HTTP_TIMEOUT_SECONDS, secondsName, LIMIT_RANGES.timeoutSeconds.max);
  const bytesFlag = values['max-response-bytes'];
  const bytesText = bytesFlag ?? env.QOD_HTTP_MAX_RESPONSE_BYTES;
  const bytesName = bytesFlag !== undefined ? '--max-response-bytes' : 'QOD_HTTP_MAX_RESPONSE_BYTES';
  const bytes = positiveNumber(bytesText, bytesName, LIMIT_RANGES.maxResponseBytes.max);
  if (bytes !== undefined && !Number.isInteger(bytes)) {
    throw new UsageError(`${bytesName} must be a whole number of bytes (got ${bytesText})`);
  }
  return {
    ...(seconds === undefined ? {} : { timeouts: { totalMs: Math.round(seconds * 1000) } }),
    ...(bytes === undefined ? {} : { maxResponseBytes: bytes }),
  };
}

/** Above 0 (a test may want a fraction of a second) and at most the settings' own maximum. */
function positiveNumber(text: string | undefined, name: string, max: number): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(`${name} must be a number greater than 0 and at most ${max} (got ${text})`);
  }
  return value;
}

export function environmentFrom(values: CommonValues, env: NodeJS.ProcessEnv): Environment {
  const flavour = values.flavour ?? 'v1';
  if (!isFlavour(flavour)) throw new UsageError(`--flavour must be ${FLAVOURS.join(', ')} (got ${flavour})`);
  const method = values['auth-method'];
  if (method !== undefined && !(CLIENT_AUTH_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`--auth-method must be one of ${CLIENT_AUTH_METHODS.join(', ')}`);
  }
  let environment: Environment;
  switch (values.env) {
    case 'sandbox': {
      const url = values.url ?? env.QOD_SANDBOX_URL;
      if (!url) throw new UsageError('the sandbox environment needs --url or QOD_SANDBOX_URL (start one with `qod sandbox`)');
      environment = sandboxEnvironment(url.replace(/\/+$/, ''), flavour as Flavour);
      break;
    }
    case 'aggregator':
      environment = aggregatorEnvironment(values, env, flavour as Flavour);
      break;
    case 'telefonica':
      environment = telefonicaEnvironment(values['client-id'] ?? env.QOD_CLIENT_ID ?? '', flavour as Flavour);
      break;
    case 'custom':
      environment = customEnvironment(values, env, method as ClientAuthMethod | undefined, flavour as Flavour);
      break;
    default:
      throw new UsageError(`--env must be sandbox, aggregator, telefonica or custom (got ${values.env})`);
  }
  if (values['client-id']) environment.clientId = values['client-id'];
  if (method) environment.authMethod = method as ClientAuthMethod;
  if (values.scope) environment.scope = values.scope;
  if (!environment.clientId) throw new UsageError('set --client-id or QOD_CLIENT_ID');
  return environment;
}

/**
 * `--env aggregator`: requests are routed to the operator serving their device by the Telco Finder at --telco-finder
 * (QOD_TELCO_FINDER). The sandbox's (`qod sandbox --operators`, on loopback) signs in with the demo client; another
 * aggregator's entry is checked by the core's rule, with --client-id.
 */
function aggregatorEnvironment(values: CommonValues, env: NodeJS.ProcessEnv, flavour: Flavour): Environment {
  const finder = values['telco-finder'] ?? env.QOD_TELCO_FINDER;
  if (!finder)
    throw new UsageError('the aggregator environment needs --telco-finder or QOD_TELCO_FINDER (`qod sandbox --operators` prints it)');
  if (isLoopbackHttpUrl(finder) && !values['client-id']) return sandboxAggregatorEnvironment(finder.replace(/\/+$/, ''), flavour);
  const checked = checkEnvironmentEntry({
    id: 'aggregator',
    label: 'Aggregator',
    telcoFinder: finder,
    flavour,
    clientId: values['client-id'] ?? env.QOD_CLIENT_ID,
  });
  if ('reason' in checked) throw new UsageError(checked.reason.replace(/^telcoFinder:/, '--telco-finder:'));
  return checked.environment;
}

/** The core's field of an environment entry, by the flag that sets it. */
const FLAG_OF_FIELD: Record<string, string> = {
  apiBase: '--api-base',
  issuer: '--issuer',
  clientId: '--client-id',
  scope: '--scope',
  authMethod: '--auth-method',
  flavour: '--flavour',
  'endpoints.token': '--token-endpoint',
  'endpoints.backchannelAuthentication': '--bc-authorize-endpoint',
  'endpoints.authorization': '--authorize-endpoint',
};

/**
 * `--env custom`: the flags as a `qod.environments` entry, checked by the one rule every custom environment
 * follows (https everywhere, plain http only on loopback; an issuer or a token endpoint). A broken rule is a
 * field error naming the flag (exit 2, nothing sent).
 */
function customEnvironment(
  values: CommonValues,
  env: NodeJS.ProcessEnv,
  authMethod: ClientAuthMethod | undefined,
  flavour: Flavour,
): Environment {
  const clientId = values['client-id'] ?? env.QOD_CLIENT_ID;
  if (!clientId) throw new UsageError('set --client-id or QOD_CLIENT_ID');
  const endpoints = Object.fromEntries(
    Object.entries({
      token: values['token-endpoint'],
      backchannelAuthentication: values['bc-authorize-endpoint'],
      authorization: values['authorize-endpoint'],
    }).filter(([, url]) => url !== undefined),
  );
  const checked = checkEnvironmentEntry({
    id: 'custom',
    label: 'Custom',
    preset: 'custom',
    apiBase: values['api-base'],
    flavour,
    clientId,
    ...(values.issuer !== undefined ? { issuer: values.issuer } : {}),
    ...(Object.keys(endpoints).length > 0 ? { endpoints } : {}),
    ...(authMethod !== undefined ? { authMethod } : {}),
    ...(values.scope !== undefined ? { scope: values.scope } : {}),
  });
  if ('environment' in checked) return checked.environment;
  // The reason starts with the entry's field ("apiBase: must use https://…"): said with the flag instead.
  const [, field = '', rule = checked.reason] = /^([\w.]+): (.*)$/s.exec(checked.reason) ?? [];
  const flag = FLAG_OF_FIELD[field] ?? field;
  throw new QodValidationError([{ path: flag || '--env custom', rule, message: `${flag || '--env custom'}: ${rule}` }]);
}
