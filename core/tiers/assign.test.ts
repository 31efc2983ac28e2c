import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CvError } from '../errors.ts';
import { assignTiers, contributionOf, tierCodes, tierCodesOfMean } from './assign.ts';
import { TIERS, type TierRule } from './rule.ts';

const rank = (t: string) => TIERS.indexOf(t as (typeof TIERS)[number]);

describe('assignTiers', () => {
  it('contribution: VIP > 4, Major (2,4], Ordinary (1,2], Small ≤ 1 of the mean', () => {
    // mean 10: contributions 5, 4, 2, 1, 0.5 and a filler to keep the mean at 10
    const values = [50, 40, 20, 10, 5, 0, 0, 0, 0, -25];
    const { tiers, contribution } = assignTiers(values, { method: 'contribution' });
    expect(contribution.slice(0, 5)).toEqual([5, 4, 2, 1, 0.5]);
    expect(tiers.slice(0, 5)).toEqual(['VIP', 'Major', 'Ordinary', 'Small', 'Small']);
  });

  it('pareto: the customer who crosses a cumulative share joins the upper tier', () => {
    // total 100: 40 (0 above → VIP), 30 (40 above < 50 → VIP), 15 (70 < 80 → Major), 10 (85 < 95 → Ordinary), 5 (95 → Small)
    const { tiers } = assignTiers([10, 40, 5, 30, 15], { method: 'pareto' });
    expect(tiers).toEqual(['Ordinary', 'VIP', 'Small', 'VIP', 'Major']);
  });

  it('quantile: top 5 % / 20 % / 50 % by count', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const { tiers } = assignTiers(values, { method: 'quantile' });
    expect(TIERS.map((t) => tiers.filter((x) => x === t).length)).toEqual([5, 15, 30, 50]);
    const odd = assignTiers(values, { method: 'quantile', top: [0.07, 0.2, 0.5] }).tiers;
    expect(odd.filter((x) => x === 'VIP').length).toBe(7);
  });

  it('fixed: airline miles 100,000 / 50,000 / 25,000 are minimums', () => {
    const { tiers } = assignTiers([100_000, 99_999, 50_000, 25_000, 24_999], { method: 'fixed', thresholds: [100_000, 50_000, 25_000] });
    expect(tiers).toEqual(['VIP', 'Major', 'Major', 'Ordinary', 'Small']);
  });

  it('puts everybody in Small when the mean or positive total is not positive', () => {
    expect(assignTiers([0, 0, -1], { method: 'contribution' }).tiers).toEqual(['Small', 'Small', 'Small']);
    expect(assignTiers([0, 0], { method: 'pareto' }).tiers).toEqual(['Small', 'Small']);
  });

  it('rejects bad rules and values', () => {
    expect(() => assignTiers([1], { method: 'contribution', cuts: [1, 2, 4] })).toThrow(CvError);
    expect(() => assignTiers([1], { method: 'quantile', top: [0, 0.2, 0.5] })).toThrow(CvError);
    expect(() => assignTiers([Number.NaN], { method: 'pareto' })).toThrow(CvError);
  });

  const rules: TierRule[] = [
    { method: 'contribution' },
    { method: 'pareto' },
    { method: 'quantile' },
    { method: 'fixed', thresholds: [30, 10, 0] },
  ];
  it('is monotone in value, equal on ties and independent of order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 60 }), { minLength: 1, maxLength: 80 }), fc.constantFrom(...rules), (xs, rule) => {
        const { tiers } = assignTiers(xs, rule);
        const back = assignTiers([...xs].reverse(), rule).tiers.reverse();
        expect(back).toEqual(tiers);
        for (let i = 0; i < xs.length; i++)
          for (let j = 0; j < xs.length; j++) {
            if (xs[i] === xs[j]) expect(tiers[i]).toBe(tiers[j]);
            if (xs[i] > xs[j]) expect(rank(tiers[i])).toBeLessThanOrEqual(rank(tiers[j]));
          }
      }),
    );
  });
});

describe('assignTiers against the first implementation', () => {
  /** The first contribution and fixed rules (a closure per value), kept as the reference. */
  const reference = (values: number[], method: 'contribution' | 'fixed', p: readonly [number, number, number]) => {
    const pick = (test: (x: number) => boolean) => {
      for (let i = 0; i < 3; i++) if (test(p[i])) return TIERS[i];
      return TIERS[3];
    };
    const mean = values.length > 0 ? values.reduce((a, v) => a + v, 0) / values.length : 0;
    const contribution = values.map((v) => (mean > 0 ? v / mean : 0));
    const tiers = method === 'contribution' ? contribution.map((c) => pick((cut) => c > cut)) : values.map((v) => pick((min) => v >= min));
    return { tiers, contribution };
  };

  it('gives the same tiers and contributions for the contribution and fixed rules (property)', () => {
    const value = fc.oneof(fc.integer({ min: -10, max: 100 }), fc.double({ min: -1e3, max: 1e4, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (xs) => {
        expect(assignTiers(xs, { method: 'contribution', cuts: [4, 2, 1] })).toEqual(reference(xs, 'contribution', [4, 2, 1]));
        expect(assignTiers(xs, { method: 'contribution', cuts: [2, 2, 0.5] })).toEqual(reference(xs, 'contribution', [2, 2, 0.5]));
        expect(assignTiers(xs, { method: 'fixed', thresholds: [50, 10, 0] })).toEqual(reference(xs, 'fixed', [50, 10, 0]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('tierCodes (the segment table\'s byte tiers)', () => {
  it('gives assignTiers\' tiers and contributions under every rule (property)', () => {
    const rules: TierRule[] = [{ method: 'contribution' }, { method: 'pareto' }, { method: 'quantile' }, { method: 'fixed', thresholds: [30, 10, 0] }];
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 40 }), fc.constantFrom(...rules), (values, rule) => {
        const expected = assignTiers(values, rule);
        const { codes, contribution } = tierCodes(Float64Array.from(values), rule);
        expect(Array.from(codes, (c) => TIERS[c])).toEqual(expected.tiers);
        expect(Array.from(contribution)).toEqual(expected.contribution);
      }),
    );
  });
});

describe('tierCodesOfMean and contributionOf (the segment table\'s contributions made when read)', () => {
  it('give tierCodes\' tiers, and value / (sum / n) as each contribution, 0 when that mean is not positive (property)', () => {
    const rules: TierRule[] = [{ method: 'contribution' }, { method: 'pareto' }, { method: 'quantile' }, { method: 'fixed', thresholds: [30, 10, 0] }];
    const amount = fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constantFrom(0, -0, 12.5));
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), fc.constantFrom(...rules), (values, rule) => {
        const column = Float64Array.from(values);
        const { codes, mean } = tierCodesOfMean(column, rule);
        const full = tierCodes(column, rule);
        expect(Array.from(codes)).toEqual(Array.from(full.codes));
        let sum = 0;
        for (const v of values) sum += v;
        const m = values.length > 0 ? sum / values.length : 0;
        values.forEach((v, i) => {
          const made = contributionOf(v, mean);
          expect(Object.is(made, m > 0 ? v / m : 0)).toBe(true);
          expect(Object.is(made, full.contribution[i])).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
