import { CvError } from '../errors.ts';

/**
 * Gini coefficient of non-negative values: the mean absolute difference
 * between all pairs divided by twice the mean,
 *   G = Σ_i Σ_j |x_i − x_j| / (2 n² x̄),
 * computed from the sorted values x_(1) ≤ … ≤ x_(n) as
 *   G = 2 Σ_i i·x_(i) / (n Σ x) − (n + 1) / n
 * (the standard population form, e.g. Damgaard & Weiner 2000, Ecology 81(4)).
 * 0 when everyone holds the same; (n − 1)/n when one holds everything.
 * Returns 0 for an empty list or an all-zero list.
 *
 * @throws CvError('gini', 'value') for a non-finite value; 'num' for a negative value.
 * @example gini([1, 2, 3, 4, 5]) // 0.26666… (= 40 / 150)
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const s = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new CvError('gini', 'value', `value #${i + 1} is not a finite number`);
    if (v < 0) throw new CvError('gini', 'num', `value #${i + 1} is negative`);
    s[i] = v;
    total += v;
  }
  return giniOfSorted(s.sort(), total);
}

/**
 * Internal (not re-exported from core): the Gini coefficient of values that
 * are already validated (finite, ≥ 0) and sorted ascending, with their total
 * summed in the caller's original order. Lets the segment table share one
 * sort between the Gini coefficient, the top share and the median; the
 * result is bit-identical to {@link gini} on the unsorted values.
 *
 * @example giniOfSorted(Float64Array.of(1, 2, 3, 4, 5), 15) // 0.26666…
 */
export function giniOfSorted(ascending: Float64Array, total: number): number {
  const n = ascending.length;
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * ascending[i];
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
