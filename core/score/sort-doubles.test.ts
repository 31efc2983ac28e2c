import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ascendingOrder, sortedByOrder, sortedDoubles } from './sort-doubles.ts';

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
