import { CvError } from '../errors.ts';

/**
 * Mean absolute error, Σ|predicted − actual| / n: in the unit of the
 * figure itself (e.g. purchases per customer), so a user can read it.
 *
 * @throws CvError('meanAbsoluteError', 'value') for arrays of different
 *   length or a non-finite value; 'data' when there are no pairs.
 * @example meanAbsoluteError([1, 2, 3], [1, 4, 0]) // 5/3
 */
export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const fn = 'meanAbsoluteError';
  const n = predicted.length;
  if (actual.length !== n) throw new CvError(fn, 'value', `predicted (${n}) and actual (${actual.length}) must have the same length`);
  if (n === 0) throw new CvError(fn, 'data', 'there are no customers to compare');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i];
    const a = actual[i];
    if (!Number.isFinite(p) || !Number.isFinite(a)) throw new CvError(fn, 'value', `pair #${i + 1} is not a pair of finite numbers`);
    sum += Math.abs(p - a);
  }
  return sum / n;
}
