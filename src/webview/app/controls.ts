// The labelled controls every section builds from: a text field with its help line, and a single select.
import { h } from './dom';

export type Input = HTMLElement & { value: string };

export interface TextControl {
  field: HTMLElement;
  el: Input;
  /** The line under the field: a rule broken, or a hint. */
  help: HTMLElement;
}

export function textControl(id: string, label: string, value: string, onInput: (v: string) => void): TextControl {
  const el = h('vscode-textfield', { id, value, 'aria-label': label, oninput: (e: Event) => onInput((e.target as Input).value) }) as Input;
  const help = h('div', { class: 'help', id: `${id}-help`, role: 'status' });
  return { field: h('div', { class: 'field' }, h('vscode-label', { for: id }, label), el, help), el, help };
}

export function selectControl(
  id: string,
  label: string,
  options: Array<[string, string]>,
  value: string,
  onChange: (v: string) => void,
): { field: HTMLElement; el: Input } {
  const el = h(
    'vscode-single-select',
    { id, 'aria-label': label, onchange: (e: Event) => onChange((e.target as Input).value) },
    ...options.map(([v, text]) => h('vscode-option', { value: v, selected: v === value }, text)),
  ) as Input;
  return { field: h('div', { class: 'field' }, h('vscode-label', { for: id }, label), el), el };
}

/** Shows `message` under a field as an error, or clears it. */
export function setHelp(help: HTMLElement, message: string | undefined, isError = true): void {
  help.textContent = message ?? '';
  help.className = message && isError ? 'help error' : 'help';
}
