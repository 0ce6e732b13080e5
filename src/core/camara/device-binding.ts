// With a 3-legged token the token names the device. A body that names another device contradicts it: the
// provider refuses it (403 or 422), so it is caught before sending. Only subjects that are a device
// (`tel:+…`, `ip:…`) can be compared; an operator's opaque subject cannot, and is left to the provider.

export interface DeviceProblem {
  path: string;
  message: string;
}

/** The phone number or IP address a create body names, in any flavour, with the field's path. */
function bodyDevice(body: unknown): { path: string; phoneNumber?: string; ip?: string } | undefined {
  const b = body as { device?: Record<string, unknown>; ueId?: Record<string, unknown> } | undefined;
  const device = b?.device;
  if (device && typeof device === 'object') {
    const ipv4 = (device.ipv4Address as { publicAddress?: unknown } | undefined)?.publicAddress;
    if (typeof device.phoneNumber === 'string') return { path: 'device.phoneNumber', phoneNumber: device.phoneNumber };
    if (typeof ipv4 === 'string') return { path: 'device.ipv4Address.publicAddress', ip: ipv4 };
    if (typeof device.ipv6Address === 'string') return { path: 'device.ipv6Address', ip: device.ipv6Address };
  }
  const ue = b?.ueId;
  if (ue && typeof ue === 'object') {
    if (typeof ue.msisdn === 'string') return { path: 'ueId.msisdn', phoneNumber: ue.msisdn.startsWith('+') ? ue.msisdn : `+${ue.msisdn}` };
    if (typeof ue.ipv4addr === 'string') return { path: 'ueId.ipv4addr', ip: ue.ipv4addr };
  }
  return undefined;
}

/** The contradiction between the body's device and the 3-legged token's subject, if there is one. */
export function deviceContradiction(body: unknown, tokenSubject: string | undefined): DeviceProblem | undefined {
  const named = bodyDevice(body);
  if (!named || !tokenSubject) return undefined;
  const tel = /^tel:(\+\d+)$/.exec(tokenSubject)?.[1];
  const ip = /^ip:(.+)$/.exec(tokenSubject)?.[1];
  const same = tel ? named.phoneNumber === tel : ip ? named.ip === ip : true;
  if (same) return undefined;
  return {
    path: named.path,
    message:
      `${named.path}: the 3-legged sign-in already names the device (${tokenSubject}); ` +
      'leave the device out of the body, or sign in as this device',
  };
}
