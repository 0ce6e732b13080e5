// The page's header: its title, the QoD flavour of the environment in use, and the environment picker, from the
// store's host state.
import { clear, h } from '../dom';
import type { Input } from '../controls';
import type { PageStore } from '../page-store';
import type { Host } from '../rpc';

export function headerSection(host: Host, store: PageStore): HTMLElement {
  const environment = h('vscode-single-select', {
    id: 'environment',
    'aria-label': 'Environment',
    onchange: (e: Event) => host.command('selectEnvironment', { environmentId: (e.target as Input).value }),
  });
  const flavour = h('vscode-badge', { id: 'flavour' }, '');
  store.watch(
    (s) => s.host,
    (shown) => {
      if (!shown) return;
      const options = shown.environments.map((e) => h('vscode-option', { value: e.id, selected: e.id === shown.environmentId }, e.label));
      clear(environment, ...options);
      flavour.textContent = `QoD ${shown.flavour}`;
    },
  );
  return h(
    'header',
    { class: 'row' },
    h('h1', {}, 'QoD Playground'),
    flavour,
    h('vscode-label', { for: 'environment' }, 'Environment'),
    environment,
  );
}
