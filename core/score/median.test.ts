import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { median } from './median.ts';

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
});
