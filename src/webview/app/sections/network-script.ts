// The device's network script, next to the device on the request form (the embedded sandbox only): what the
// sandbox's network does to this device's sessions — becomes available after N s, is unavailable on create, ends
// the session at N s (NETWORK_TERMINATED), withdraws the profile at N s. The sandbox checks the script and answers
// what it will do, shown under the control; the notifications that follow reach the timeline and the diagram the
// usual way.
import type { NetworkScriptResult } from '../../../shared/protocol';
import type { FormModel } from '../form-model';
import { setHelp, textControl, type Input } from '../controls';
import { h } from '../dom';
import { failure, type Host } from '../rpc';

/** The sandbox's scripts, in its words, and whether they take seconds. */
export const SCRIPTS: ReadonlyArray<{ id: string; label: string; seconds: boolean }> = [
  { id: 'available-after', label: 'Available after N s', seconds: true },
  { id: 'unavailable-on-create', label: 'Unavailable on create', seconds: false },
  { id: 'network-ends', label: 'The network ends the session at N s', seconds: true },
  { id: 'profile-withdrawn', label: 'Profile withdrawn at N s', seconds: true },
];

/** The script as the sandbox reads it: `network-ends:30s`, `unavailable-on-create`. */
export function scriptText(id: string, seconds: string): string {
  return SCRIPTS.find((s) => s.id === id)?.seconds ? `${id}:${seconds.trim()}s` : id;
}

/** The device a script is for: the form's (an IPv4 address without its port), else the 3-legged sign-in's. */
export function scriptDevice(form: FormModel, subject: string | undefined): string | undefined {
  if (form.deviceKind === 'none') return subject?.replace(/^(tel:|ipport:)/, '').replace(/^\[|\]$/g, '') || undefined;
  const value = form.deviceValue.trim();
  return (form.deviceKind === 'ipv4' ? value.split(':')[0] : value) || undefined;
}

export function networkScriptControl(
  host: Host,
  deps: { device(): string | undefined },
): { element: HTMLElement; show(sandbox: boolean): void } {
  let kind = SCRIPTS[0]?.id ?? '';
  const select = h(
    'vscode-single-select',
    {
      id: 'network-script-kind',
      'aria-label': 'Network script',
      onchange: (e: Event) => {
        kind = (e.target as Input).value;
        seconds.field.hidden = !SCRIPTS.find((s) => s.id === kind)?.seconds;
      },
    },
    ...SCRIPTS.map((s) => h('vscode-option', { value: s.id, selected: s.id === kind }, s.label)),
  ) as Input;
  const seconds = textControl('network-script-seconds', 'N (seconds)', '30', () => undefined);
  const help = h('div', { class: 'help', id: 'network-script-help', role: 'status' });
  const run = async (ask: (device: string) => Promise<NetworkScriptResult>) => {
    const device = deps.device();
    if (!device) return setHelp(help, 'device: name a device on the request form first');
    setHelp(help, 'Asking the sandbox…', false);
    try {
      const answer = await ask(device);
      if (answer.problem) setHelp(help, answer.problem);
      else setHelp(help, answer.description ?? 'Done.', false);
    } catch (error) {
      setHelp(help, failure(error));
    }
  };
  const apply = h(
    'vscode-button',
    {
      id: 'network-script-apply',
      onclick: () => void run((device) => host.request('setNetworkScript', { device, script: scriptText(kind, seconds.el.value) })),
    },
    'Apply',
  );
  const clearButton = h(
    'vscode-button',
    { id: 'network-script-clear', secondary: true, onclick: () => void run((device) => host.request('clearNetworkScript', { device })) },
    'Clear',
  );
  const element = h(
    'div',
    { class: 'field network-script', hidden: true },
    h('vscode-label', { for: 'network-script-kind' }, "This device's network (sandbox)"),
    h('div', { class: 'row' }, select, seconds.field, apply, clearButton),
    help,
  );
  return { element, show: (sandbox) => (element.hidden = !sandbox) };
}
