import { CvError } from '../errors.ts';
import type { Tier } from '../types.ts';

/** The four tiers, best first. */
export const TIERS: readonly Tier[] = ['VIP', 'Major', 'Ordinary', 'Small'];

/**
 * How customers are put into tiers. Every method gives equal values the same
 * tier, and a higher value never a lower tier.
 *
 * - `contribution` (seed 001, table 4-2): contribution = value / mean value;
 *   cuts [c1, c2, c3] (default [4, 2, 1]): VIP > c1, Major (c2, c1],
 *   Ordinary (c3, c2], Small ≤ c3.
 * - `pareto`: customers ranked by value, shares [s1, s2, s3] (default
 *   [0.5, 0.8, 0.95]) of cumulative (positive) value: a customer is VIP when
 *   the customers strictly above them hold less than s1 of the total, so the
 *   customer who crosses the line belongs to the upper tier; Major below s2;
 *   Ordinary below s3; Small the rest.
 * - `quantile`: top fractions [q1, q2, q3] of customers by count (default
 *   [0.05, 0.2, 0.5]): VIP when the customers strictly above are fewer than
 *   q1·n, and so on. Ties may make a tier larger than its fraction.
 * - `fixed`: minimum values [vip, major, ordinary], descending (e.g. airline
 *   miles [100000, 50000, 25000]): VIP ≥ vip, Major ≥ major, Ordinary ≥ ordinary.
 */
export type TierRule =
  | { method: 'contribution'; cuts?: readonly [number, number, number] }
  | { method: 'pareto'; shares?: readonly [number, number, number] }
  | { method: 'quantile'; top?: readonly [number, number, number] }
  | { method: 'fixed'; thresholds: readonly [number, number, number] };

export const DEFAULT_TIER_RULE: TierRule = { method: 'contribution', cuts: [4, 2, 1] };

/** The four ways of tiering. */
export type TierMethod = TierRule['method'];

/**
 * A tier rule from a method name and its three parameters, as a form or a
 * command line gives them (cut points, shares, top fractions or minimum
 * values, by method); without parameters, the method's defaults.
 *
 * @throws CvError('tierRule', 'missing') for 'fixed' without thresholds (it has no defaults).
 * @example tierRuleOf('pareto', [0.6, 0.85, 0.95]) // { method: 'pareto', shares: [0.6, 0.85, 0.95] }
 */
export function tierRuleOf(method: TierMethod, params?: readonly [number, number, number]): TierRule {
  switch (method) {
    case 'contribution':
      return { method, cuts: params };
    case 'pareto':
      return { method, shares: params };
    case 'quantile':
      return { method, top: params };
    case 'fixed':
      if (!params) throw new CvError('tierRule', 'missing', 'fixed thresholds need three minimum values (VIP, Major, Ordinary)');
      return { method, thresholds: params };
  }
}

/** Parameters of a rule with defaults filled in, validated. */
export function tierRuleParams(rule: TierRule): readonly [number, number, number] {
  const fn = 'tierRule';
  const p =
    rule.method === 'contribution'
      ? (rule.cuts ?? [4, 2, 1])
      : rule.method === 'pareto'
        ? (rule.shares ?? [0.5, 0.8, 0.95])
        : rule.method === 'quantile'
          ? (rule.top ?? [0.05, 0.2, 0.5])
          : rule.method === 'fixed'
            ? rule.thresholds
            : undefined;
  if (p === undefined) throw new CvError(fn, 'value', `unknown tier method "${String((rule as { method: unknown }).method)}"`);
  if (p.length !== 3 || p.some((x) => !Number.isFinite(x))) throw new CvError(fn, 'value', `${rule.method} needs three finite numbers`);
  const descending = rule.method === 'contribution' || rule.method === 'fixed';
  if (descending ? !(p[0] >= p[1] && p[1] >= p[2]) : !(p[0] <= p[1] && p[1] <= p[2])) {
    throw new CvError(fn, 'num', `${rule.method} parameters [${p.join(', ')}] must be ${descending ? 'descending' : 'ascending'}`);
  }
  if ((rule.method === 'pareto' || rule.method === 'quantile') && (p[0] <= 0 || p[2] > 1)) {
    throw new CvError(fn, 'num', `${rule.method} fractions must lie in (0, 1]`);
  }
  return p;
}
