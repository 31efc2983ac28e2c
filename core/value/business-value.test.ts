import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { businessValue } from './business-value.ts';

describe('businessValue', () => {
  it('is revenue minus cost, negative for a loss', () => {
    expect(businessValue(1200, 700)).toBe(500);
    expect(businessValue(100, 150)).toBe(-50);
  });
  it('throws CvError value for NaN or infinity', () => {
    expect(() => businessValue(Number.NaN, 1)).toThrow(CvError);
    expect(() => businessValue(1, Infinity)).toThrow(CvError);
  });
});

