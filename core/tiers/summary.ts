import type { Tier, TierSummaryRow } from '../types.ts';
import { TIERS } from './rule.ts';

/**
 * The tier summary table (seed 001, table 4-2): for VIP, Major, Ordinary and
 * Small, in that order and always all four: customers, share of customers,
 * value, share of value, average value. Shares are fractions 0..1; each
 * column adds up to 1 (value shares when the total value is non-zero; they
 * are all 0 otherwise). The average of an empty tier is 0.
 *
 * @example tierSummary(['VIP', 'Small'], [300, 100])[0] // { tier: 'VIP', customers: 1, customerShare: 0.5, value: 300, valueShare: 0.75, averageValue: 300 }
 */
export function tierSummary(tiers: readonly Tier[], values: readonly number[]): TierSummaryRow[] {
  const count = new Map<Tier, number>(TIERS.map((t) => [t, 0]));
  const sum = new Map<Tier, number>(TIERS.map((t) => [t, 0]));
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
    return {
      tier,
      customers,
      customerShare: n > 0 ? customers / n : 0,
      value,
      valueShare: total !== 0 ? value / total : 0,
      averageValue: customers > 0 ? value / customers : 0,
    };
  });
}
