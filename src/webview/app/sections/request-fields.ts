// The request form's controls, built once and laid out in reading (and Tab) order: the operation (every entry of
// the core's table, in its words), the session id, the extension's seconds, the device, the create's fields, the
// JSON editor, the problems found and Send. Which of them an operation shows is the request form's business.
import type { Operation, ProfileView } from '../../../shared/protocol';
import { isOperation, OPERATION_TABLE } from '../../../core/operations';
import { operationChoices } from '../operation-choices';
import { selectControl, textControl, type Input, type TextControl } from '../controls';
import { h } from '../dom';
import type { FormModel } from '../form-model';

export interface RequestFields {
  operation: Input;
  sessionId: TextControl;
  extendBy: TextControl;
  deviceKind: Input;
  deviceValue: TextControl;
  server: TextControl;
  profile: Input;
  profileHelp: HTMLElement;
  duration: TextControl;
  notify: HTMLElement & { checked: boolean };
  json: Input;
  jsonLabel: HTMLElement;
  jsonHelp: HTMLElement;
  problems: HTMLElement;
  send: HTMLElement;
  /** The device's kind and value: asked for by create and by the lookup of a device's sessions. */
  device: HTMLElement;
  /** What only create asks for: the application server, the profile, the duration, notify me. */
  create: HTMLElement;
  /** Every control, in reading order. */
  elements: HTMLElement[];
}

export interface FieldEvents {
  operation(operation: Operation): void;
  sessionId(): void;
  extendBy(): void;
  form(change: Partial<FormModel>): void;
  json(): void;
  notify(): void;
  send(): void;
}

const DEVICE_KINDS: Array<[FormModel['deviceKind'], string]> = [
  ['phoneNumber', 'Phone number'],
  ['ipv4', 'IPv4 address:port'],
  ['ipv6', 'IPv6 address'],
  ['none', 'The token (3-legged)'],
];

const isDeviceKind = (v: string): v is FormModel['deviceKind'] => DEVICE_KINDS.some(([kind]) => kind === v);

export function requestFields(
  initial: { operation: Operation; sessionId: string; form: FormModel; notify: boolean },
  on: FieldEvents,
): RequestFields {
  const { form } = initial;
  const operations = operationChoices(OPERATION_TABLE);
  const operation = selectControl('operation', 'Operation', operations, initial.operation, (v) => isOperation(v) && on.operation(v));
  const sessionId = textControl('session-id', 'Session id', initial.sessionId, () => on.sessionId());
  const extendBy = textControl('extend-by', 'Additional seconds', '60', () => on.extendBy());
  const deviceKind = selectControl('device-kind', 'Device identified by', DEVICE_KINDS, form.deviceKind, (v) => {
    if (isDeviceKind(v)) on.form({ deviceKind: v });
  });
  const deviceValue = textControl('device-value', 'Device', form.deviceValue, (v) => on.form({ deviceValue: v }));
  const server = textControl('application-server', 'Application server', form.applicationServer, (v) => on.form({ applicationServer: v }));
  const profile = h('vscode-single-select', {
    id: 'qos-profile',
    'aria-label': 'QoS profile',
    onchange: (e: Event) => on.form({ qosProfile: (e.target as Input).value }),
  }) as Input;
  const profileHelp = h('div', { class: 'help', id: 'qos-profile-help', role: 'status' });
  const duration = textControl('duration', 'Duration (seconds)', form.duration, (v) => on.form({ duration: v }));
  const notify = h('vscode-checkbox', {
    id: 'notify',
    label: 'Notify me of status changes (a local sink on this machine)',
    checked: initial.notify,
    onchange: () => on.notify(),
  }) as HTMLElement & { checked: boolean };
  const json = h('vscode-textarea', {
    id: 'json',
    rows: 12,
    'aria-label': 'Request body (JSON)',
    class: 'json',
    oninput: () => on.json(),
  }) as Input;
  const jsonLabel = h('vscode-label', { for: 'json' }, 'Body (JSON)');
  const jsonHelp = h('div', { class: 'help', id: 'json-help', role: 'status' });
  const problems = h('ul', { id: 'problems', class: 'problems', 'aria-label': 'Problems' });
  const send = h('vscode-button', { id: 'send', onclick: () => on.send() }, 'Send');
  const device = h('div', { class: 'form' }, deviceKind.field, deviceValue.field);
  const create = h(
    'div',
    { class: 'form' },
    server.field,
    h('div', { class: 'field' }, h('vscode-label', { for: 'qos-profile' }, 'QoS profile'), profile, profileHelp),
    duration.field,
    notify,
  );
  return {
    operation: operation.el,
    sessionId,
    extendBy,
    deviceKind: deviceKind.el,
    deviceValue,
    server,
    profile,
    profileHelp,
    duration,
    notify,
    json,
    jsonLabel,
    jsonHelp,
    problems,
    send,
    device,
    create,
    elements: [
      operation.field,
      sessionId.field,
      extendBy.field,
      device,
      create,
      jsonLabel,
      json,
      jsonHelp,
      problems,
      h('div', { class: 'row' }, send),
    ],
  };
}

/** The profile picker's options: each profile with its duration bounds, and its status when not ACTIVE. */
export function profileOptions(profiles: ProfileView[], selected: string): HTMLElement[] {
  return profiles.map((p) => {
    const bounds = `${p.minSeconds}..${p.maxSeconds} s`;
    const words = `${p.name} (${bounds})${p.status === 'ACTIVE' ? '' : ` ${p.status}`}`;
    return h('vscode-option', { value: p.name, selected: p.name === selected, description: bounds }, words);
  });
}
