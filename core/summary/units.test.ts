import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { unitDays } from './units.ts';

describe('unitDays', () => {
  it('is 1, 7 and 365.25/12 days', () => {
    expect(unitDays('day')).toBe(1);
    expect(unitDays('week')).toBe(7);
    expect(unitDays('month')).toBeCloseTo(30.4375, 12);
  });
  it('throws value for an unknown unit', () => {
    expect(() => unitDays('year' as never)).toThrow(CvError);
  });
});

