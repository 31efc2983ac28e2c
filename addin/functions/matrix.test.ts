import { describe, expect, it } from 'vitest';
import { valuematrix } from './matrix.ts';

// Every parameter is a matrix in functions.json: Excel passes a literal as a 1×1 array.
const c = (v: unknown): unknown[][] => [[v]];

describe('CV.VALUEMATRIX', () => {
  // core/matrix example: medians 2.5 and 2.5 → Iron, Iron, Platinum, Platinum.
  it('splits ranges at their medians when no split is given', () => {
    expect(valuematrix([[1], [2], [3], [4]], [[4], [3], [2], [1]])).toEqual([['Iron'], ['Iron'], ['Platinum'], ['Platinum']]);
  });

  it('takes numeric splits, or the median of a split range, for one customer', () => {
    expect(valuematrix(c(10), c(10), c(5), c(5))).toEqual([['Gold']]);
    expect(valuematrix(c(10), c(1), [[1], [2], [30]], [[1], [2], [30]])).toEqual([['Platinum']]);
    expect(valuematrix(c(1), c(1), c(5), c(5))).toEqual([['Lead']]);
  });

  it('leaves fully blank rows blank', () => {
    expect(valuematrix([[1], [null], [4]], [[4], [null], [1]], c(2), c(2))).toEqual([['Iron'], [''], ['Platinum']]);
  });

  it('is #N/A without a split for a single customer, #VALUE! for text', () => {
    expect(() => valuematrix(c(10), c(10))).toThrow(expect.objectContaining({ code: '#N/A' }));
    expect(() => valuematrix(c('ten'), c(10), c(5), c(5))).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
