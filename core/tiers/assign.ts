import { CvError } from '../errors.ts';
import type { Tier } from '../types.ts';
import { type TierRule, TIERS, tierRuleParams } from './rule.ts';

/** Tiers and contribution scores, aligned with the input values. */
export interface TierAssignment {
  tiers: Tier[];
  /** value / mean value (0 for everyone when the mean is not positive). */
  contribution: number[];
}

/** Index 0..3 into TIERS of the first parameter the test passes, else 3 (Small). */
function pick(test: (p: number) => boolean, p: readonly [number, number, number]): number {
  for (let i = 0; i < 3; i++) if (test(p[i])) return i;
  return 3;
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
  const { codes, contribution } = tierCodes(values, rule);
  const n = values.length;
  const tiers = new Array<Tier>(n);
  const share = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    tiers[i] = TIERS[codes[i]];
    share[i] = contribution[i];
  }
  return { tiers, contribution: share };
}

/** {@link TierAssignment} as columns: each tier as its index into TIERS. */
export interface TierCodes {
  codes: Uint8Array;
  contribution: Float64Array;
}

/**
 * Internal (not re-exported from core): {@link assignTiers} on any column
 * of numbers, each tier a byte (its index into TIERS) and the contributions
 * as doubles: the same numbers, without an array of strings and one of
 * numbers per call (16 bytes a customer, garbage soon after).
 *
 * @throws as assignTiers.
 * @example TIERS[tierCodes(Float64Array.of(100, 1, 1, 1, 1, 1, 1, 1, 1, 1), { method: 'contribution' }).codes[0]] // "VIP"
 */
export function tierCodes(values: ArrayLike<number>, rule: TierRule): TierCodes {
  const { codes, mean } = tierCodesOfMean(values, rule);
  const n = values.length;
  const contribution = new Float64Array(n);
  if (mean > 0) for (let i = 0; i < n; i++) contribution[i] = values[i] / mean;
  return { codes, contribution };
}

/** A customer's contribution (value / mean value, 0 when the mean is not positive), as {@link tierCodes} gives it. */
export function contributionOf(value: number, mean: number): number {
  return mean > 0 ? value / mean : 0;
}

/**
 * Internal (not re-exported from core): {@link tierCodes} without the
 * contributions, and the mean they are made from by {@link contributionOf}.
 * The segment table keeps no column of them: at 3.77 million customers it
 * was 29 MiB held to the end of the 10M-row run, whose memory peaks there,
 * for a quotient made again in a few nanoseconds when a product reads it.
 *
 * @throws as assignTiers.
 * @example tierCodesOfMean(Float64Array.of(3, 1), { method: 'contribution' }).mean // 2
 */
export function tierCodesOfMean(values: ArrayLike<number>, rule: TierRule): { codes: Uint8Array; mean: number } {
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
  const codes = new Uint8Array(n);
  const p0 = p[0];
  const p1 = p[1];
  const p2 = p[2];
  if (rule.method === 'contribution') {
    for (let i = 0; i < n; i++) {
      const c = mean > 0 ? values[i] / mean : 0;
      codes[i] = c > p0 ? 0 : c > p1 ? 1 : c > p2 ? 2 : 3;
    }
  } else if (rule.method === 'fixed') {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      codes[i] = v >= p0 ? 0 : v >= p1 ? 1 : v >= p2 ? 2 : 3;
    }
  } else {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b] - values[a]);
    const countAbove = new Float64Array(n);
    const sumAbove = new Float64Array(n);
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
    for (let i = 0; i < n; i++) {
      codes[i] =
        rule.method === 'pareto'
          ? positive > 0
            ? pick((s) => sumAbove[i] / positive < s, p)
            : 3
          : // The tolerance keeps 0.07 · 100 = 7.000000000000001 from admitting an 8th customer.
            pick((q) => countAbove[i] < q * n - 1e-9, p);
    }
  }
  return { codes, mean };
}
