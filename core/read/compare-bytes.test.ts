import { describe, expect, it } from 'vitest';
import { compareBytes, compareBytesToText } from './compare-bytes.ts';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const sign = (n: number) => Math.sign(n);
const stringOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('compareBytes and compareBytesToText', () => {
  const words = ['', 'a', 'A', 'ab', 'abc', 'abd', 'b', 'Z9', 'z', 'a b', '123', '1234', '124'];

  it('order ASCII byte runs as `<` orders their strings, at any offset in their arrays', () => {
    for (const x of words) {
      for (const y of words) {
        // Runs placed inside longer arrays, so the offsets and lengths matter.
        const a = ascii(`##${x}~~`);
        const b = ascii(`%${y}%%%`);
        expect(sign(compareBytes(a, 2, x.length, b, 1, y.length))).toBe(stringOrder(x, y));
        expect(sign(compareBytesToText(a, 2, x.length, y))).toBe(stringOrder(x, y));
      }
    }
  });
});
