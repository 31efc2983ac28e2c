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
  checkFraction(fraction);
  const n = values.length;
  const sorted = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new CvError('topShare', 'value', `value #${i + 1} is not a finite number`);
    sorted[i] = v;
    total += v;
  }
  if (!(total > 0)) return 0;
  // A typed-array sort needs no comparator callback: several times faster than sorting a copy of the list.
  return topShareOfSorted(sorted.sort(), total, fraction);
}

/**
 * Internal (not re-exported from core): {@link topShare} of values already
 * validated and sorted ascending, with `total` summed in the caller's
 * original order. The top values are added from the largest down, the same
 * order as topShare, so the result is bit-identical.
 *
 * @throws CvError('topShare', 'num') when fraction is outside (0, 1].
 * @example topShareOfSorted(Float64Array.of(10, 10, 10, 20, 50), 100, 0.2) // 0.5
 */
export function topShareOfSorted(ascending: Float64Array, total: number, fraction = 0.2): number {
  checkFraction(fraction);
  if (!(total > 0)) return 0;
  const n = ascending.length;
  // The small epsilon keeps 0.2 · 10 from becoming 3 through rounding error.
  const k = Math.max(1, Math.ceil(fraction * n - 1e-9));
  let top = 0;
  for (let i = n - 1; i >= n - k; i--) top += ascending[i];
  return top / total;
}

function checkFraction(fraction: number): void {
  if (!(fraction > 0 && fraction <= 1)) throw new CvError('topShare', 'num', `fraction ${fraction} is outside (0, 1]`);
}
