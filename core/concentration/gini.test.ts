import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { gini, giniOfSorted } from './gini.ts';

/** Definition by pairs, used as the second implementation. */
const byPairs = (xs: number[]) => {
  const n = xs.length;
  const mean = xs.reduce((s, v) => s + v, 0) / n;
  let d = 0;
  for (const a of xs) for (const b of xs) d += Math.abs(a - b);
  return d / (2 * n * n * mean);
};

describe('gini', () => {
  // Hand-computed: Σ|xi − xj| over ordered pairs of [1..5] = 40; 2·n²·mean = 150.
  it('is 40/150 = 0.2667 for [1, 2, 3, 4, 5]', () => {
    expect(gini([1, 2, 3, 4, 5])).toBeCloseTo(40 / 150, 12);
  });
  it('is 0 for equal values and (n−1)/n when one holds all', () => {
    expect(gini([7, 7, 7])).toBe(0);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75, 12);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });
  it('agrees with the pairwise definition (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 }), (xs) => {
        fc.pre(xs.some((x) => x > 0));
        expect(gini(xs)).toBeCloseTo(byPairs(xs), 9);
      }),
    );
  });
  it('rejects negative and NaN values', () => {
    expect(() => gini([1, -1])).toThrow(CvError);
    expect(() => gini([Number.NaN])).toThrow(CvError);
  });
});

describe('giniOfSorted', () => {
  it('is bit-identical to gini on the unsorted values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 40 }), (xs) => {
        const total = xs.reduce((a, v) => a + v, 0);
        expect(Object.is(giniOfSorted(Float64Array.from(xs).sort(), total), gini(xs))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
