// Every error code the QoD specifications (v0.8, v0.10, v1 and qos-profiles) define, with what it means
// in plain words and what to do about it.

export interface ErrorExplanation {
  status: number;
  explanation: string;
  fix: string;
}

export const ERROR_CATALOGUE: Readonly<Record<string, ErrorExplanation>> = {
  // Generic CAMARA codes (v0.10 and v1).
  INVALID_ARGUMENT: {
    status: 400,
    explanation: 'The request body, a path or query parameter, or a header is not valid for the API.',
    fix: 'Read the message: it names the field. Validate the body against the flavour the provider speaks.',
  },
  OUT_OF_RANGE: {
    status: 400,
    explanation: 'A value is outside the range the API allows.',
    fix: 'Check the limits of the named field (for example duration 1..86400 in v0.10).',
  },
  UNAUTHENTICATED: {
    status: 401,
    explanation: 'The access token is missing, invalid or expired.',
    fix: 'Sign in again (CIBA, authorization code or client credentials) and send the new token as "Authorization: Bearer …".',
  },
  PERMISSION_DENIED: {
    status: 403,
    explanation: 'The token is valid but does not allow this operation or this resource.',
    fix: 'Request the scope the operation needs, or use the client that created the session.',
  },
  NOT_FOUND: {
    status: 404,
    explanation: 'The session, QoS assignment or QoS profile does not exist (or no longer exists).',
    fix: 'Check the id; ended sessions and revoked assignments are kept only for a while.',
  },
  IDENTIFIER_NOT_FOUND: {
    status: 404,
    explanation: 'The operator does not know the device you identified.',
    fix: 'Check the phone number or IP address, and that the device belongs to this operator.',
  },
  CONFLICT: {
    status: 409,
    explanation: 'The device already has an active QoD session.',
    fix: 'Delete or wait for the existing session, or extend it instead of creating another.',
  },
  'QUALITY_ON_DEMAND.SESSION_EXTENSION_NOT_ALLOWED': {
    status: 409,
    explanation: 'Only an AVAILABLE session can be extended.',
    fix: 'Wait until the session is AVAILABLE; a terminated session cannot be extended, create a new one.',
  },
  'QUALITY_ON_DEMAND.DURATION_OUT_OF_RANGE': {
    status: 400,
    explanation: "The duration is outside the QoS profile's minDuration..maxDuration.",
    fix: "Read the profile's minDuration and maxDuration and choose a duration within them.",
  },
  'QUALITY_ON_DEMAND.QOS_PROFILE_NOT_APPLICABLE': {
    status: 422,
    explanation: 'The QoS profile exists but is not ACTIVE (INACTIVE or DEPRECATED).',
    fix: 'List the QoS profiles and pick one whose status is ACTIVE.',
  },
  'QOS_PROVISIONING.QOS_PROFILE_NOT_APPLICABLE': {
    status: 422,
    explanation: 'The QoS profile cannot be assigned: it is not ACTIVE, or not fit for QoS Provisioning.',
    fix: 'List the QoS profiles and pick one whose status is ACTIVE.',
  },
  PRIVATE_KEY_JWT_NOT_CONFIGURED: {
    status: 422,
    explanation:
      'The sink credential is PRIVATE_KEY_JWT, but no configuration for it was pre-shared between the operator and this API client.',
    fix: 'Agree the PRIVATE_KEY_JWT set-up with the operator first, or use credentialType ACCESSTOKEN.',
  },
  INVALID_CREDENTIAL: {
    status: 400,
    explanation: 'The sinkCredential is not of a supported type.',
    fix: 'Use credentialType ACCESSTOKEN with accessTokenType "bearer".',
  },
  INVALID_TOKEN: {
    status: 400,
    explanation: 'The sinkCredential access token is not usable: only bearer tokens are supported, and it must not have expired.',
    fix: 'Use accessTokenType "bearer" and a token valid for at least the session\'s lifetime.',
  },
  INVALID_SINK: {
    status: 400,
    explanation: 'The notification sink URL is not acceptable.',
    fix: 'Use an https:// URL that the operator can reach.',
  },
  SERVICE_NOT_APPLICABLE: {
    status: 422,
    explanation: 'The network cannot provide the service for this device.',
    fix: 'Try another device or profile; the device may be on an unsupported network.',
  },
  MISSING_IDENTIFIER: {
    status: 422,
    explanation: 'No device was identified: the token does not carry one and the body has no device.',
    fix: 'With a 2-legged (client credentials) token, put the device in the body; or sign in with CIBA / authorization code.',
  },
  UNSUPPORTED_IDENTIFIER: {
    status: 422,
    explanation: 'The operator does not support this kind of device identifier.',
    fix: 'Use a phone number or an IP address (networkAccessIdentifier is not supported).',
  },
  UNNECESSARY_IDENTIFIER: {
    status: 422,
    explanation: 'The token already identifies the device (3-legged), so the body must not name one.',
    fix: 'Remove "device" from the body when using a CIBA or authorization code token.',
  },
  GONE: {
    status: 410,
    explanation: 'Answered by a notification sink: the callback is no longer available.',
    fix: 'The provider stops notifying this sink; set a new sink on a new session if you still need events.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    explanation: 'The rate limit for this client was exceeded.',
    fix: 'Wait for the time in the Retry-After header, then retry.',
  },
  QUOTA_EXCEEDED: {
    status: 429,
    explanation: "The client's quota for this API is used up.",
    fix: 'Wait for the quota period to end or ask the operator for more.',
  },
  INTERNAL: {
    status: 500,
    explanation: 'The provider failed while handling the request.',
    fix: 'Retry later; report the x-correlator to the provider if it persists.',
  },
  NOT_IMPLEMENTED: {
    status: 501,
    explanation: 'The provider does not implement this operation.',
    fix: 'Check which API flavour and operations the provider serves.',
  },
  UNAVAILABLE: {
    status: 503,
    explanation: 'QoD v0.10: the service is temporarily unavailable.',
    fix: 'Retry later, honouring Retry-After if present.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    explanation: 'The provider is temporarily unavailable.',
    fix: 'Retry later, honouring Retry-After if present.',
  },
  // v0.8 codes.
  INVALID_INPUT: {
    status: 400,
    explanation: 'QoD v0.8: the request body or a parameter is not valid.',
    fix: 'Read the message: it names the field. v0.8 uses ueId/asId/qos, not device/applicationServer/qosProfile.',
  },
  UNAUTHORIZED: {
    status: 401,
    explanation: 'QoD v0.8: the access token is missing, invalid or expired.',
    fix: 'Sign in again and send the new token.',
  },
  FORBIDDEN: {
    status: 403,
    explanation: 'QoD v0.8: the token does not allow this operation or resource.',
    fix: 'Request the needed scope, or use the client that created the session.',
  },
};

/** The catalogue's entry for a code; only the table's own entries (`toString` or `__proto__` is not a code). */
export function explainError(code: string): ErrorExplanation | undefined {
  return Object.hasOwn(ERROR_CATALOGUE, code) ? ERROR_CATALOGUE[code] : undefined;
}
