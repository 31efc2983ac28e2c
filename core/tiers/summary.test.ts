import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignTiers } from './assign.ts';
import { TIERS } from './rule.ts';
import { tierSummary } from './summary.ts';

describe('tierSummary', () => {
  it('always has the four tiers in order, with zeros for empty ones', () => {
    const rows = tierSummary(['VIP', 'Small'], [300, 100]);
    expect(rows.map((r) => r.tier)).toEqual([...TIERS]);
    expect(rows[0]).toEqual({ tier: 'VIP', customers: 1, customerShare: 0.5, value: 300, valueShare: 0.75, averageValue: 300 });
    expect(rows[1]).toMatchObject({ customers: 0, averageValue: 0, valueShare: 0 });
  });

  // Seed 001 table 4-2 (beauty salon A): VIP 1.3 %, Major 4.6 %, Ordinary 20.4 %,
  // Small 73.7 % of customers with contribution cuts 4, 2, 1. The seed's sales
  // shares (11/29/31/29 %) cannot all hold with those cuts (Major would average
  // 29/4.6 = 6.3 times the mean, above 4), so this reproduces the customer side.
  it("reproduces the shape of the seed's table 4-2 on a constructed salon", () => {
    const values = [...Array(13).fill(600), ...Array(46).fill(300), ...Array(204).fill(150), ...Array(737).fill(65)];
    const { tiers } = assignTiers(values, { method: 'contribution' });
    const rows = tierSummary(tiers, values);
    expect(rows.map((r) => r.customerShare)).toEqual([0.013, 0.046, 0.204, 0.737]);
    expect(rows.map((r) => r.value)).toEqual([7800, 13800, 30600, 47905]);
    expect(rows[3].valueShare).toBeCloseTo(47905 / 100105, 12);
  });

  it('shares add up to 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const { tiers } = assignTiers(xs, { method: 'contribution' });
        const rows = tierSummary(tiers, xs);
        expect(rows.reduce((s, r) => s + r.customerShare, 0)).toBeCloseTo(1, 12);
        expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(xs.length);
        if (xs.some((x) => x > 0)) expect(rows.reduce((s, r) => s + r.valueShare, 0)).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe('tierSummary against the first implementation', () => {
  /** The first implementation (Map counters), kept as the reference. */
  const reference = (tiers: readonly (typeof TIERS)[number][], values: readonly number[]) => {
    const count = new Map<string, number>(TIERS.map((t) => [t, 0]));
    const sum = new Map<string, number>(TIERS.map((t) => [t, 0]));
    let total = 0;
    tiers.forEach((t, i) => {
      count.set(t, (count.get(t) ?? 0) + 1);
      sum.set(t, (sum.get(t) ?? 0) + values[i]);
      total += values[i];
    });
    const n = tiers.length;
    return TIERS.map((tier) => {
      const customers = count.get(tier) ?? 0;
      const value = sum.get(tier) ?? 0;
      return { tier, customers, customerShare: n > 0 ? customers / n : 0, value, valueShare: total !== 0 ? value / total : 0, averageValue: customers > 0 ? value / customers : 0 };
    });
  };

  it('is identical, sums included (property)', () => {
    const row = fc.tuple(fc.constantFrom(...TIERS), fc.double({ min: -1e4, max: 1e4, noNaN: true }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const tiers = rows.map((r) => r[0]);
        const values = rows.map((r) => r[1]);
        expect(tierSummary(tiers, values)).toEqual(reference(tiers, values));
      }),
      { numRuns: 300 },
    );
  });
});
