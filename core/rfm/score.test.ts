import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { quintileCodes, quintileCodesBySelection, quintileScores, rfmScores } from './score.ts';

describe('quintileScores', () => {
  it('gives 1..5 to five distinct values, reversed when lower is better', () => {
    expect(quintileScores([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    expect(quintileScores([10, 20, 30, 40, 50], false)).toEqual([5, 4, 3, 2, 1]);
  });

  it('splits ten values into pairs', () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives tied values the score of the lowest rank of their block', () => {
    // 6 zeros then 4 distinct: nobody is worse than a zero; 6 of 10 worse than 5.
    expect(quintileScores([0, 0, 0, 0, 0, 0, 5, 6, 7, 8])).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it('always in 1..5, equal values equal scores, order does not matter, monotone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), fc.boolean(), (xs, hi) => {
        const s = quintileScores(xs, hi);
        const rev = quintileScores([...xs].reverse(), hi).reverse();
        expect(rev).toEqual(s);
        for (let i = 0; i < xs.length; i++) {
          expect(s[i]).toBeGreaterThanOrEqual(1);
          expect(s[i]).toBeLessThanOrEqual(5);
          for (let j = 0; j < xs.length; j++) {
            if (xs[i] === xs[j]) expect(s[i]).toBe(s[j]);
            if ((hi && xs[i] > xs[j]) || (!hi && xs[i] < xs[j])) expect(s[i]).toBeGreaterThanOrEqual(s[j]);
          }
        }
      }),
    );
  });

  it('throws CvError for NaN', () => {
    expect(() => quintileScores([1, Number.NaN])).toThrow(CvError);
  });
});

describe('rfmScores', () => {
  it('builds the cell from reversed R, F and M', () => {
    const rows = [1, 2, 3, 4, 5].map((k) => ({ sinceLast: 6 - k, frequency: k, monetary: 6 - k }));
    expect(rfmScores(rows).map((x) => x.cell)).toEqual(['115', '224', '333', '442', '551']);
  });
});

/** The first implementation (binary search for the count of worse values), kept as the reference. */
function quintileScoresByBinarySearch(values: readonly number[], higherIsBetter = true): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const countBelow = (v: number, orEqual: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v || (orEqual && sorted[mid] === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => 1 + Math.floor((5 * (higherIsBetter ? countBelow(v, false) : n - countBelow(v, true))) / n));
}

describe('quintileScores and rfmScores against the reference implementation', () => {
  // Few distinct values (many ties), doubles including −0, and lengths around multiples of 5.
  const values = fc.oneof(
    fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 40 }),
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { maxLength: 40 }),
    fc.array(fc.constantFrom(0, -0, 1, 2.5), { maxLength: 40 }),
  );

  it('gives exactly the scores of the binary-search definition (property)', () => {
    fc.assert(
      fc.property(values, fc.boolean(), (xs, hi) => {
        expect(quintileScores(xs, hi)).toEqual(quintileScoresByBinarySearch(xs, hi));
      }),
      { numRuns: 500 },
    );
  });

  it('builds every row as the straightforward version did (property)', () => {
    const row = fc.record({ sinceLast: fc.integer({ min: 0, max: 9 }), frequency: fc.integer({ min: 1, max: 6 }), monetary: fc.integer({ min: -5, max: 50 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const r = quintileScoresByBinarySearch(rows.map((x) => x.sinceLast), false);
        const f = quintileScoresByBinarySearch(rows.map((x) => x.frequency));
        const m = quintileScoresByBinarySearch(rows.map((x) => x.monetary));
        expect(rfmScores(rows)).toEqual(rows.map((_, i) => ({ r: r[i], f: f[i], m: m[i], cell: `${r[i]}${f[i]}${m[i]}` })));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the tie rule at n = 1 … 12 for every rank', () => {
    for (let n = 1; n <= 12; n++) {
      const xs = Array.from({ length: n }, (_, i) => i);
      expect(quintileScores(xs)).toEqual(quintileScoresByBinarySearch(xs));
      expect(quintileScores(xs, false)).toEqual(quintileScoresByBinarySearch(xs, false));
    }
  });
});

describe('quintileCodes (the segment table\'s byte scores)', () => {
  it('gives quintileScores\' scores for any column, either direction (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }), fc.boolean(), (ints, higher) => {
        const column = Float64Array.from(ints);
        const ascending = Float64Array.from(ints).sort();
        expect(Array.from(quintileCodes(column, ascending, higher))).toEqual(quintileScores(ints, higher));
      }),
    );
  });

  it('names the first value that is not finite, as quintileScores does', () => {
    const column = Float64Array.of(1, 2, Infinity, Number.NaN);
    expect(() => quintileCodes(column, Float64Array.from(column).sort())).toThrow('value #3 is not a finite number');
  });

  it('quintileCodesBySelection gives the same codes without the sorted values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 400 }), fc.boolean(), (xs, higher) => {
        const column = Float64Array.from(xs);
        expect(quintileCodesBySelection(column, higher)).toEqual(quintileCodes(column, Float64Array.from(xs).sort(), higher));
      }),
    );
  });

  it('quintileCodesBySelection names the first value that is not finite, as quintileCodes does', () => {
    expect(() => quintileCodesBySelection(Float64Array.of(1, 2, Infinity, Number.NaN))).toThrow('value #3 is not a finite number');
  });
});
