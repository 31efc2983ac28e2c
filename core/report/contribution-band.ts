/**
 * The 客户贡献度 (contribution) column of the tier summary: which values of
 * contribution = value ÷ mean value each tier holds, as in the first column
 * of the beauty-salon table 4-2 of 《客户关系管理》课题四 (VIP 4 and above,
 * 主要客户 (2, 4), 普通客户 (1, 2), 小客户 1 and below).
 */
import type { Tier } from '../types.ts';
import { TIERS, tierRuleParams, type TierRule } from '../tiers/rule.ts';

/** Smallest and largest contribution seen in a tier (undefined for an empty tier). */
export type ObservedRange = { min: number; max: number } | undefined;

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
}

/**
 * The band of each tier, VIP first. With the contribution rule the bands are
 * the rule's own cut points (VIP > c1, Major (c2, c1], Ordinary (c3, c2],
 * Small ≤ c3); the other rules cut on ranks, shares or amounts, so their
 * band is the range of contribution actually found in the tier.
 *
 * @example contributionBands({ method: 'contribution' }, []) // ['> 4', '(2, 4]', '(1, 2]', '≤ 1']
 */
export function contributionBands(rule: TierRule, observed: readonly ObservedRange[]): string[] {
  if (rule.method === 'contribution') {
    const [c1, c2, c3] = tierRuleParams(rule).map(num);
    return [`> ${c1}`, `(${c2}, ${c1}]`, `(${c3}, ${c2}]`, `≤ ${c3}`];
  }
  return TIERS.map((_, k) => {
    const r = observed[k];
    if (r === undefined) return '–';
    return r.min === r.max ? num(r.min) : `${num(r.min)} – ${num(r.max)}`;
  });
}

/** Observed contribution range per tier, VIP first, from each customer's tier and contribution (two columns of the same length). */
export function observedContribution(tiers: readonly Tier[], contribution: ArrayLike<number>): ObservedRange[] {
  const ranges: ObservedRange[] = TIERS.map(() => undefined);
  for (let i = 0; i < tiers.length; i++) {
    const k = TIERS.indexOf(tiers[i]);
    if (k < 0) continue;
    const c = contribution[i];
    const r = ranges[k];
    ranges[k] = r === undefined ? { min: c, max: c } : { min: Math.min(r.min, c), max: Math.max(r.max, c) };
  }
  return ranges;
}
