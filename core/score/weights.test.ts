import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { normaliseWeights } from './weights.ts';

describe('normaliseWeights', () => {
  it('scales to sum 1', () => {
    expect(normaliseWeights([2, 1, 1])).toEqual([0.5, 0.25, 0.25]);
    expect(normaliseWeights([0, 3])).toEqual([0, 1]);
  });
  it('rejects negative, all-zero, empty and NaN weights', () => {
    expect(() => normaliseWeights([1, -1])).toThrow(CvError);
    expect(() => normaliseWeights([0, 0])).toThrow(/positive/);
    expect(() => normaliseWeights([])).toThrow(CvError);
    expect(() => normaliseWeights([Number.NaN])).toThrow(CvError);
  });
});
