import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { compositeScore } from './composite.ts';

describe('compositeScore', () => {
  it('is the weighted mean of normalised indicators', () => {
    const score = compositeScore([
      { name: 'sales', values: [0, 50, 100], weight: 3 },
      { name: 'returns', values: [0, 10, 0], weight: 1, higherIsBetter: false },
    ]);
    // sales → [0, .5, 1]; returns mirrored → [1, 0, 1]; weights .75/.25
    expect(score).toEqual([0.25, 0.375, 1]);
  });

  it('with one indicator ranks exactly as that indicator (key-indicator method)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 2, maxLength: 40 }), (xs) => {
        const s = compositeScore([{ name: 'x', values: xs, weight: 5, normalisation: 'rank' }]);
        for (let i = 0; i < xs.length; i++)
          for (let j = 0; j < xs.length; j++) expect(Math.sign(s[i] - s[j])).toBe(Math.sign(xs[i] - xs[j]));
      }),
    );
  });

  it('rejects mismatched lengths, no indicators and bad weights', () => {
    expect(() => compositeScore([])).toThrow(CvError);
    expect(() => compositeScore([{ name: 'a', values: [1], weight: 1 }, { name: 'b', values: [1, 2], weight: 1 }])).toThrow(/"b"/);
    expect(() => compositeScore([{ name: 'a', values: [1], weight: 0 }])).toThrow(CvError);
  });
});
