import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { topShare } from './top-share.ts';

describe('topShare', () => {
  it('takes the top ⌈20 %⌉ of customers', () => {
    expect(topShare([50, 20, 10, 10, 10])).toBe(0.5);
    // 10 customers → top 2: (10 + 9) / 55
    expect(topShare([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(19 / 55, 12);
    // 7 customers → ⌈1.4⌉ = 2
    expect(topShare([1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(2 / 7, 12);
  });
  it('is 0 without positive total and rejects bad fractions', () => {
    expect(topShare([])).toBe(0);
    expect(topShare([0, 0])).toBe(0);
    expect(() => topShare([1], 0)).toThrow(CvError);
    expect(topShare([3, 1], 1)).toBe(1);
  });
});
