/**
 * Many strings stored as one: their concatenation and each one's length.
 *
 * Why: IndexedDB structured-clones every value it writes, and a clone costs
 * per string (a tag, a length, a separate copy) far more than per character.
 * A chunk of thousands of short strings (search words, keys, customer
 * fields) cloned as a list cost most of a 1,000,000-row import's write time;
 * one string and one typed array are copied almost as memory blocks
 * (measured in `npm run bench -- imports`). Lengths, not separators, delimit
 * the strings, so any text — tabs, line breaks, NUL — comes back as it was.
 */
export interface JoinedStrings {
  text: string;
  /** Length of each string in `text`, in order (16-bit when every one fits). */
  lens: Uint16Array | Uint32Array;
}

/**
 * @example joinStrings(['ab', '', 'c']) // { text: 'abc', lens: Uint16Array [2, 0, 1] }
 */
export function joinStrings(parts: readonly string[]): JoinedStrings {
  let long = false;
  for (let i = 0; i < parts.length && !long; i++) long = parts[i].length > 0xffff;
  const lens = long ? new Uint32Array(parts.length) : new Uint16Array(parts.length);
  for (let i = 0; i < parts.length; i++) lens[i] = parts[i].length;
  return { text: parts.join(''), lens };
}

/**
 * The strings back, all of them or `count` from the `from`-th one.
 * @example splitJoined(joinStrings(['ab', '', 'c'])) // ['ab', '', 'c']
 */
export function splitJoined(joined: JoinedStrings, from = 0, count = joined.lens.length - from): string[] {
  const { text, lens } = joined;
  let at = offsetOf(joined, from);
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const end = at + lens[from + i];
    out[i] = text.slice(at, end);
    at = end;
  }
  return out;
}

/** Where the `n`-th string starts in `text`. */
export function offsetOf(joined: JoinedStrings, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) at += joined.lens[i];
  return at;
}

/** Whether `value` is a JoinedStrings (as IndexedDB gives it back), not an older chunk form. */
export function isJoined(value: unknown): value is JoinedStrings {
  return typeof value === 'object' && value !== null && typeof (value as JoinedStrings).text === 'string' && ArrayBuffer.isView((value as JoinedStrings).lens);
}
