import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import fc from 'fast-check';
import { median, medianOfSorted } from './median.ts';

describe('median', () => {
  it('takes the middle, or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(median([-1])).toBe(-1);
  });
  it('is NaN for no values and throws for NaN values', () => {
    expect(median([])).toBeNaN();
    expect(() => median([Number.NaN])).toThrow(CvError);
  });
  it('gives the median of the sorted values to the bit, −0 included (property)', () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -3, max: 5 }), fc.constantFrom(0, -0));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), (values) => {
        expect(Object.is(median(values), medianOfSorted(Float64Array.from(values).sort()))).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(Object.is(median([0, -0, -0, 0]), -0 / 2 + 0 / 2)).toBe(true);
  });
});
