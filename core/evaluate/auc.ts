import { CvError } from '../errors.ts';
import { averageRanks } from './ranks.ts';

/**
 * Area under the ROC curve of a score for a yes/no outcome: the probability
 * that a randomly chosen customer with the outcome scores higher than one
 * without it, ties counted half (0.5 = no better than chance, 1 = perfect
 * ordering). Computed from the Mann–Whitney U statistic on average ranks,
 *   AUC = (Σ ranks of positives − n₁(n₁ + 1)/2) / (n₁ n₀)
 * (Hanley & McNeil 1982, Radiology 143), in O(n log n).
 *
 * @throws CvError('rocAuc', 'value') for arrays of different length or a NaN
 *   score; 'data' when there are no customers, or all of them have the same
 *   outcome (the area is then undefined).
 * @example rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]) // 0.75
 */
export function rocAuc(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): number {
  const fn = 'rocAuc';
  const n = scores.length;
  if (outcomes.length !== n) throw new CvError(fn, 'value', `scores (${n}) and outcomes (${outcomes.length}) must have the same length`);
  if (n === 0) throw new CvError(fn, 'data', 'there are no customers to score');
  const ranks = averageRanks(scores, fn);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (outcomes[i]) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new CvError(fn, 'data', `every customer has the same outcome (${positives === 0 ? 'no' : 'yes'}), so the score cannot be checked`);
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
