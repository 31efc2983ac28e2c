import { CvError } from '../errors.ts';

/**
 * Ranks 1..n of the values, ties given the mean of the ranks they span
 * (the "average" method of scipy.stats.rankdata). Both ROC AUC and
 * Spearman's correlation are defined on these ranks, so ties are counted
 * half in the one and handled the textbook way in the other.
 *
 * O(n log n): one sort of the indices by value.
 *
 * @throws CvError(fn, 'value') when a value is NaN (fn names the caller, so
 *   the user sees which figure could not be computed).
 * @example averageRanks([10, 20, 20, 5]) // [2, 3.5, 3.5, 1]
 */
export function averageRanks(values: ArrayLike<number>, fn = 'averageRanks'): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new CvError(fn, 'value', `value #${i + 1} is not a number`);
    order[i] = i;
  }
  order.sort((a, b) => values[a] - values[b] || 0);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start..end−1 hold equal values; their ranks start+1..end average to this.
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}
