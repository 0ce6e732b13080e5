// Errors of the QoD resource server, written once in v1 terms and rendered in each flavour's shape.
import { isV1Family, type Flavour } from '../../core/camara/flavour';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * v0.10 predates several v1 codes; these are the answers its specification declares for the same cases: its
 * create declares no 404 or 422 (an unknown device is invalid input, a device the network cannot serve is
 * 501 NOT_IMPLEMENTED, "Service not implemented for the specified user device"), and its extend no 409.
 */
const V0_10_EQUIVALENTS: Record<string, [number, string]> = {
  'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE': [400, 'OUT_OF_RANGE'],
  'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': [400, 'INVALID_ARGUMENT'],
  'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED': [400, 'INVALID_ARGUMENT'],
  IDENTIFIER_NOT_FOUND: [400, 'INVALID_ARGUMENT'],
  SERVICE_NOT_APPLICABLE: [501, 'NOT_IMPLEMENTED'],
  UNSUPPORTED_IDENTIFIER: [400, 'INVALID_ARGUMENT'],
  MISSING_IDENTIFIER: [400, 'INVALID_ARGUMENT'],
  UNNECESSARY_IDENTIFIER: [400, 'INVALID_ARGUMENT'],
  INVALID_SINK: [400, 'INVALID_ARGUMENT'],
  INVALID_CREDENTIAL: [400, 'INVALID_ARGUMENT'],
  INVALID_TOKEN: [400, 'INVALID_ARGUMENT'],
};

/** v0.8 has its own small set of codes, chosen by HTTP status. */
const V0_8_CODES: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  503: 'SERVICE_UNAVAILABLE',
};

export function renderError(flavour: Flavour, error: ApiError): { status: number; body: Record<string, unknown> } {
  if (isV1Family(flavour)) {
    // 1.2's ErrorInfo bounds the message at 512 characters (a long list of field problems is cut, not refused).
    const message = flavour === 'v1.2' && error.message.length > 512 ? `${error.message.slice(0, 509)}...` : error.message;
    return { status: error.status, body: { status: error.status, code: error.code, message } };
  }
  const [status, code] = V0_10_EQUIVALENTS[error.code] ?? [error.status, error.code];
  if (flavour === 'v0.10') return { status, body: { status, code, message: error.message } };
  // v0.8 declares neither 422 nor 501: both are invalid input there.
  const v08Status = status === 422 || status === 501 ? 400 : status;
  return { status: v08Status, body: { code: V0_8_CODES[v08Status] ?? 'INTERNAL', message: error.message } };
}
