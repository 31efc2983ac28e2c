import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { normalise } from './normalise.ts';

describe('normalise', () => {
  it('minmax maps to 0..1 and mirrors when lower is better', () => {
    expect(normalise([0, 5, 10], 'minmax')).toEqual([0, 0.5, 1]);
    expect(normalise([0, 5, 10], 'minmax', false)).toEqual([1, 0.5, 0]);
    expect(normalise([3, 3], 'minmax')).toEqual([0.5, 0.5]);
  });
  it('rank gives ties their average rank', () => {
    expect(normalise([10, 20, 20, 30], 'rank')).toEqual([0, 0.5, 0.5, 1]);
    expect(normalise([7], 'rank')).toEqual([0.5]);
  });
  it('z uses the population standard deviation', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, population sd 2 (textbook example)
    expect(normalise([2, 4, 4, 4, 5, 5, 7, 9], 'z')).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
    expect(normalise([1, 1], 'z')).toEqual([0, 0]);
  });
  it('throws for NaN', () => {
    expect(() => normalise([Number.NaN], 'z')).toThrow(CvError);
  });
});
