import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { CASES } from './fixtures/evaluate.ts';
import { meanAbsoluteError } from './mean-absolute-error.ts';

describe('meanAbsoluteError', () => {
  // scikit-learn's mean_absolute_error documentation example: 0.5.
  it('is 0.5 for the scikit-learn example', () => {
    expect(meanAbsoluteError([2.5, 0.0, 2, 8], [3, -0.5, 2, 7])).toBe(0.5);
  });
  // Reference: sklearn.metrics.mean_absolute_error, fixtures/generate.py.
  it.each(CASES.map((c) => [c.name, c] as const))('matches scikit-learn on "%s"', (_, c) => {
    expect(meanAbsoluteError(c.v, c.w)).toBeCloseTo(c.mae, 12);
  });
  it('rejects empty, unequal and non-finite input', () => {
    expect(() => meanAbsoluteError([], [])).toThrow(expect.objectContaining({ kind: 'data' }) as CvError);
    expect(() => meanAbsoluteError([1], [1, 2])).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
    expect(() => meanAbsoluteError([Infinity], [1])).toThrow(expect.objectContaining({ kind: 'value' }) as CvError);
  });
});
