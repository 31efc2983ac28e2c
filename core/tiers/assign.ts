import { CvError } from '../errors.ts';
import type { Tier } from '../types.ts';
import { type TierRule, TIERS, tierRuleParams } from './rule.ts';

/** Tiers and contribution scores, aligned with the input values. */
export interface TierAssignment {
  tiers: Tier[];
  /** value / mean value (0 for everyone when the mean is not positive). */
  contribution: number[];
}

/** Index 0..3 into TIERS of the first parameter the test passes, else Small. */
function pick(test: (p: number) => boolean, p: readonly [number, number, number]): Tier {
  for (let i = 0; i < 3; i++) if (test(p[i])) return TIERS[i];
  return TIERS[3];
}

/**
 * Puts each value into a tier by a {@link TierRule}; see the rule for each
 * method's exact boundaries. Deterministic: equal values share a tier and the
 * result does not depend on the input order.
 *
 * @throws CvError('assignTiers', 'value') for a non-finite value; the rule's
 *   errors from {@link tierRuleParams}.
 * @example assignTiers([100, 1, 1, 1, 1, 1, 1, 1, 1, 1], { method: 'contribution' }).tiers[0] // "VIP"
 */
export function assignTiers(values: readonly number[], rule: TierRule): TierAssignment {
  const p = tierRuleParams(rule);
  const n = values.length;
  let total = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new CvError('assignTiers', 'value', `value #${i + 1} is not a finite number`);
    total += v;
    if (v > 0) positive += v;
  }
  const mean = n > 0 ? total / n : 0;
  const contribution = new Array<number>(n);
  for (let i = 0; i < n; i++) contribution[i] = mean > 0 ? values[i] / mean : 0;

  let tiers: Tier[];
  // The two per-value rules are plain loops (no closure per customer); they run on every segment table.
  if (rule.method === 'contribution') {
    tiers = new Array<Tier>(n);
    for (let i = 0; i < n; i++) {
      const c = contribution[i];
      tiers[i] = c > p[0] ? TIERS[0] : c > p[1] ? TIERS[1] : c > p[2] ? TIERS[2] : TIERS[3];
    }
  } else if (rule.method === 'fixed') {
    tiers = new Array<Tier>(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      tiers[i] = v >= p[0] ? TIERS[0] : v >= p[1] ? TIERS[1] : v >= p[2] ? TIERS[2] : TIERS[3];
    }
  } else {
    // "Above" = strictly greater values: ties share the same count and sum.
    const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
    const countAbove = new Array<number>(n);
    const sumAbove = new Array<number>(n);
    let count = 0;
    let sum = 0;
    for (let k = 0; k < n; ) {
      let j = k;
      while (j < n && values[order[j]] === values[order[k]]) j++;
      for (let q = k; q < j; q++) {
        countAbove[order[q]] = count;
        sumAbove[order[q]] = sum;
      }
      for (let q = k; q < j; q++) sum += Math.max(0, values[order[q]]);
      count = j;
      k = j;
    }
    tiers =
      rule.method === 'pareto'
        ? values.map((_, i) => (positive > 0 ? pick((s) => sumAbove[i] / positive < s, p) : 'Small'))
        : // The tolerance keeps 0.07 · 100 = 7.000000000000001 from admitting an 8th customer.
          values.map((_, i) => pick((q) => countAbove[i] < q * n - 1e-9, p));
  }
  return { tiers, contribution };
}
