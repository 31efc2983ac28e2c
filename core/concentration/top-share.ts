import { CvError } from '../errors.ts';

/**
 * Share of the total value held by the top `fraction` of customers (the
 * Pareto "top 20 %" check). The top group has ⌈fraction · n⌉ customers
 * (at least one when n > 0), taken from the highest values.
 * Returns 0 when the total is not positive (no value to share).
 *
 * @throws CvError('topShare', 'value') for a non-finite value; 'num' when
 *   fraction is outside (0, 1].
 * @example topShare([50, 20, 10, 10, 10]) // 0.5 (one customer of five)
 */
export function topShare(values: readonly number[], fraction = 0.2): number {
  if (!(fraction > 0 && fraction <= 1)) throw new CvError('topShare', 'num', `fraction ${fraction} is outside (0, 1]`);
  let total = 0;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new CvError('topShare', 'value', `value #${i + 1} is not a finite number`);
    total += v;
  });
  if (!(total > 0)) return 0;
  // The small epsilon keeps 0.2 · 10 from becoming 3 through rounding error.
  const k = Math.max(1, Math.ceil(fraction * values.length - 1e-9));
  const sorted = [...values].sort((a, b) => b - a);
  let top = 0;
  for (let i = 0; i < k; i++) top += sorted[i];
  return top / total;
}
