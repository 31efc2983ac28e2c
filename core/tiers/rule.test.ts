import { describe, expect, it } from 'vitest';
import { CvError } from '../errors.ts';
import { tierRuleOf, tierRuleParams } from './rule.ts';

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

describe('tierRuleOf', () => {
  it('puts the three parameters where each method reads them', () => {
    expect(tierRuleOf('contribution', [5, 3, 1])).toEqual({ method: 'contribution', cuts: [5, 3, 1] });
    expect(tierRuleOf('pareto', [0.6, 0.85, 0.95])).toEqual({ method: 'pareto', shares: [0.6, 0.85, 0.95] });
    expect(tierRuleOf('quantile', [0.1, 0.3, 0.6])).toEqual({ method: 'quantile', top: [0.1, 0.3, 0.6] });
    expect(tierRuleOf('fixed', [100000, 50000, 25000])).toEqual({ method: 'fixed', thresholds: [100000, 50000, 25000] });
  });

  it("leaves the method's defaults in place without parameters", () => {
    expect(tierRuleParams(tierRuleOf('pareto'))).toEqual([0.5, 0.8, 0.95]);
  });

  it('refuses fixed thresholds without values, since they have no defaults', () => {
    expect(() => tierRuleOf('fixed')).toThrow('tierRule: fixed thresholds need three minimum values (VIP, Major, Ordinary)');
  });
});
