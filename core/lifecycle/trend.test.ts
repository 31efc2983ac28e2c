import { describe, expect, it } from 'vitest';
import { valueTrend } from './trend.ts';

describe('valueTrend', () => {
  it('compares repeat-day spend with first-day spend', () => {
    expect(valueTrend({ grossRevenue: 50, monetary: 20, frequency: 2 })).toBe(1);
    expect(valueTrend({ grossRevenue: 60, monetary: 10, frequency: 2 })).toBe(-0.75);
  });
  it('is undefined without repeats or without first-day spend', () => {
    expect(valueTrend({ grossRevenue: 50, monetary: 0, frequency: 0 })).toBeUndefined();
    expect(valueTrend({ grossRevenue: 20, monetary: 10, frequency: 2 })).toBeUndefined();
  });
});
