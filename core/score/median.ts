import { CvError } from '../errors.ts';
import { orderStatistics } from './order-statistics.ts';
import { sortedDoubles } from './sort-doubles.ts';

/**
 * Median: the middle value, or the mean of the two middle values for an
 * even count. NaN for an empty list.
 *
 * @throws CvError('median', 'value') for a non-finite value.
 * @example median([5, 1, 3, 2]) // 2.5
 */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new CvError('median', 'value', `value #${i + 1} is not a finite number`);
  }
  // The middle values selected, not the column sorted (a million customers' CLV: a copy and four
  // word arrays for two numbers). A zero in the middle may be −0 or 0 by the order the selection
  // left them in, where the sort puts −0 first: then the sort decides, for the same bits.
  const h = n >> 1;
  const middle = orderStatistics(values, n % 2 === 1 ? [h] : [h - 1, h]);
  if (middle !== undefined && middle[0] !== 0 && middle[middle.length - 1] !== 0) {
    return n % 2 === 1 ? middle[0] : (middle[0] + middle[1]) / 2;
  }
  return medianOfSorted(sortedDoubles(values));
}

/**
 * Internal (not re-exported from core): the median of finite values already
 * sorted ascending, so a caller that sorted them for another purpose does
 * not sort again. NaN when empty.
 *
 * @example medianOfSorted(Float64Array.of(1, 2, 3, 5)) // 2.5
 */
export function medianOfSorted(ascending: Float64Array): number {
  const n = ascending.length;
  if (n === 0) return Number.NaN;
  const h = n >> 1;
  return n % 2 === 1 ? ascending[h] : (ascending[h - 1] + ascending[h]) / 2;
}
