// Which device a request is about, and whether the pretend network knows it.
import type { Caller } from '../auth/access-tokens';
import { ApiError } from './api-error';
import { canServeQod, isKnown, lastDigitOf, networkTerminatesAtCreation } from '../subscribers';

type Identifiers = Record<string, unknown>;

/** One identity per device: `tel:+34…`, `ip:203.0.113.25`, `nai:…`, the same form CIBA subjects take. */
export function deviceKey(device: Identifiers): { key: string; identifier: string } | undefined {
  const phone = (device.phoneNumber ?? device.msisdn) as string | undefined;
  if (phone) return { key: `tel:${phone.startsWith('+') ? phone : `+${phone}`}`, identifier: phone };
  const v4 = device.ipv4Address as { publicAddress: string } | undefined;
  if (v4) return { key: `ip:${v4.publicAddress}`, identifier: v4.publicAddress };
  const v4addr = device.ipv4addr as string | undefined;
  if (v4addr) return { key: `ip:${v4addr}`, identifier: v4addr };
  const v6 = (device.ipv6Address ?? device.ipv6addr) as string | undefined;
  if (v6) return { key: `ip:${v6}`, identifier: v6 };
  const other = (device.networkAccessIdentifier ?? device.externalId) as string | undefined;
  if (other) return { key: `nai:${other}`, identifier: other };
  return undefined;
}

/**
 * The CAMARA device rules: with a 3-legged token the token names the device and the body must not;
 * with a 2-legged token the body must. v0.10 and v0.8 always name the device in the body: with a 3-legged
 * token it must be the token's device. Answers the device key the session belongs to. With `serves` (one of several
 * operators), a body's device outside the operator's ranges is unknown; a token's device was checked at sign-in.
 */
export function resolveDevice(
  caller: Caller,
  device: Identifiers | undefined,
  { bodyAlwaysNamesDevice = false, serves }: { bodyAlwaysNamesDevice?: boolean; serves?: (key: string) => boolean } = {},
): string {
  if (caller.subject && !device) return caller.subject;
  if (caller.subject && device && bodyAlwaysNamesDevice) {
    if (deviceKey(device)?.key !== caller.subject) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'The device in the body is not the device the access token was issued for');
    }
    return caller.subject;
  }
  if (caller.subject && device) {
    throw new ApiError(
      422,
      'UNNECESSARY_IDENTIFIER',
      'The device is already identified by the access token; remove "device" from the body',
    );
  }
  if (!device) {
    throw new ApiError(422, 'MISSING_IDENTIFIER', 'The device cannot be identified: a client credentials token needs "device" in the body');
  }
  if (device.networkAccessIdentifier !== undefined && Object.keys(device).length === 1) {
    throw new ApiError(422, 'UNSUPPORTED_IDENTIFIER', 'networkAccessIdentifier is not supported; use phoneNumber or an IP address');
  }
  const found = deviceKey(device);
  if (!found || !isKnown(lastDigitOf(found.identifier))) {
    throw new ApiError(404, 'IDENTIFIER_NOT_FOUND', 'The network does not know this device (sandbox: identifiers ending in 8 are unknown)');
  }
  // One of several operators: a device outside its number and address ranges is another operator's (or nobody's).
  if (serves && !serves(found.key)) {
    throw new ApiError(
      404,
      'IDENTIFIER_NOT_FOUND',
      "The network does not know this device (sandbox: it is outside this operator's ranges)",
    );
  }
  return found.key;
}

export function assertServiceApplicable(key: string): void {
  if (!canServeQod(lastDigitOf(key))) {
    throw new ApiError(422, 'SERVICE_NOT_APPLICABLE', 'The network cannot provide QoD for this device (sandbox: identifiers ending in 9)');
  }
}

/** QoD 1.2: whether the network knows at creation that it cannot provide QoD for this device (sandbox: digit 7). */
export function networkTerminates(key: string): boolean {
  return networkTerminatesAtCreation(lastDigitOf(key));
}
