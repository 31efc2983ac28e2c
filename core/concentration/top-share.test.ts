import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import fc from 'fast-check';
import { topShare, topShareOfSorted } from './top-share.ts';

describe('topShare', () => {
  it('takes the top ⌈20 %⌉ of customers', () => {
    expect(topShare([50, 20, 10, 10, 10])).toBe(0.5);
    // 10 customers → top 2: (10 + 9) / 55
    expect(topShare([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(19 / 55, 12);
    // 7 customers → ⌈1.4⌉ = 2
    expect(topShare([1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(2 / 7, 12);
  });
  it('is 0 without positive total and rejects bad fractions', () => {
    expect(topShare([])).toBe(0);
    expect(topShare([0, 0])).toBe(0);
    expect(() => topShare([1], 0)).toThrow(CvError);
    expect(topShare([3, 1], 1)).toBe(1);
  });
});

describe('topShare against the first implementation', () => {
  /** The first implementation (copy, sort with a comparator, add the top k), kept as the reference. */
  const reference = (values: number[], fraction: number) => {
    const total = values.reduce((a, v) => a + v, 0);
    if (!(total > 0)) return 0;
    const k = Math.max(1, Math.ceil(fraction * values.length - 1e-9));
    const sorted = [...values].sort((a, b) => b - a);
    let top = 0;
    for (let i = 0; i < k; i++) top += sorted[i];
    return top / total;
  };

  it('gives bit-identical shares, and topShareOfSorted too (property)', () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom(0, -0, 1, 3));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (xs, fraction) => {
        const expected = reference(xs, fraction);
        expect(Object.is(topShare(xs, fraction), expected)).toBe(true);
        const total = xs.reduce((a, v) => a + v, 0);
        expect(Object.is(topShareOfSorted(Float64Array.from(xs).sort(), total, fraction), expected)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('topShareOfSorted rejects bad fractions like topShare', () => {
    expect(() => topShareOfSorted(Float64Array.of(1), 1, 1.5)).toThrow(CvError);
  });
});
