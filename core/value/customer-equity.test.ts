import { describe, expect, it } from 'vitest';
import { customerEquity } from './customer-equity.ts';

describe('customerEquity', () => {
  it('sums lifetime values; empty is 0', () => {
    expect(customerEquity([100, 250.5, -20])).toBe(330.5);
    expect(customerEquity([])).toBe(0);
  });
  it('throws on NaN and names the position', () => {
    expect(() => customerEquity([1, Number.NaN])).toThrow(/#2/);
  });
});
