// CAMARA login_hint formats: `tel:+E164`, `ipport:IPv4[:port]`, `ipport:[IPv6][:port]`, `operatortoken:<token>`.
import { E164_STRICT, isIpv4, isIpv6 } from '../camara/fields';

export type LoginHint =
  | { kind: 'tel'; phoneNumber: string }
  | { kind: 'ipport'; address: string; version: 4 | 6; port?: number }
  | { kind: 'operatortoken'; token: string };

export type LoginHintResult = { ok: true; hint: LoginHint } | { ok: false; error: string };

export function parseLoginHint(value: string): LoginHintResult {
  const colon = value.indexOf(':');
  const scheme = colon < 0 ? '' : value.slice(0, colon);
  const rest = value.slice(colon + 1);
  switch (scheme) {
    case 'tel':
      return E164_STRICT.test(rest)
        ? { ok: true, hint: { kind: 'tel', phoneNumber: rest } }
        : { ok: false, error: 'tel: needs an E.164 number with a leading +, like tel:+34666666666' };
    case 'ipport':
      return parseIpPort(rest);
    case 'operatortoken':
      return rest.length > 0
        ? { ok: true, hint: { kind: 'operatortoken', token: rest } }
        : { ok: false, error: 'operatortoken: needs a token after the colon' };
    default:
      if (scheme === 'phone_number' || /^\+?\d+$/.test(value)) {
        return { ok: false, error: `"${value}" is not a CAMARA login_hint: write the number as tel:+<E.164>` };
      }
      return { ok: false, error: 'login_hint must start with tel:, ipport: or operatortoken:' };
  }
}

function parseIpPort(rest: string): LoginHintResult {
  const bad = {
    ok: false as const,
    error: 'ipport: needs IPv4[:port] or [IPv6][:port], like ipport:203.0.113.25:8080 or ipport:[2001:db8::1]:8080',
  };
  let address: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    if (end < 0) return bad;
    address = rest.slice(1, end);
    const after = rest.slice(end + 1);
    if (after !== '' && !after.startsWith(':')) return bad;
    portText = after === '' ? undefined : after.slice(1);
    if (!isIpv6(address)) return bad;
  } else {
    const parts = rest.split(':');
    if (parts.length > 2) return bad;
    [address = '', portText] = parts;
    if (!isIpv4(address)) return bad;
  }
  if (portText === undefined) {
    return { ok: true, hint: { kind: 'ipport', address, version: address.includes(':') ? 6 : 4 } };
  }
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) return bad;
  return { ok: true, hint: { kind: 'ipport', address, version: address.includes(':') ? 6 : 4, port } };
}

export function formatLoginHint(hint: LoginHint): string {
  switch (hint.kind) {
    case 'tel':
      return `tel:${hint.phoneNumber}`;
    case 'operatortoken':
      return `operatortoken:${hint.token}`;
    case 'ipport': {
      const host = hint.version === 6 ? `[${hint.address}]` : hint.address;
      return hint.port === undefined ? `ipport:${host}` : `ipport:${host}:${hint.port}`;
    }
  }
}
