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
  // A value outside the four tiers (possible from untyped callers) counts in the total only, as before: code 4.
  const n = tiers.length;
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = tierIndex(tiers[i]);
    codes[i] = k >= 0 ? k : 4;
  }
  return tierSummaryOfCodes(codes, values);
}

/**
 * Internal (not re-exported from core): {@link tierSummary} of tiers given
 * as their indexes into TIERS (tiers/assign.ts' tierCodes); a code past
 * the four counts in the total only.
 *
 * @example tierSummaryOfCodes(Uint8Array.of(0, 3), Float64Array.of(90, 10))[0].valueShare // 0.9
 */
export function tierSummaryOfCodes(codes: ArrayLike<number>, values: ArrayLike<number>): TierSummaryRow[] {
  // Plain counters indexed like TIERS (no Map lookups per customer); sums still accumulate in input order.
  const count = [0, 0, 0, 0, 0];
  const sum = [0, 0, 0, 0, 0];
  let total = 0;
  const n = codes.length;
  for (let i = 0; i < n; i++) {
    const k = codes[i];
    count[k]++;
    sum[k] += values[i];
    total += values[i];
  }
  return TIERS.map((tier, k) => {
    const customers = count[k];
    const value = sum[k];
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

/** Position of a tier in TIERS, −1 for anything else. */
function tierIndex(tier: Tier): number {
  switch (tier) {
    case 'VIP':
      return 0;
    case 'Major':
      return 1;
    case 'Ordinary':
      return 2;
    case 'Small':
      return 3;
    default:
      return -1;
  }
}
