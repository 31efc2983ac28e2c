import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ascendingOrder, lowerBound, sortedByOrder, sortedDoubles, sortedWithOrder } from './sort-doubles.ts';

/** Doubles as a column of customers' values can hold them: repeated money amounts, whole counts, signed zeros, extremes. */
const value = fc.oneof(
  fc.double({ noNaN: true }),
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(0, -0, 0.1, 1e-310, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity),
);
/** Long enough to take the radix path (from 512 values when the test asks for it there) as well as the builtin one. */
const column = fc.oneof(fc.array(value, { maxLength: 40 }), fc.array(value, { minLength: 512, maxLength: 2000 }));

const same = (a: ArrayLike<number>, b: ArrayLike<number>): void => void expect(Array.from(a).map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual(Array.from(b).map((v) => (Object.is(v, -0) ? '-0' : v)));

describe('sortedDoubles', () => {
  it('gives exactly what Float64Array.prototype.sort gives, −0 before +0 (property)', () => {
    fc.assert(
      fc.property(column, (values) => {
        same(sortedDoubles(values, 512), Float64Array.from(values).sort());
        same(sortedDoubles(values), Float64Array.from(values).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('puts NaN last, as the builtin sort does', () => {
    const values = Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? Number.NaN : 300 - i));
    same(sortedDoubles(values, 512), Float64Array.from(values).sort());
  });
});

describe('ascendingOrder and sortedByOrder', () => {
  it('order by value, equal values (−0 = +0) in input order, as a stable comparator sort (property)', () => {
    fc.assert(
      fc.property(column, (values) => {
        const expected = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
        const order = ascendingOrder(values, 512);
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(ascendingOrder(values))).toEqual(expected);
        same(sortedByOrder(values, order), Float64Array.from(values).sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe('sortedWithOrder', () => {
  it('gives what the radix order and sortedByOrder give, and the builtin sort (property)', () => {
    fc.assert(
      fc.property(column, (values) => {
        const { ascending, order } = sortedWithOrder(values);
        const radix = ascendingOrder(values, 512);
        expect(Array.from(order)).toEqual(Array.from(radix));
        same(ascending, sortedByOrder(values, radix));
        same(ascending, Float64Array.from(values).sort());
        // From a Float64Array (copied natively) as from an array of numbers.
        expect(Array.from(sortedWithOrder(Float64Array.from(values)).order)).toEqual(Array.from(radix));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ties in input order across long blocks of equal values and of ±0', () => {
    const values = Array.from({ length: 5000 }, (_, i) => [0, -0, 7.5, 7.5, -2][i % 5]! + (i % 997 === 0 ? 1e-9 : 0));
    const expected = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    expect(Array.from(sortedWithOrder(values).order)).toEqual(expected);
  });

  it('puts NaN in a block of its own at the end, every position once', () => {
    const values = [3, Number.NaN, 1, Number.NaN, 2];
    const { ascending, order } = sortedWithOrder(values);
    same(ascending, Float64Array.from(values).sort());
    expect(Array.from(order)).toEqual([2, 4, 0, 1, 3]);
  });
});

describe('lowerBound', () => {
  it('is the first position not below v, ±0 equal (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), value, (values, v) => {
        const sorted = Float64Array.from(values).sort();
        let first = 0;
        while (first < sorted.length && sorted[first]! < v) first++;
        expect(lowerBound(sorted, v)).toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});
