import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { quintileScores, rfmScores } from './score.ts';

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
