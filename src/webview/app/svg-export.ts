// A drawn SVG as a file that stands alone: in the page its colours and fonts come from the playground's CSS and
// VS Code's theme variables, which a saved file does not have (its arrows and lifelines would not be painted).
// So each element gets the paint and font the page computed for it, written into its own style, and the
// picture gets the theme's background, so a dark theme's light lines stay readable in any viewer.
const PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
];
const TRANSPARENT = /^(transparent|rgba\(.*,\s*0\))$/;

/** The theme's background behind `from`: the first painted background up the tree, else white. */
function backgroundOf(from: Element): string {
  for (let el: Element | null = from; el; el = el.parentElement) {
    const color = getComputedStyle(el).backgroundColor;
    if (color && !TRANSPARENT.test(color)) return color;
  }
  return '#ffffff';
}

/** `source` (drawn in the page, inside `context`) serialised with its computed styles inlined and a background. */
export function standaloneSvg(source: SVGSVGElement, context: Element): string {
  const copy = source.cloneNode(true) as SVGSVGElement;
  const originals = [source, ...source.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, i) => {
    const target = copies[i];
    if (!target) return;
    const computed = getComputedStyle(original);
    target.setAttribute('style', PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';'));
    // The page's interaction does not belong in a picture.
    target.removeAttribute('tabindex');
  });
  const width = source.getAttribute('width') ?? '0';
  const height = source.getAttribute('height') ?? '0';
  const background = document.createElementNS(copy.namespaceURI, 'rect');
  for (const [k, v] of Object.entries({ x: '0', y: '0', width, height, fill: backgroundOf(context) })) background.setAttribute(k, v);
  copy.insertBefore(background, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}
