// Command-line options shared by the `qod` commands, and the environment they describe.
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../core/auth/client-auth';
import { isFlavour, type Flavour } from '../core/camara/flavour';
import { sandboxEnvironment, telefonicaEnvironment, type Environment } from '../core/environments';
import { LIMIT_RANGES } from '../core/http/limits';
import type { TransportOptions } from '../core/http/transport';

export const COMMON_OPTIONS = {
  env: { type: 'string', default: 'sandbox' },
  url: { type: 'string' },
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
  env?: string; url?: string; flavour?: string; 'client-id'?: string; 'auth-method'?: string; issuer?: string;
  'api-base'?: string; 'token-endpoint'?: string; 'bc-authorize-endpoint'?: string; 'authorize-endpoint'?: string;
  scope?: string; json?: boolean; verbose?: boolean; timeout?: string; 'max-response-bytes'?: string;
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
  if (!isFlavour(flavour)) throw new UsageError(`--flavour must be v1, v0.10 or v0.8 (got ${flavour})`);
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
    case 'telefonica':
      environment = telefonicaEnvironment(values['client-id'] ?? env.QOD_CLIENT_ID ?? '', flavour as Flavour);
      break;
    case 'custom': {
      const apiBase = values['api-base'];
      if (!apiBase) throw new UsageError('--env custom needs --api-base and an --issuer or the endpoints');
      environment = {
        id: 'custom', label: 'Custom', preset: 'custom', apiBase, flavour: flavour as Flavour,
        issuer: values.issuer,
        endpoints: { token: values['token-endpoint'], backchannelAuthentication: values['bc-authorize-endpoint'], authorization: values['authorize-endpoint'] },
        clientId: values['client-id'] ?? env.QOD_CLIENT_ID ?? '',
        authMethod: (method as ClientAuthMethod | undefined) ?? 'client_secret_basic',
        scope: values.scope ?? 'dpv:RequestedServiceProvision#qod',
      };
      break;
    }
    default:
      throw new UsageError(`--env must be sandbox, telefonica or custom (got ${values.env})`);
  }
  if (values['client-id']) environment.clientId = values['client-id'];
  if (method) environment.authMethod = method as ClientAuthMethod;
  if (values.scope) environment.scope = values.scope;
  if (!environment.clientId) throw new UsageError('set --client-id or QOD_CLIENT_ID');
  return environment;
}
