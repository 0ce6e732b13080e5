// An error reaches the user as up to three texts: the provider's message, our explanation and our fix. They often
// say the same thing (a provider's 409 message already says the device has a session, and what to do), and
// reading it three times hides what is new. One rule for every face (playground, notifications, CLI, tools).

/** A negation the texts before did not have turns their meaning around: never a repeat. */
const NEGATIONS = new Set(['not', 'no', 'never', 'cannot', 'without', 'nor']);

/** Words that carry no meaning of their own here. */
const FILLER = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'for',
  'in',
  'on',
  'at',
  'by',
  'as',
  'is',
  'are',
  'be',
  'was',
  'it',
  'its',
  'this',
  'that',
  'these',
  'with',
  'from',
  'has',
  'have',
  'had',
  'can',
  'may',
  'will',
  'there',
  'their',
  'your',
  'you',
  'fix',
]);

/** The meaningful words of a text, in a form where `Sessions.` and `session` are one word. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])
    .filter((w) => !FILLER.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/**
 * The texts in order, each one that repeats those before it replaced by `undefined`. A text repeats when fewer than
 * half of its meaningful words are new and it adds no negation (an exact or near copy, or a text another already
 * contains); an empty text is dropped too. The first text is kept whenever it is not empty: the provider said it.
 */
export function distinctTexts(texts: ReadonlyArray<string | undefined>): Array<string | undefined> {
  const seen = new Set<string>();
  return texts.map((text, index) => {
    const own = words(text ?? '');
    if (!text?.trim() || (index > 0 && own.length === 0)) return undefined;
    const fresh = own.filter((w) => !seen.has(w));
    for (const w of own) seen.add(w);
    return index === 0 || fresh.length * 2 >= own.length || fresh.some((w) => NEGATIONS.has(w)) ? text : undefined;
  });
}
