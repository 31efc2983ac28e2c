import { CvError } from '../errors.ts';

/**
 * Validates analyst weights and scales them to sum to 1.
 *
 * @throws CvError('normaliseWeights', 'value') for a non-finite weight;
 *   'num' for a negative weight, an empty list or all weights zero.
 * @example normaliseWeights([2, 1, 1]) // [0.5, 0.25, 0.25]
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  const fn = 'normaliseWeights';
  let sum = 0;
  weights.forEach((w, i) => {
    if (!Number.isFinite(w)) throw new CvError(fn, 'value', `weight #${i + 1} is not a finite number`);
    if (w < 0) throw new CvError(fn, 'num', `weight #${i + 1} is negative`);
    sum += w;
  });
  if (sum === 0) throw new CvError(fn, 'num', 'at least one weight must be positive');
  return weights.map((w) => w / sum);
}
