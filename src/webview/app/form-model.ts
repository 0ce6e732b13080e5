// The request form and the JSON body, kept in two-way sync. Pure: no DOM, unit-tested.
import { createAssignmentBody, createSessionBody, type DeviceInput } from '../../core/camara/create-body';
import type { Flavour } from '../../core/camara/flavour';

export interface FormModel {
  deviceKind: 'none' | 'phoneNumber' | 'ipv4' | 'ipv6';
  deviceValue: string;
  applicationServer: string;
  qosProfile: string;
  duration: string;
}

export const EMPTY_FORM: FormModel = {
  deviceKind: 'phoneNumber',
  deviceValue: '+34666666661',
  applicationServer: '198.51.100.10',
  qosProfile: 'QOS_E',
  duration: '600',
};

/** The device the form names; none when the sign-in's token names it. */
function formDevice(form: FormModel): DeviceInput | undefined {
  if (form.deviceKind === 'ipv4') {
    const [value = '', port] = form.deviceValue.trim().split(':');
    return { kind: 'ipv4', value, port: port === undefined || port === '' ? undefined : Number(port) };
  }
  return form.deviceKind === 'none' ? undefined : { kind: form.deviceKind, value: form.deviceValue.trim() };
}

/** A QoS Provisioning assignment from the form: its device and profile (an assignment has no duration or server). */
export function formToAssignmentBody(flavour: Flavour, form: FormModel): Record<string, unknown> {
  return createAssignmentBody(flavour, { device: formDevice(form), qosProfile: form.qosProfile.trim() });
}

export function formToBody(flavour: Flavour, form: FormModel): Record<string, unknown> {
  const device = formDevice(form);
  const duration = form.duration.trim() === '' ? undefined : Number(form.duration);
  return createSessionBody(flavour, {
    device,
    applicationServer: form.applicationServer.trim(),
    qosProfile: form.qosProfile.trim(),
    duration: duration !== undefined && Number.isNaN(duration) ? undefined : duration,
  });
}

/** The form as far as the body describes it; fields the form cannot show stay only in the JSON. */
export function bodyToForm(body: unknown, previous: FormModel): FormModel {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return previous;
  // Bodies come from the user's JSON: read them loosely, field by field.
  type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const b = body as Loose;
  const device = (b.device ?? b.ueId) as Loose | undefined;
  let deviceKind: FormModel['deviceKind'] = 'none';
  let deviceValue = '';
  if (device?.phoneNumber ?? device?.msisdn) {
    deviceKind = 'phoneNumber';
    deviceValue = String(device.phoneNumber ?? device.msisdn);
  } else if (device?.ipv4Address ?? device?.ipv4addr) {
    deviceKind = 'ipv4';
    const v4 = device.ipv4Address;
    deviceValue =
      typeof v4 === 'object' && v4
        ? `${v4.publicAddress ?? ''}${v4.publicPort !== undefined ? `:${v4.publicPort}` : ''}`
        : String(device.ipv4addr);
  } else if (device?.ipv6Address ?? device?.ipv6addr) {
    deviceKind = 'ipv6';
    deviceValue = String(device.ipv6Address ?? device.ipv6addr);
  }
  const server = (b.applicationServer ?? b.asId) as Loose | undefined;
  // QoD 1.2's list of single addresses reads as the form writes it: separated by commas.
  const list = Array.isArray(server?.ipAddresses) ? (server.ipAddresses as unknown[]).map(String).join(', ') : undefined;
  return {
    deviceKind,
    deviceValue,
    applicationServer: list ?? String(server?.ipv4Address ?? server?.ipv6Address ?? server?.ipv4addr ?? server?.ipv6addr ?? ''),
    qosProfile: String(b.qosProfile ?? b.qos ?? ''),
    duration: b.duration === undefined ? '' : String(b.duration),
  };
}

/** Which form field a validation path belongs to, so its message shows next to that field. */
export function fieldOf(path: string): keyof FormModel | 'json' {
  if (path.startsWith('device') || path.startsWith('ueId')) return 'deviceValue';
  if (path.startsWith('applicationServer') || path.startsWith('asId')) return 'applicationServer';
  if (path === 'qosProfile' || path === 'qos') return 'qosProfile';
  if (path === 'duration') return 'duration';
  return 'json';
}

/**
 * The CIBA login_hint naming the request form's device (`tel:+…`, `ipport:IPv4[:port]`, `ipport:[IPv6]`), so
 * the device signed in for and the device in the request cannot drift apart. None when the form names no device.
 */
export function loginHintFor(form: FormModel): string | undefined {
  const value = form.deviceValue.trim();
  if (!value || form.deviceKind === 'none') return undefined;
  if (form.deviceKind === 'phoneNumber') return `tel:${value}`;
  if (form.deviceKind === 'ipv4') return `ipport:${value}`;
  return `ipport:[${value.replace(/^\[|\]$/g, '')}]`;
}
