// Where JSON text first goes wrong, as "line L, column C". V8's JSON.parse message quotes the input around the
// error (Node 20 and later), and that input can hold a token or an environment value, so no message built for a
// person carries it: this scanner finds the offset itself. Pure and total; nesting is bounded, not recursed without end.
const MAX_DEPTH = 512;

/** "line L, column C" of the first error in `text` (which JSON.parse refused). */
export function jsonErrorPosition(text: string): string {
  const offset = firstErrorOffset(text);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${(before[before.length - 1] as string).length + 1}`;
}

function firstErrorOffset(text: string): number {
  let i = 0;
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = (): boolean => {
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return ++i > 0;
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const next = text[++i] ?? '';
        if (next === 'u') {
          for (let k = 0; k < 4; k++) if (!/[0-9A-Fa-f]/.test(text[++i] ?? '')) return false;
        } else if (!'"\\/bfnrt'.includes(next) || next === '') return false;
      }
    }
    return false;
  };
  const value = (depth: number): boolean => {
    space();
    const c = text[i];
    if (depth > MAX_DEPTH) return false;
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return ++i > 0;
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"' || !string()) return false;
          space();
          if (text[i] !== ':') return false;
          i++;
        }
        if (!value(depth + 1)) return false;
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) return ++i > 0;
        else return false;
      }
    }
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return (i += word.length) > 0;
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.exec(text)) return (i = number.lastIndex) > 0;
    return false;
  };
  if (value(0)) space();
  return Math.min(i, text.length);
}
