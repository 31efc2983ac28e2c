/**
 * Numbers written as bytes must be the text JavaScript writes for them
 * (String(v), ECMA-262 Number::toString: the shortest decimal that reads
 * back as the same double), whichever path writes them: the digits of a
 * whole number, or a text remembered for a value seen before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberTexts, writeNumber, writeWhole } from './row-bytes.ts';

function written(v: number, texts = new NumberTexts()): string {
  const buf = new Uint8Array(64);
  return Buffer.from(buf.subarray(0, writeNumber(buf, 0, v, texts))).toString('latin1');
}

describe('writeNumber', () => {
  it('writes whole numbers, negative numbers and -0 as String does', () => {
    for (const v of [0, -0, 1, 9, 10, 99, 100, 45678, -1, -45678, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 7, -(2 ** 40), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(written(v)).toBe(String(v));
    }
    // -0 is "0" (Number::toString step 2), and beyond 2^53 the whole-number path is not taken.
    expect(written(-0)).toBe('0');
    expect(written(2 ** 53)).toBe('9007199254740992');
    expect(written(1e21)).toBe('1e+21');
  });

  it('writes fractions, tiny and huge values as String does', () => {
    for (const v of [0.1 + 0.2, 1 / 7, 58.142857142857146, 274.27, -173327.99620366367, 1e-7, 1.5e-7, 5e-324, 1.7976931348623157e308, 123456789.125]) {
      expect(written(v)).toBe(String(v));
    }
  });

  it('gives the same text from its memory as without it, for any double', () => {
    const texts = new NumberTexts();
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        // Twice: the first writes and remembers, the second may read from memory.
        expect(written(v, texts)).toBe(String(v));
        expect(written(v, texts)).toBe(String(v));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps texts apart when values share a slot of its memory', () => {
    const texts = new NumberTexts();
    // Weeks (k / 7) and cents, as the customer sheet has them: thousands of values through 8,192 slots.
    const values = Array.from({ length: 20000 }, (_, k) => (k % 2 ? k / 7 : k / 100 + 0.005));
    for (let round = 0; round < 2; round++) for (const v of values) expect(written(v, texts)).toBe(String(v));
  });
});

describe('writeWhole', () => {
  it('writes at the given place and says where it ends', () => {
    const buf = new Uint8Array(16).fill(120);
    expect(writeWhole(buf, 3, 2026)).toBe(7);
    expect(Buffer.from(buf).toString('latin1')).toBe('xxx2026xxxxxxxxx');
  });
});
