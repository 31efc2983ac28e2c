import { CvError } from '../errors.ts';
import { averageRanks } from './ranks.ts';

/**
 * Spearman's rank correlation: Pearson's correlation of the average ranks
 * (ties share the mean of their ranks, as scipy.stats.spearmanr does), so
 * it asks only whether a higher x goes with a higher y, not how much.
 *
 * @throws CvError('spearman', 'value') for arrays of different length or a
 *   NaN value; 'data' for fewer than two pairs or when either side has one
 *   value only (no ordering to compare).
 * @example spearman([1, 2, 3, 4], [10, 30, 20, 40]) // 0.8
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fn = 'spearman';
  const n = x.length;
  if (y.length !== n) throw new CvError(fn, 'value', `x (${n}) and y (${y.length}) must have the same length`);
  if (n < 2) throw new CvError(fn, 'data', 'a correlation needs at least two customers');
  const rx = averageRanks(x, fn);
  const ry = averageRanks(y, fn);
  // Average ranks always have mean (n + 1)/2; centring on it keeps the sums exact-ish for large n.
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mean;
    const dy = ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) throw new CvError(fn, 'data', `every ${sxx === 0 ? 'x' : 'y'} value is the same, so there is no ordering to correlate`);
  return sxy / Math.sqrt(sxx * syy);
}
