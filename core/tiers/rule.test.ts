import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { tierRuleParams } from './rule.ts';

describe('tierRuleParams', () => {
  it('fills the documented defaults', () => {
    expect(tierRuleParams({ method: 'contribution' })).toEqual([4, 2, 1]);
    expect(tierRuleParams({ method: 'pareto' })).toEqual([0.5, 0.8, 0.95]);
    expect(tierRuleParams({ method: 'quantile' })).toEqual([0.05, 0.2, 0.5]);
    expect(tierRuleParams({ method: 'fixed', thresholds: [100_000, 50_000, 25_000] })).toEqual([100_000, 50_000, 25_000]);
  });
  it('rejects parameters in the wrong order, outside (0, 1] or not finite, and unknown methods', () => {
    expect(() => tierRuleParams({ method: 'fixed', thresholds: [25_000, 50_000, 100_000] })).toThrow(/descending/);
    expect(() => tierRuleParams({ method: 'pareto', shares: [0.5, 0.8, 1.2] })).toThrow(CvError);
    expect(() => tierRuleParams({ method: 'contribution', cuts: [4, Number.NaN, 1] })).toThrow(CvError);
    expect(() => tierRuleParams({ method: 'median' } as never)).toThrow(/unknown tier method/);
  });
});
