import { describe, expect, it } from 'vitest';
import { valuematrix } from './matrix.ts';

describe('CV.VALUEMATRIX', () => {
  // core/matrix example: medians 2.5 and 2.5 → Iron, Iron, Platinum, Platinum.
  it('splits ranges at their medians when no split is given', () => {
    expect(valuematrix([[1], [2], [3], [4]], [[4], [3], [2], [1]])).toEqual([['Iron'], ['Iron'], ['Platinum'], ['Platinum']]);
  });

  it('takes numeric splits, or the median of a split range, for one customer', () => {
    expect(valuematrix(10, 10, 5, 5)).toEqual([['Gold']]);
    expect(valuematrix(10, 1, [[1], [2], [30]], [[1], [2], [30]])).toEqual([['Platinum']]);
    expect(valuematrix(1, 1, 5, 5)).toEqual([['Lead']]);
  });

  it('leaves fully blank rows blank', () => {
    expect(valuematrix([[1], [null], [4]], [[4], [null], [1]], 2, 2)).toEqual([['Iron'], [''], ['Platinum']]);
  });

  it('is #N/A without a split for a single customer, #VALUE! for text', () => {
    expect(() => valuematrix(10, 10)).toThrow(expect.objectContaining({ code: '#N/A' }));
    expect(() => valuematrix('ten', 10, 5, 5)).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
