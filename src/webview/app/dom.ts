// A tiny element builder: attributes as properties where the element has them, text children escaped.
export function h<K extends string>(
  tag: K,
  attrs: Record<string, unknown> = {},
  ...children: Array<Node | string | undefined | false>
): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    else if (key in el && typeof value !== 'string') (el as unknown as Record<string, unknown>)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== false) el.append(child);
  return el;
}

export function clear(el: Element, ...children: Array<Node | string>): void {
  el.replaceChildren(...children);
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The same for SVG (attributes only: SVG elements take no properties this way). */
export function svg(tag: string, attrs: Record<string, string | number>, ...children: Array<Node | string>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}
