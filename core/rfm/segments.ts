import { CvError } from '../errors.ts';
import type { RfmSegment } from '../types.ts';

/**
 * The ten named RFM segments, from the R score and the FM score
 * fm = round-half-up((F + M) / 2), the common "R vs (F+M)/2" grid:
 *
 * | R \ FM | 1              | 2                   | 3                   | 4         | 5          |
 * |--------|----------------|---------------------|---------------------|-----------|------------|
 * | 5      | New            | Potential Loyalists | Potential Loyalists | Champions | Champions  |
 * | 4      | Promising      | Potential Loyalists | Potential Loyalists | Loyal     | Loyal      |
 * | 3      | About to Sleep | About to Sleep      | Need Attention      | Loyal     | Loyal      |
 * | 2      | Hibernating    | Hibernating         | At Risk             | At Risk   | Can't Lose |
 * | 1      | Hibernating    | Hibernating         | At Risk             | At Risk   | Can't Lose |
 *
 * Every one of the 25 cells has exactly one segment.
 */
export const RFM_SEGMENT_GRID: readonly (readonly RfmSegment[])[] = [
  // index 0 is R = 1 … index 4 is R = 5; inner index 0 is FM = 1
  ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose"],
  ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose"],
  ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal', 'Loyal'],
  ['Promising', 'Potential Loyalists', 'Potential Loyalists', 'Loyal', 'Loyal'],
  ['New', 'Potential Loyalists', 'Potential Loyalists', 'Champions', 'Champions'],
];

/** All ten segments, best first. */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose",
  'Hibernating',
];

/**
 * Named segment of an RFM score (see {@link RFM_SEGMENT_GRID}).
 *
 * @throws CvError('rfmSegment', 'num') when a score is not a whole number 1..5.
 * @example rfmSegment(5, 4, 5) // "Champions" (fm = round(4.5) = 5)
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  for (const s of [r, f, m]) {
    if (!Number.isInteger(s) || s < 1 || s > 5) throw new CvError('rfmSegment', 'num', `score ${s} is not a whole number 1..5`);
  }
  const fm = Math.floor((f + m + 1) / 2);
  return RFM_SEGMENT_GRID[r - 1][fm - 1];
}
