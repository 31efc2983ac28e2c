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

/** Observed contribution range per tier, VIP first, from rows with a tier and a contribution. */
export function observedContribution(rows: readonly { tier: Tier; contribution: number }[]): ObservedRange[] {
  const ranges: ObservedRange[] = TIERS.map(() => undefined);
  for (const row of rows) {
    const k = TIERS.indexOf(row.tier);
    if (k < 0) continue;
    const r = ranges[k];
    ranges[k] = r === undefined ? { min: row.contribution, max: row.contribution } : { min: Math.min(r.min, row.contribution), max: Math.max(r.max, row.contribution) };
  }
  return ranges;
}
