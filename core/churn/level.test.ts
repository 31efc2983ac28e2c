import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { churnLevel } from './level.ts';

describe('churnLevel', () => {
  it('is low below 0.3, high from 0.7, medium between', () => {
    expect(churnLevel(0)).toBe('low');
    expect(churnLevel(0.2999)).toBe('low');
    expect(churnLevel(0.3)).toBe('medium');
    expect(churnLevel(0.6999)).toBe('medium');
    expect(churnLevel(0.7)).toBe('high');
    expect(churnLevel(0.5, [0.6, 0.9])).toBe('low');
  });
  it('rejects NaN, out-of-range risks and bad thresholds', () => {
    expect(() => churnLevel(Number.NaN)).toThrow(CvError);
    expect(() => churnLevel(1.1)).toThrow(CvError);
    expect(() => churnLevel(0.5, [0.8, 0.2])).toThrow(CvError);
  });
});
