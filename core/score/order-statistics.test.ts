import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orderStatistics } from './order-statistics.ts';

/** Finite doubles as a customers' column holds them: repeated amounts, whole counts, signed zeros, extremes. */
const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(0, -0, 0.1, 1e-310, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE),
);
const column = fc.oneof(fc.array(value, { minLength: 1, maxLength: 40 }), fc.array(value, { minLength: 200, maxLength: 3000 }));

/** −0 and 0 as one value: they compare equal, and a selection may give either where a sort gives one. */
const plain = (v: number): number => v + 0;

describe('orderStatistics', () => {
  it('gives at each rank the value Float64Array.prototype.sort puts there (property)', () => {
    fc.assert(
      fc.property(column, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (values, picks) => {
        const ranks = picks.map((p) => p % values.length);
        const sorted = Float64Array.from(values).sort();
        expect(Array.from(orderStatistics(values, ranks)!, plain)).toEqual(ranks.map((r) => plain(sorted[r])));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same values from an Int32Array (selected in a copy of its own type) as from its doubles (property)', () => {
    const ints = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.integer(), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 0));
    fc.assert(
      fc.property(fc.oneof(fc.array(ints, { minLength: 1, maxLength: 40 }), fc.array(ints, { minLength: 200, maxLength: 3000 })), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (list, picks) => {
        const values = Int32Array.from(list);
        const before = values.slice();
        const ranks = picks.map((p) => p % values.length);
        const sorted = Float64Array.from(list).sort();
        expect(Array.from(orderStatistics(values, ranks)!)).toEqual(ranks.map((r) => sorted[r]));
        expect(values).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('by the values\' bits (no copy, from DIGITS_FROM values on; forced here) gives exactly the sort\'s value at each rank, −0 before +0 (property)', () => {
    const exact = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
    // Long columns of few distinct values make blocks larger than the few that are sorted, so every digit is counted.
    const crowded = fc.array(fc.constantFrom(0, -0, 1, 1.5, -2, 1e-310, 7 / 3, -Number.MAX_VALUE), { minLength: 4100, maxLength: 9000 });
    fc.assert(
      fc.property(fc.oneof(column, crowded), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.boolean(), (list, picks, asInt32) => {
        const values = asInt32 ? Int32Array.from(list, (v) => Math.trunc(Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, v)))) : list;
        const ranks = picks.map((p) => p % values.length);
        const sorted = Float64Array.from(values).sort();
        expect(Array.from(orderStatistics(values, ranks, 0)!, exact)).toEqual(ranks.map((r) => exact(sorted[r])));
      }),
      { numRuns: 200 },
    );
  });

  it('by the values\' bits, tells apart values that differ only in their lowest bits, in blocks too large to sort', () => {
    const exact = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
    const kinds = [1, 1 + 2 ** -30, 1 + 2 ** -40, 1 + 2 ** -52, -1, -(1 + 2 ** -40), -(1 + 2 ** -52), -0, 0, 5e-324];
    const values: number[] = [];
    for (let k = 0; k < 5000; k++) for (const v of kinds) values.push(v);
    // A fixed shuffle (a multiplicative step through the positions) so that equal values do not sit together.
    const shuffled = values.map((_, i) => values[(i * 7919) % values.length]!);
    const sorted = Float64Array.from(shuffled).sort();
    const ranks: number[] = [];
    for (let b = 0; b < kinds.length; b++) ranks.push(b * 5000, b * 5000 + 4999);
    expect(Array.from(orderStatistics(shuffled, ranks, 0)!, exact)).toEqual(ranks.map((r) => exact(sorted[r])));
  });

  it('by the values\' bits, is undefined for a value that is not finite and rejects a rank outside the column', () => {
    expect(orderStatistics([1, Number.NaN, 2], [0], 0)).toBeUndefined();
    expect(orderStatistics([1, -Infinity, 2], [0], 0)).toBeUndefined();
    expect(() => orderStatistics([1, 2], [2], 0)).toThrow('rank 2 is outside 0 … 1');
  });

  it('leaves the column it is given as it was', () => {
    const values = Float64Array.from({ length: 500 }, (_, i) => (i * 7919) % 501);
    const before = Float64Array.from(values);
    orderStatistics(values, [0, 250, 499]);
    expect(values).toEqual(before);
  });

  it('stays exact on inputs that defeat a median-of-three pivot and on long runs of one value', () => {
    const n = 100_000;
    // Organ pipe (rising, then falling), many ties, and sorted both ways.
    const shapes = [
      Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i)),
      Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 2)),
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
    ];
    for (const values of shapes) {
      const ranks = [0, 19_999, 39_999, 59_999, 79_999, n - 1];
      const sorted = Float64Array.from(values).sort();
      expect(Array.from(orderStatistics(values, ranks)!)).toEqual(ranks.map((r) => sorted[r]));
    }
  });

  it('is undefined for a column with a value that is not finite (the caller reports it)', () => {
    expect(orderStatistics([1, Number.NaN, 2], [0])).toBeUndefined();
    expect(orderStatistics([1, Infinity, 2], [0])).toBeUndefined();
  });

  it('rejects a rank outside the column', () => {
    expect(() => orderStatistics([1, 2], [2])).toThrow('rank 2 is outside 0 … 1');
  });
});
